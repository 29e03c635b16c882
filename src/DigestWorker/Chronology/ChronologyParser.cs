using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Chronology;

/// <summary>
/// Reads one chronology document: the header (title, period), the analysis (dated narrative sentences under
/// their section headings) and the "Chronology of ..." list. Never throws on content: anything unreadable
/// becomes a <see cref="DocumentWarning"/>.
/// </summary>
public static class ChronologyParser
{
    public static ParsedDocument Parse(string file, string text) => Parse(file, text, new TextPool());

    /// <summary>As above; the events share equal texts (their dates as written) with other documents of <paramref name="pool"/>.</summary>
    internal static ParsedDocument Parse(string file, string text, TextPool pool)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        var lines = TextLines.Split(text);
        var titleIndex = lines.FindIndex(l => !string.IsNullOrWhiteSpace(l));
        if (titleIndex < 0)
        {
            return new ParsedDocument(file, string.Empty, string.Empty, null, null, [], [new DocumentWarning(file, 0, "document is empty")]);
        }

        var layout = DocumentLayout.Find(lines, titleIndex);
        var warnings = new List<DocumentWarning>();
        if (layout.Period is null)
        {
            warnings.Add(new DocumentWarning(file, 0, "document period not found; narrative dates cannot be placed"));
        }

        if (layout.ChronologyIndex < 0)
        {
            warnings.Add(new DocumentWarning(file, 0, "no \"Chronology of\" section"));
        }

        var title = TextNormalizer.CollapseWhitespace(lines[titleIndex]);
        var document = new DocumentContext(file, title, layout.PeriodText);
        var entries = Array.Empty<RawEntry>() as IReadOnlyList<RawEntry>;
        IReadOnlyList<LineDisposition> dispositions = [];
        var section = string.Empty;
        if (layout.ChronologyIndex >= 0)
        {
            var reader = new ChronologySectionReader(file, layout.Period);
            reader.Read(lines, layout.ChronologyIndex);
            (entries, dispositions) = (reader.Entries, reader.Lines);
            warnings.AddRange(reader.Warnings);
            section = TextNormalizer.CollapseWhitespace(lines[layout.ChronologyIndex]);
        }

        var narrative = layout.Period is { } period
            ? NarrativeReader.Read(lines, layout.BodyStart, layout.NarrativeEnd, period)
            : [];
        var events = EventAssembler.Assemble(document, entries, section, narrative, pool);
        return new ParsedDocument(file, title, layout.PeriodText, layout.Period?.Start, layout.Period?.End, events, warnings)
        {
            ChronologyLines = dispositions,
        };
    }
}

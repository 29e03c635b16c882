namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Where the parts of a document are: the header (title, period, subtitle, author lines) runs until the
/// first line that reads like a paragraph; the analysis runs from there to the "Chronology of" heading.
/// </summary>
internal sealed record DocumentLayout(int BodyStart, int NarrativeEnd, int ChronologyIndex, DateSpan? Period, string PeriodText)
{
    public static DocumentLayout Find(IReadOnlyList<string> lines, int titleIndex)
    {
        var chronology = -1;
        for (var i = titleIndex + 1; i < lines.Count; i++)
        {
            if (LineShapes.IsChronologyHeading(lines[i]))
            {
                chronology = i;
                break;
            }
        }

        var narrativeEnd = chronology >= 0 ? chronology : lines.Count;
        var bodyStart = narrativeEnd;
        for (var i = titleIndex + 1; i < narrativeEnd; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]) && !LineShapes.IsHeadingShaped(lines[i]) && !LineShapes.IsBoilerplate(lines[i]))
            {
                bodyStart = i;
                break;
            }
        }

        var (period, text) = FindPeriod(lines, titleIndex + 1, bodyStart);
        if (period is null && chronology >= 0)
        {
            // No period in the header: the line under the chronology heading usually repeats it.
            var next = chronology + 1;
            while (next < lines.Count && string.IsNullOrWhiteSpace(lines[next]))
            {
                next++;
            }

            (period, text) = FindPeriod(lines, next, Math.Min(next + 1, lines.Count));
        }

        return new DocumentLayout(bodyStart, narrativeEnd, chronology, period, text);
    }

    private static (DateSpan? Period, string Text) FindPeriod(IReadOnlyList<string> lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (PeriodParser.TryParse(lines[i]) is { } period)
            {
                return (period, TextNormalizer.CollapseWhitespace(lines[i]));
            }
        }

        return (null, string.Empty);
    }
}

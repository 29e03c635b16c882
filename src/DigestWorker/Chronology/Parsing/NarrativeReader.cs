using System.Text;

namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Reads the analysis part of a document: groups lines into paragraphs, tracks the section heading each
/// paragraph sits under, and keeps every sentence that names a day inside the period.
/// </summary>
internal static class NarrativeReader
{
    /// <param name="lines">All document lines.</param>
    /// <param name="from">0-based first line of the analysis (after the header).</param>
    /// <param name="to">0-based line after the analysis (the chronology heading, or the line count).</param>
    /// <param name="period">The document period; dates outside it are background, not events.</param>
    public static List<NarrativeSentence> Read(IReadOnlyList<string> lines, int from, int to, DateSpan period)
    {
        var found = new List<NarrativeSentence>();
        string? section = null;
        var i = from;
        while (i < to)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                i++;
                continue;
            }

            var first = i;
            while (i < to && !string.IsNullOrWhiteSpace(lines[i]))
            {
                i++;
            }

            if (i - first == 1 && LineShapes.IsBoilerplate(lines[first]))
            {
                continue;
            }

            if (i - first == 1 && LineShapes.IsHeadingShaped(lines[first]))
            {
                section = TextNormalizer.CollapseWhitespace(lines[first]);
                continue;
            }

            ReadParagraph(lines, first, i, section, period, found);
        }

        return found;
    }

    private static void ReadParagraph(
        IReadOnlyList<string> lines, int first, int end, string? section, DateSpan period, List<NarrativeSentence> found)
    {
        var text = new StringBuilder();
        var lineStarts = new List<int>(end - first);
        for (var k = first; k < end; k++)
        {
            lineStarts.Add(text.Length);
            text.Append(lines[k]).Append(' ');
        }

        var paragraph = text.ToString();
        foreach (var range in SentenceSplitter.Split(paragraph))
        {
            var sentence = paragraph[range];
            if (NarrativeDateFinder.FindFirstInside(sentence, period) is not { } date)
            {
                continue;
            }

            var index = lineStarts.BinarySearch(range.Start.Value);
            var line = first + (index >= 0 ? index : ~index - 1) + 1;
            found.Add(new NarrativeSentence(line, section, date, TextNormalizer.CollapseWhitespace(sentence)));
        }
    }
}

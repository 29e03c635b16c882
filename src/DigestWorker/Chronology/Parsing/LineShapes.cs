namespace DigestWorker.Chronology.Parsing;

/// <summary>What a single line looks like: boilerplate, a heading, the start of the chronology list.</summary>
internal static class LineShapes
{
    /// <summary>Headings are short; anything longer is a paragraph however it ends.</summary>
    internal const int MaxHeadingLength = 100;

    // Web-page furniture that survived the export; never content, never a heading.
    private static readonly HashSet<string> Boilerplate = new(StringComparer.OrdinalIgnoreCase)
    {
        "Download Article as PDF", "Connect with the Author", "Download PDF", "Print", "Share",
    };

    public static bool IsBoilerplate(string line) => Boilerplate.Contains(line.Trim());

    /// <summary>
    /// Short, and not ending like a sentence or clause. A trailing ':' is excluded too: photo captions end with
    /// "Photo:" and lead-ins to quotations end with "remarked:".
    /// </summary>
    public static bool IsHeadingShaped(string line)
    {
        var text = line.AsSpan().Trim();
        return text.Length is > 0 and <= MaxHeadingLength
            && text[^1] is not ('.' or ',' or ';' or ':')
            && !IsBoilerplate(line);
    }

    public static bool IsChronologyHeading(string line)
    {
        var text = line.AsSpan().Trim();
        return text.Length <= MaxHeadingLength && text.StartsWith("Chronology of", StringComparison.Ordinal);
    }
}

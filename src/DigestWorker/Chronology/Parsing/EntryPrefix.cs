namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Decides whether a line starts with something shaped like an entry date ("Sept. 6, 2017:"), before
/// trying to read it: shaped-but-unreadable lines become warnings instead of silent continuations.
/// </summary>
internal static class EntryPrefix
{
    // Longest plausible prefix is "September 30, 2017-December 31, 2018"; a little slack, and the bound
    // keeps a 10 MB line from being scanned for a colon.
    private const int MaxLength = 48;

    public static bool TrySplit(string line, out string prefix, out string rest)
    {
        prefix = rest = string.Empty;
        var start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
        {
            start++;
        }

        var limit = Math.Min(line.Length, start + MaxLength);
        var colon = line.IndexOf(':', start, limit - start);
        if (colon <= start || !char.IsAsciiLetterUpper(line[start]))
        {
            return false;
        }

        var hasDigit = false;
        for (var i = start; i < colon; i++)
        {
            var c = line[i];
            hasDigit |= char.IsAsciiDigit(c);
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '\t' or '.' or ',' || DateDashes.Is(c)))
            {
                return false;
            }
        }

        if (!hasDigit)
        {
            return false;
        }

        prefix = line[start..colon].TrimEnd();
        rest = line[(colon + 1)..];
        return true;
    }

    /// <summary>
    /// Whether a line that is not an entry still begins with a full date, a month, a day and a year ("Sept. 5, 2017 -
    /// ..."): most likely an entry whose colon was mistyped, which would otherwise run silently into the entry above.
    /// </summary>
    public static bool StartsWithFullDate(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var word = i;
        while (i < line.Length && char.IsAsciiLetter(line[i]))
        {
            i++;
        }

        if (i == word || !char.IsAsciiLetterUpper(line[word]) || !MonthNames.TryGet(line.AsSpan(word, i - word), out _))
        {
            return false;
        }

        i += i < line.Length && line[i] == '.' ? 1 : 0;
        return SkipSpaces(line, ref i) && SkipDigits(line, ref i, 1, 2)
            && i < line.Length && line[i++] == ',' && SkipSpaces(line, ref i) && SkipDigits(line, ref i, 4, 4)
            && (i == line.Length || !char.IsAsciiDigit(line[i]));
    }

    private static bool SkipSpaces(string line, ref int i)
    {
        var from = i;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        return i > from;
    }

    private static bool SkipDigits(string line, ref int i, int min, int max)
    {
        var from = i;
        while (i < line.Length && i - from < max && char.IsAsciiDigit(line[i]))
        {
            i++;
        }

        return i - from >= min;
    }
}

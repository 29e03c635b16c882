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
}

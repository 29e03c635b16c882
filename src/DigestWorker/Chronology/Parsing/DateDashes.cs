namespace DigestWorker.Chronology.Parsing;

/// <summary>The range separators writers use: hyphen, en dash, em dash, and the minus sign.</summary>
internal static class DateDashes
{
    public static bool Is(char c) => c is '-' or '\u2013' or '\u2014' or '\u2212';

    public static int IndexIn(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Is(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

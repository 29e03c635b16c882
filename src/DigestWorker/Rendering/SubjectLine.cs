using System.Text;

namespace DigestWorker.Rendering;

/// <summary>Makes a rendered subject safe for a mail header: one line, no control characters, bounded length.</summary>
internal static class SubjectLine
{
    private const char Ellipsis = '\u2026';

    public static string Clean(string rendered, int maxLength)
    {
        var line = new StringBuilder(rendered.Length);
        var pendingSpace = false;
        foreach (var c in rendered)
        {
            // Control characters (CR, LF, TAB, NUL …) and Unicode separators would split or spoof the header.
            if (IsBidiControl(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = line.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                line.Append(' ');
                pendingSpace = false;
            }

            line.Append(c);
        }

        if (line.Length <= maxLength)
        {
            return line.ToString();
        }

        var cut = maxLength - 1;
        if (char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return line.ToString(0, cut).TrimEnd() + Ellipsis;
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
}

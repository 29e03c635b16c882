using System.Text;

namespace DigestWorker.Delivery.Messages;

/// <summary>
/// Makes document and configuration text safe to put in a header: a CR or LF in a subscriber name or a subject
/// would otherwise start a new header (e.g. "\r\nBcc: someone"). Control characters become spaces, runs of
/// whitespace collapse, and the result is trimmed.
/// </summary>
internal static class HeaderText
{
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            // Unicode line and paragraph separators end lines in some readers too.
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>As <see cref="Clean"/>, and without the angle brackets that delimit a URL or id in a header.</summary>
    public static string CleanToken(string? value) =>
        Clean(value).Replace("<", string.Empty, StringComparison.Ordinal)
                    .Replace(">", string.Empty, StringComparison.Ordinal)
                    .Replace(" ", "%20", StringComparison.Ordinal);
}

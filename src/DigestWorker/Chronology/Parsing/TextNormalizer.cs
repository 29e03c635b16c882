using System.Text;

namespace DigestWorker.Chronology.Parsing;

/// <summary>Whitespace and quote normalisation shared by event text, ids and duplicate detection.</summary>
internal static class TextNormalizer
{
    /// <summary>Collapses every whitespace run to one space and trims; other characters are kept as written.</summary>
    public static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The form compared for duplicates: collapsed whitespace and straight quotes.</summary>
    public static string ForComparison(string text)
    {
        var collapsed = CollapseWhitespace(text);
        var sb = new StringBuilder(collapsed.Length);
        foreach (var c in collapsed)
        {
            sb.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
                _ => c,
            });
        }

        return sb.ToString();
    }
}

using System.Buffers;

namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Whitespace and quote normalisation shared by event text, ids and duplicate detection. One pass over a
/// pooled buffer: it runs for every entry, and 100,000-entry documents must parse in well under a second.
/// </summary>
internal static class TextNormalizer
{
    private const int StackLimit = 256;

    /// <summary>Collapses every whitespace run to one space and trims; other characters are kept as written.</summary>
    public static string CollapseWhitespace(ReadOnlySpan<char> text) => Normalize(text, straightenQuotes: false);

    /// <summary>The form compared for duplicates: collapsed whitespace and straight quotes.</summary>
    public static string ForComparison(string text) => Normalize(text, straightenQuotes: true);

    private static string Normalize(ReadOnlySpan<char> text, bool straightenQuotes)
    {
        char[]? rented = null;
        var buffer = text.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = straightenQuotes ? Straighten(c) : c;
        }

        var result = new string(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    private static char Straighten(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
        _ => c,
    };
}

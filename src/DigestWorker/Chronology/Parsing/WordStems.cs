namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Crude content-word stems for deciding whether a sentence restates an entry: lowercase words of three or
/// more letters, stop words, numbers and month names dropped, common English suffixes cut so that
/// "inaugurates" and "inaugurated" meet. Only Latin-script words count: the parenthesised Chinese or Russian
/// originals ("张又侠") are glosses that an entry may or may not repeat, so they would only skew the share.
/// </summary>
internal static class WordStems
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "that", "this", "was", "were", "are", "its", "their", "his", "her",
        "has", "have", "had", "been", "into", "onto", "over", "under", "after", "before", "between", "also",
        "who", "which", "when", "where", "while", "will", "would", "not", "but", "than", "then", "they", "them",
        "there", "these", "those", "two", "both", "other", "such", "some", "more", "most", "all", "any", "each",
        "about", "during", "within", "via", "per", "our", "out", "off", "said", "says",
    };

    private static readonly string[] Suffixes =
        ["ational", "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly", "ies", "ied", "ed", "es", "s", "ly", "e"];

    public static HashSet<string> Of(string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsLatinLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsLatinLetter(text[i]))
            {
                i++;
            }

            var word = text.Substring(start, Math.Min(i - start, 40)).ToLowerInvariant();
            if (word.Length >= 3 && !StopWords.Contains(word) && !MonthNames.TryGet(word, out _))
            {
                stems.Add(Stem(word));
            }
        }

        return stems;
    }

    private static bool IsLatinLetter(char c) => c <= '\u024F' && char.IsLetter(c);

    private static string Stem(string word)
    {
        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}

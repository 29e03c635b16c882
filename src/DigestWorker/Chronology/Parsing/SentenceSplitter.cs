namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Splits a paragraph into sentences by hand (linear time, no regex): a sentence ends at '.', '!' or '?'
/// (plus any closing quotes or brackets) followed by whitespace and a character that is not lowercase,
/// unless the period closes an abbreviation ("Sept. 3", "Gen. Zhang", "U.S.", an initial). Ellipses never end a
/// sentence: in these documents they elide words inside quotations.
/// </summary>
internal static class SentenceSplitter
{
    // Look-back bound for the word before a period, so a 10 MB run of "a.a.a." stays linear.
    private const int MaxAbbreviationLength = 8;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Gov", "Sen", "Rep",
        "Prof", "Jr", "Sr", "Co", "Ltd", "Inc", "Corp", "No", "Nos", "Vol", "vs", "Mt", "Ft", "Ave", "approx",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Start and end offsets of each sentence; whitespace between sentences is not included.</summary>
    public static List<Range> Split(string text)
    {
        var sentences = new List<Range>();
        var start = SkipSpaces(text, 0);
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?'))
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?')
            {
                end++;
            }

            var terminators = end - i;
            while (end < text.Length && IsCloser(text[end]))
            {
                end++;
            }

            var next = SkipSpaces(text, end);
            var boundary = end == text.Length || (next > end && (next == text.Length || !char.IsLower(text[next])));
            var ellipsis = c == '.' && terminators >= 3;
            var abbreviation = c == '.' && terminators == 1 && IsAbbreviation(text, i);
            if (boundary && !ellipsis && !abbreviation)
            {
                sentences.Add(start..end);
                start = next;
            }

            i = next > end ? next : end;
        }

        if (start < text.Length)
        {
            sentences.Add(start..TrimEnd(text, text.Length));
        }

        return sentences;
    }

    private static bool IsAbbreviation(string text, int period)
    {
        var wordStart = period;
        while (wordStart > 0 && period - wordStart < MaxAbbreviationLength && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, period - wordStart);
        if (word.Length == 0 || (wordStart > 0 && char.IsLetter(text[wordStart - 1])))
        {
            return false;
        }

        // "U.S." or "e.g." carry inner periods; a lone capital is an initial ("George W. Bush").
        return word.Contains('.') || (word.Length == 1 && char.IsUpper(word[0])) || Lookup.Contains(word);
    }

    private static bool IsCloser(char c) =>
        c is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '\u00BB' or '\u300D' or '\u300F';

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int TrimEnd(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DigestWorker.Subscriptions;

/// <summary>
/// Turns topic keywords into one regular expression: case-insensitive whole words, plural forms,
/// a trailing <c>*</c> for a prefix, phrases across any whitespace, and substring matching for scripts written without spaces.
/// </summary>
internal static class KeywordPattern
{
    private const string WordChar = @"[\p{L}\p{M}\p{N}]";
    private const string NotAfterWord = $"(?<!{WordChar})";
    private const string NotBeforeWord = $"(?!{WordChar})";

    // The keyword's pattern without the word-boundary checks, and whether it needs them (scripts written with spaces).
    private static (string Body, bool Bounded) Parse(string keyword)
    {
        var (term, prefix) = Split(keyword);

        var words = term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var body = string.Join(@"\s+", words.Select(Regex.Escape));
        if (IsWrittenWithoutSpaces(term))
        {
            // Chinese, Japanese, Thai... have no word boundaries to anchor on: match anywhere.
            return (body, false);
        }

        return (body + (prefix ? WordChar + "*" : "(?:s|es)?"), true);
    }

    /// <summary>The keyword's words, and whether it ends with the one <c>*</c> that makes it a prefix.</summary>
    public static (string Term, bool Prefix) Split(string keyword)
    {
        var term = keyword.Trim();
        return term.EndsWith('*') ? (term[..^1].TrimEnd(), true) : (term, false);
    }

    /// <summary>True when the term contains a character of a script that is written without spaces between words.</summary>
    public static bool IsWrittenWithoutSpaces(string term)
    {
        foreach (var rune in term.EnumerateRunes())
        {
            var v = rune.Value;
            if (v is >= 0x2E80 and <= 0x9FFF // CJK radicals, kana, CJK unified ideographs
                || v is >= 0xF900 and <= 0xFAFF // CJK compatibility ideographs
                || v is >= 0x20000 and <= 0x3FFFF // CJK extensions
                || v is >= 0x0E00 and <= 0x0EFF // Thai, Lao
                || v is >= 0x1000 and <= 0x109F // Myanmar
                || v is >= 0x1780 and <= 0x17FF) // Khmer
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The combined, compiled pattern for a list of terms; group <c>t{i}</c> is term i.</summary>
    /// <remarks>
    /// Consecutive terms that need word boundaries share one pair of checks around their alternation,
    /// <c>(?&lt;!W)(?:(?&lt;t0&gt;a)|(?&lt;t1&gt;b))(?!W)</c> with W = <c>[\p{L}\p{M}\p{N}]</c>, instead of each term carrying
    /// its own. Both checks are zero-width and depend only on the position, so this matches exactly what the per-term
    /// checks did: the terms are tried in the same order, and a term whose end fails the look-ahead still gives way to
    /// the next one. It is faster to run (see the benchmark notes, session 11).
    /// </remarks>
    public static Regex Combine(IReadOnlyList<string> terms)
    {
        var parts = terms.Select(Parse).ToArray();
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Length;)
        {
            var bounded = parts[i].Bounded;
            sb.Append(i > 0 ? "|" : "").Append(bounded ? $"{NotAfterWord}(?:" : "");
            for (var first = i; i < parts.Length && parts[i].Bounded == bounded; i++)
            {
                sb.Append(i > first ? "|" : "").Append(CultureInfo.InvariantCulture, $"(?<t{i}>{parts[i].Body})");
            }

            sb.Append(bounded ? $"){NotBeforeWord}" : "");
        }

        return new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture);
    }
}

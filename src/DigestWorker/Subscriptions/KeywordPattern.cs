using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DigestWorker.Subscriptions;

/// <summary>
/// Turns a topic keyword into a regular-expression fragment: case-insensitive whole words, plural forms,
/// a trailing <c>*</c> for a prefix, phrases across any whitespace, and substring matching for scripts written without spaces.
/// </summary>
internal static class KeywordPattern
{
    private const string WordChar = @"[\p{L}\p{M}\p{N}]";

    public static string ToRegex(string keyword)
    {
        var term = keyword.Trim();
        var prefix = term.EndsWith('*');
        if (prefix)
        {
            term = term[..^1].TrimEnd();
        }

        var words = term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var body = string.Join(@"\s+", words.Select(Regex.Escape));
        if (IsWrittenWithoutSpaces(term))
        {
            // Chinese, Japanese, Thai... have no word boundaries to anchor on: match anywhere.
            return body;
        }

        var suffix = prefix ? WordChar + "*" : "(?:s|es)?";
        return $"(?<!{WordChar}){body}{suffix}(?!{WordChar})";
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
    public static Regex Combine(IReadOnlyList<string> terms)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < terms.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('|');
            }

            sb.Append(CultureInfo.InvariantCulture, $"(?<t{i}>{ToRegex(terms[i])})");
        }

        return new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture);
    }
}

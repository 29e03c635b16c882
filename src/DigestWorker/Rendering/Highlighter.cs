using System.Net;
using System.Text;

namespace DigestWorker.Rendering;

/// <summary>
/// Wraps matched terms in <c>&lt;mark&gt;</c> while HTML-encoding everything else. The raw text is split on the
/// matched spans first and each piece encoded on its own, so no markup from a document can ever get through.
/// </summary>
internal static class Highlighter
{
    public static string Html(string raw, IEnumerable<string> terms)
    {
        var spans = FindSpans(raw, terms);
        if (spans.Count == 0)
        {
            return WebUtility.HtmlEncode(raw);
        }

        var html = new StringBuilder(raw.Length + (spans.Count * 16));
        var at = 0;
        foreach (var (start, end) in spans)
        {
            html.Append(WebUtility.HtmlEncode(raw[at..start]))
                .Append("<mark style=\"background-color:#fde68a;color:#1f2933;padding:0 2px;\">")
                .Append(WebUtility.HtmlEncode(raw[start..end]))
                .Append("</mark>");
            at = end;
        }

        return html.Append(WebUtility.HtmlEncode(raw[at..])).ToString();
    }

    /// <summary>Sorted, merged [start, end) spans of every whole-word occurrence of the terms.</summary>
    internal static List<(int Start, int End)> FindSpans(string raw, IEnumerable<string> terms)
    {
        var found = new List<(int Start, int End)>();
        foreach (var term in terms.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal))
        {
            // Matched text is as written in the document, so an ordinal search finds it exactly.
            for (var i = raw.IndexOf(term, StringComparison.Ordinal); i >= 0; i = raw.IndexOf(term, i + 1, StringComparison.Ordinal))
            {
                if (IsWordBoundary(raw, i) && IsWordBoundary(raw, i + term.Length))
                {
                    found.Add((i, i + term.Length));
                }
            }
        }

        found.Sort();
        var merged = new List<(int Start, int End)>(found.Count);
        foreach (var span in found)
        {
            // Adjacent terms ("military exercise") read better as one mark than as two with a gap.
            if (merged.Count > 0 && (span.Start <= merged[^1].End || string.IsNullOrWhiteSpace(raw[merged[^1].End..span.Start])))
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    // "US" must not light up inside "USSR": a position is a boundary unless letters or digits touch on both sides.
    private static bool IsWordBoundary(string raw, int index) =>
        index <= 0 || index >= raw.Length || !(char.IsLetterOrDigit(raw[index - 1]) && char.IsLetterOrDigit(raw[index]));
}

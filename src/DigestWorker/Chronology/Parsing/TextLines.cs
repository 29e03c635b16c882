namespace DigestWorker.Chronology.Parsing;

/// <summary>Splits document text into lines, tolerating a BOM and LF, CRLF or lone CR endings.</summary>
internal static class TextLines
{
    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}

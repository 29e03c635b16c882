using System.Text;

namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Turns document bytes into text strictly: binary content (NUL bytes) and invalid UTF-8 are refused with a
/// reason rather than decoded leniently, because replacement characters would silently change event wording
/// and therefore event ids.
/// </summary>
internal static class DocumentDecoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? TryDecode(byte[] bytes, out string? problem)
    {
        // Saved as UTF-16 with its byte order mark (Windows editors' "Unicode"): read as such, strictly; its NUL bytes
        // are half of every ASCII character, not binary content.
        // (FF FE 00 00 is UTF-32LE's mark: not read, refused below for its NUL bytes.)
        if (bytes is ([0xFF, 0xFE, ..] and not [0xFF, 0xFE, 0x00, 0x00, ..]) or [0xFE, 0xFF, ..])
        {
            var bigEndian = bytes[0] == 0xFE;
            try
            {
                problem = null;
                return new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
            }
            catch (DecoderFallbackException ex)
            {
                problem = $"not valid UTF-16{(bigEndian ? "BE" : "LE")} (byte offset {ex.Index + 2}); document skipped";
                return null;
            }
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            problem = "binary content (NUL bytes); document skipped";
            return null;
        }

        try
        {
            var text = Strict.GetString(bytes);
            problem = null;
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            problem = $"not valid UTF-8 (byte offset {ex.Index}); document skipped";
            return null;
        }
    }
}

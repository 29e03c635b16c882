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

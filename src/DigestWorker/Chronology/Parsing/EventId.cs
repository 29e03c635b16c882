using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DigestWorker.Chronology.Parsing;

/// <summary>Stable event ids: a hash of what the event says, never of where or when it was read.</summary>
internal static class EventId
{
    public static string Compute(EventKind kind, DateOnly start, DateOnly end, string text)
    {
        var key = string.Join(
            '|',
            kind.ToString(),
            start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TextNormalizer.ForComparison(text));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}

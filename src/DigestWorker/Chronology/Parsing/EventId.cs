using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DigestWorker.Chronology.Parsing;

/// <summary>Stable event ids: a hash of what the event says, never of where or when it was read.</summary>
internal static class EventId
{
    // One reusable hasher per thread: creating a platform hash context per event dominated parse time.
    [ThreadStatic]
    private static IncrementalHash? _hasher;

    public static string Compute(EventKind kind, DateOnly start, DateOnly end, string text)
    {
        var key = string.Create(
            CultureInfo.InvariantCulture,
            $"{kind}|{start:yyyy-MM-dd}|{end:yyyy-MM-dd}|{TextNormalizer.ForComparison(text)}");
        var hasher = _hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(Encoding.UTF8.GetBytes(key));
        Span<byte> hash = stackalloc byte[32];
        hasher.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}

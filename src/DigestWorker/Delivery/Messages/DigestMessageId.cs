using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DigestWorker.Delivery.Messages;

/// <summary>
/// The Message-ID of a digest, fixed by (subscriber, fire time): a re-send after a crash carries the same id,
/// so receiving systems and people can tell it is the same digest.
/// </summary>
internal static class DigestMessageId
{
    /// <summary>What every digest Message-ID starts with; the hash follows, in <see cref="HexLength"/> lower-case hex digits.</summary>
    public const string Prefix = "digest.";

    public const int HexLength = 24;

    /// <summary><c>digest.{first 24 hex of sha256(subscriber|fireTimeUtcTicks)}@{domain}</c>, without angle brackets.</summary>
    public static string For(string subscriberId, DateTimeOffset fireTime, string domain)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{subscriberId}|{fireTime.UtcTicks}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var hex = Convert.ToHexStringLower(hash)[..HexLength];
        return $"{Prefix}{hex}@{domain}";
    }

    /// <summary>The domain of an address (the part after the last '@'), lower-cased.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        var domain = at >= 0 ? address[(at + 1)..] : address;
        return HeaderText.CleanToken(domain).ToLowerInvariant();
    }
}

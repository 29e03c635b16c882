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
    /// <summary><c>digest.{first 24 hex of sha256(subscriber|fireTimeUtcTicks)}@{domain}</c>, without angle brackets.</summary>
    public static string For(string subscriberId, DateTimeOffset fireTime, string domain)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{subscriberId}|{fireTime.UtcTicks}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var hex = Convert.ToHexStringLower(hash)[..24];
        return $"digest.{hex}@{domain}";
    }

    /// <summary>The domain of an address (the part after the last '@'), lower-cased.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        var domain = at >= 0 ? address[(at + 1)..] : address;
        return HeaderText.CleanToken(domain).ToLowerInvariant();
    }
}

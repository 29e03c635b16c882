using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;

namespace DigestWorker.Delivery.Messages;

/// <summary>
/// A Message-ID held in 24 bytes when it has the form <see cref="DigestMessageId.For"/> gives it (the hash as two
/// numbers, the domain shared), instead of a 43-character string: a run's report keeps one for each due digest, 10 MB
/// at 100,000. Any other text is kept as it is. Reading <see cref="Text"/> makes the string again.
/// </summary>
internal readonly struct PackedMessageId : IEquatable<PackedMessageId>
{
    private const string Prefix = DigestMessageId.Prefix;
    private const int HexLength = DigestMessageId.HexLength;

    // Domains seen in packed ids: one per configured sender, a few more from a record written under an older one.
    // Bounded so that odd ids cannot grow it: past the bound an id is simply kept as text.
    private const int MaxDomains = 64;
    private static readonly ConcurrentDictionary<string, string> Domains = new(StringComparer.Ordinal);
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    // The whole id when not packed; the domain when packed.
    private readonly string? _text;
    private readonly ulong _high;
    private readonly uint _low;
    private readonly bool _packed;

    private PackedMessageId(string? text) => _text = text;

    private PackedMessageId(string domain, ulong high, uint low) => (_text, _high, _low, _packed) = (domain, high, low, true);

    /// <summary>The id as text, equal to the one it was made from.</summary>
    public string? Text => _packed
        ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{_high:x16}{_low:x8}@{_text}")
        : _text;

    public static PackedMessageId Of(string? id)
    {
        if (id is null || id.Length <= Prefix.Length + HexLength + 1 || !id.StartsWith(Prefix, StringComparison.Ordinal) || id[Prefix.Length + HexLength] != '@')
        {
            return new PackedMessageId(id);
        }

        var hex = id.AsSpan(Prefix.Length, HexLength);
        Span<byte> hash = stackalloc byte[HexLength / 2];
        // Lower-case hex only, so that the text made again is the same text.
        if (hex.ContainsAnyExcept(LowerHex) || Convert.FromHexString(hex, hash, out _, out _) != OperationStatus.Done
            || SharedDomain(id.AsSpan(Prefix.Length + HexLength + 1)) is not { } domain)
        {
            return new PackedMessageId(id);
        }

        return new PackedMessageId(domain, BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt32BigEndian(hash[8..]));
    }

    public bool Equals(PackedMessageId other) => string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PackedMessageId other && Equals(other);

    public override int GetHashCode() => Text is { } text ? StringComparer.Ordinal.GetHashCode(text) : 0;

    public override string ToString() => Text ?? string.Empty;

    private static string? SharedDomain(ReadOnlySpan<char> domain)
    {
        var lookup = Domains.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(domain, out var known))
        {
            return known;
        }

        if (Domains.Count >= MaxDomains)
        {
            return null;
        }

        var text = domain.ToString();
        return Domains.GetOrAdd(text, text);
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace DigestWorker.Delivery.Record;

/// <summary>How values are stored in the SQLite columns; one place so reads and writes cannot drift apart.</summary>
internal static class SqliteValues
{
    // Fixed-width UTC ISO-8601 with all seven fractional digits: text order equals time order (so ORDER BY works)
    // and the value round-trips exactly, so a fire time read back matches the key it was claimed under.
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DateFormat = "yyyy-MM-dd";
    private const int MaxKeptBuffer = 1 << 20;

    [ThreadStatic]
    private static MemoryStream? t_packed;

    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Instant(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Date(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    public static string Status(DigestStatus status) => status switch
    {
        DigestStatus.Pending => "pending",
        DigestStatus.Sent => "sent",
        DigestStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown digest status."),
    };

    public static DigestStatus Status(string text) => text switch
    {
        "pending" => DigestStatus.Pending,
        "sent" => DigestStatus.Sent,
        "failed" => DigestStatus.Failed,
        _ => throw new InvalidDataException($"Unknown digest status '{text}' in the delivery record."),
    };

    /// <summary>
    /// A message as stored while pending: gzip at the fastest level (a 22 KB digest, mostly repeated inline styles,
    /// becomes about 5 KB in some 25 µs), which makes the claim's write to the file a fraction of the raw size.
    /// </summary>
    public static byte[] StoredMessage(ReadOnlyMemory<byte> message)
    {
        // Compressed into a buffer this thread keeps (a builder's, message after message), then copied out once.
        var packed = t_packed ?? new MemoryStream((message.Length / 4) + 64);
        t_packed = null;
        packed.SetLength(0);
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(message.Span);
        }

        var stored = packed.ToArray();

        // Not kept after a rare huge message, nor after a throw above (the stream is then left to the GC).
        t_packed = packed.Capacity > MaxKeptBuffer ? null : packed;
        return stored;
    }

    /// <summary>
    /// The message bytes of a stored one. Gzip starts 1F 8B, which no RFC 5322 message can (headers are printable
    /// ASCII), so messages stored raw by earlier versions read back as they are.
    /// </summary>
    public static byte[] Message(byte[] stored)
    {
        if (stored.Length < 2 || stored[0] != 0x1F || stored[1] != 0x8B)
        {
            return stored;
        }

        using var gzip = new GZipStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
        using var message = new MemoryStream(stored.Length * 5);
        gzip.CopyTo(message);
        return message.ToArray();
    }

    // A JSON array keeps a digest one row; MarkSent expands it with json_each inside its transaction.
    public static string EventIds(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids);

    public static IReadOnlyList<string> EventIds(string json) =>
        JsonSerializer.Deserialize<string[]>(json) ?? [];
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DigestWorker.Delivery.Record;

/// <summary>How values are stored in the SQLite columns; one place so reads and writes cannot drift apart.</summary>
internal static class SqliteValues
{
    // Fixed-width UTC ISO-8601 with all seven fractional digits: text order equals time order (so ORDER BY works)
    // and the value round-trips exactly, so a fire time read back matches the key it was claimed under.
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DateFormat = "yyyy-MM-dd";

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

    // A JSON array keeps a digest one row; MarkSent expands it with json_each inside its transaction.
    // The message's own array when it spans all of it (the usual case): a 25 KB copy per claim saved.
    public static byte[] Blob(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : bytes.ToArray();

    public static string EventIds(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids);

    public static IReadOnlyList<string> EventIds(string json) =>
        JsonSerializer.Deserialize<string[]>(json) ?? [];
}

using DigestWorker.Selection;
using Microsoft.Data.Sqlite;

namespace DigestWorker.Delivery.Record;

/// <summary>Reads <c>digests</c> rows selected with <see cref="Columns"/> (plus <c>message</c> last for pending ones).</summary>
internal static class SqliteDigestRows
{
    public const string Columns =
        "subscriber_id, fire_time, email, period_start, period_end, event_ids, status, attempts, last_error, message_id, created_at, updated_at";

    public static DigestRecord Record(SqliteDataReader row) => new(
        SubscriberId: row.GetString(0),
        Email: row.GetString(2),
        FireTime: SqliteValues.Instant(row.GetString(1)),
        Period: Period(row),
        EventIds: SqliteValues.EventIds(row.GetString(5)),
        Status: SqliteValues.Status(row.GetString(6)),
        Attempts: row.GetInt32(7),
        LastError: row.IsDBNull(8) ? null : row.GetString(8),
        MessageId: row.GetString(9),
        CreatedAt: SqliteValues.Instant(row.GetString(10)),
        UpdatedAt: SqliteValues.Instant(row.GetString(11)));

    /// <summary>A pending row with its stored message, which is column 12.</summary>
    public static PendingDigest Pending(SqliteDataReader row) => new(
        SubscriberId: row.GetString(0),
        Email: row.GetString(2),
        FireTime: SqliteValues.Instant(row.GetString(1)),
        Period: Period(row),
        EventIds: SqliteValues.EventIds(row.GetString(5)),
        MessageId: row.GetString(9),
        Message: row.IsDBNull(12) ? ReadOnlyMemory<byte>.Empty : SqliteValues.Message(row.GetFieldValue<byte[]>(12)));

    private static DigestPeriod Period(SqliteDataReader row) =>
        new(SqliteValues.Date(row.GetString(3)), SqliteValues.Date(row.GetString(4)));
}

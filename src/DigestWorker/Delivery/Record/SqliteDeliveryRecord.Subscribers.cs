using Microsoft.Data.Sqlite;

namespace DigestWorker.Delivery.Record;

/// <summary>Per-subscriber state: the events sent before and the start date.</summary>
internal sealed partial class SqliteDeliveryRecord
{
    // Events of a digest still pending count as sent: that digest will carry them, so a later digest must not (a
    // digest can stay pending across periods while the server is down).
    public Task<IReadOnlySet<string>> GetSentEventIdsAsync(string subscriberId, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlySet<string>>(connection => ReadSent(connection, subscriberId, null), cancellationToken);

    public Task<DateOnly?> GetSubscriberStartAsync(string subscriberId, CancellationToken cancellationToken) =>
        UseAsync(connection => ReadStart(connection, subscriberId), cancellationToken);

    // One read transaction for the whole batch: one snapshot, and one check of the reader's page cache. The cache is
    // dropped whenever the writer committed since the last read, so a transaction per subscriber would read the
    // index pages from the file again for each of them.
    public Task<IReadOnlyList<SubscriberState>> GetStatesAsync(IReadOnlyList<(string SubscriberId, DateTimeOffset FireTime)> digests, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digests);
        var notAfter = SqliteValues.Instant(asOf);
        return UseAsync<IReadOnlyList<SubscriberState>>(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var states = new SubscriberState[digests.Count];
            for (var i = 0; i < states.Length; i++)
            {
                var (subscriberId, fireTime) = digests[i];
                var existing = ReadDigest(connection, subscriberId, fireTime, transaction);
                states[i] = existing is null
                    ? new SubscriberState(null, ReadStart(connection, subscriberId, transaction), ReadSent(connection, subscriberId, transaction), ReadLastPeriodEnd(connection, subscriberId, notAfter, transaction))
                    : new SubscriberState(existing, null, new HashSet<string>());
            }

            transaction.Commit();
            return states;
        }, cancellationToken);
    }

    // Seeks on the primary key (subscriber_id first): this subscriber's few digests, one per period. The status test
    // is on the row ("+") so SQLite never prefers the pending index, which would walk every pending digest of every
    // subscriber for each look-up (quadratic in a run with many digests in flight, or after a long outage).
    private HashSet<string> ReadSent(SqliteConnection connection, string subscriberId, SqliteTransaction? transaction)
    {
        using var row = Command(connection, """
            SELECT e.value FROM digests AS d, json_each(d.event_ids) AS e
            WHERE d.subscriber_id = $s AND +d.status IN ('sent', 'pending');
            """, transaction, ("$s", subscriberId)).ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (row.Read())
        {
            ids.Add(row.GetString(0));
        }

        return ids;
    }

    // The same seek on the primary key as ReadSent; every status counts (a refused digest covered its period too), but
    // only fire times up to the run's instant (fixed-width UTC text, so ordered as text).
    private DateOnly? ReadLastPeriodEnd(SqliteConnection connection, string subscriberId, string notAfter, SqliteTransaction transaction) =>
        Command(connection, "SELECT MAX(period_end) FROM digests WHERE subscriber_id = $s AND fire_time <= $t;", transaction, ("$s", subscriberId), ("$t", notAfter)).ExecuteScalar() is string date
            ? SqliteValues.Date(date)
            : null;

    // Insert-or-keep, then read back: if another process recorded a start first, its date wins and is returned.
    public Task<DateOnly> EnsureSubscriberStartAsync(string subscriberId, DateOnly start, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            InsertStart(connection, transaction, subscriberId, start);
            return ReadStart(connection, subscriberId, transaction)
                ?? throw new InvalidOperationException($"The delivery record '{_path}' lost the start date of subscriber '{subscriberId}' just written.");
        });

    private void InsertStart(SqliteConnection connection, SqliteTransaction transaction, string subscriberId, DateOnly start) =>
        Command(connection, "INSERT INTO subscribers (subscriber_id, start_date) VALUES ($s, $d) ON CONFLICT (subscriber_id) DO NOTHING;", transaction,
            ("$s", subscriberId), ("$d", SqliteValues.Date(start))).ExecuteNonQuery();

    private DateOnly? ReadStart(SqliteConnection connection, string subscriberId, SqliteTransaction? transaction = null) =>
        Command(connection, "SELECT start_date FROM subscribers WHERE subscriber_id = $s;", transaction, ("$s", subscriberId)).ExecuteScalar() is string date
            ? SqliteValues.Date(date)
            : null;
}

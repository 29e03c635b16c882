using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Delivery.Record;

/// <summary>Claiming digests and recording their outcome.</summary>
internal sealed partial class SqliteDeliveryRecord
{
    public Task<DigestRecord?> FindAsync(string subscriberId, DateTimeOffset fireTime, CancellationToken cancellationToken) =>
        UseAsync(connection => ReadDigest(connection, subscriberId, fireTime, null), cancellationToken);

    private DigestRecord? ReadDigest(SqliteConnection connection, string subscriberId, DateTimeOffset fireTime, SqliteTransaction? transaction)
    {
        using var row = Command(connection, $"SELECT {SqliteDigestRows.Columns} FROM digests WHERE subscriber_id = $s AND fire_time = $f;", transaction,
            ("$s", subscriberId), ("$f", SqliteValues.Instant(fireTime))).ExecuteReader();
        return row.Read() ? SqliteDigestRows.Record(row) : null;
    }

    // The primary key makes the claim: the insert either creates the row or does nothing, atomically in SQLite,
    // so two processes racing on the same file cannot both see "claimed" (no check-then-insert window).
    public async Task<bool> TryClaimAsync(PendingDigest digest, CancellationToken cancellationToken) =>
        (await TryClaimAsync([new DigestClaim(digest, null)], cancellationToken))[0];

    public Task<IReadOnlyList<bool>> TryClaimAsync(IReadOnlyList<DigestClaim> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        cancellationToken.ThrowIfCancellationRequested();

        // Compressed here, on the caller's thread (a run's builders, in parallel), not inside the shared transaction.
        var stored = claims.Select(c => SqliteValues.StoredMessage(c.Digest.Message)).ToArray();
        return WriteAsync<IReadOnlyList<bool>>((connection, transaction) =>
        {
            string now = Now();
            var won = new bool[claims.Count];
            for (var i = 0; i < claims.Count; i++)
            {
                var (digest, start) = claims[i];
                if (start is { } date)
                {
                    InsertStart(connection, transaction, digest.SubscriberId, date);
                }

                won[i] = Command(connection, """
                    INSERT INTO digests (subscriber_id, fire_time, email, period_start, period_end, event_ids, status, attempts, message_id, message, created_at, updated_at)
                    VALUES ($s, $f, $email, $ps, $pe, $events, 'pending', 0, $mid, $msg, $now, $now)
                    ON CONFLICT (subscriber_id, fire_time) DO NOTHING;
                    """, transaction,
                    ("$s", digest.SubscriberId), ("$f", SqliteValues.Instant(digest.FireTime)), ("$email", digest.Email),
                    ("$ps", SqliteValues.Date(digest.Period.Start)), ("$pe", SqliteValues.Date(digest.Period.End)),
                    ("$events", SqliteValues.EventIds(digest.EventIds)), ("$mid", digest.MessageId),
                    ("$msg", stored[i]), ("$now", now)).ExecuteNonQuery() == 1;
            }

            return won;
        });
    }

    // Read under the gate, then yielded: a caller that sends and marks each digest inside its loop must not find the
    // gate still held by this enumeration. Pending digests are few (only unsent ones), so holding them is cheap.
    public async IAsyncEnumerable<PendingDigest> GetPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = await UseAsync(connection =>
        {
            using var row = Command(connection,
                $"SELECT {SqliteDigestRows.Columns}, message FROM digests WHERE status = 'pending' ORDER BY fire_time, subscriber_id;", null).ExecuteReader();
            var list = new List<PendingDigest>();
            while (row.Read())
            {
                list.Add(SqliteDigestRows.Pending(row));
            }

            return list;
        }, cancellationToken);

        foreach (var digest in pending)
        {
            yield return digest;
        }
    }

    public async IAsyncEnumerable<DigestRecord> QueryAsync(string? subscriberId, DigestStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = await UseAsync(connection =>
        {
            using var row = Command(connection, $"""
                SELECT {SqliteDigestRows.Columns} FROM digests
                WHERE ($s IS NULL OR subscriber_id = $s) AND ($st IS NULL OR status = $st)
                ORDER BY fire_time DESC, subscriber_id;
                """, null, ("$s", subscriberId), ("$st", status is { } s ? SqliteValues.Status(s) : null)).ExecuteReader();
            var list = new List<DigestRecord>();
            while (row.Read())
            {
                list.Add(SqliteDigestRows.Record(row));
            }

            return list;
        }, cancellationToken);

        foreach (var record in records)
        {
            yield return record;
        }
    }

    public Task MarkSentAsync(string subscriberId, DateTimeOffset fireTime, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            string fire = SqliteValues.Instant(fireTime);
            int updated = Command(connection, """
                UPDATE digests SET status = 'sent', attempts = attempts + 1, last_error = NULL, message = NULL, updated_at = $now
                WHERE subscriber_id = $s AND fire_time = $f AND status = 'pending';
                """, transaction, ("$s", subscriberId), ("$f", fire), ("$now", Now())).ExecuteNonQuery();
            // The digest's event ids are now "sent before" (ReadSent reads them from this row): one row, one write.
            return EnsureUpdated(connection, transaction, updated, subscriberId, fire, "sent");
        });

    public Task MarkFailedAsync(string subscriberId, DateTimeOffset fireTime, string error, CancellationToken cancellationToken) =>
        UpdatePendingAsync(subscriberId, fireTime, "failed", error, cancellationToken);

    public Task RecordAttemptAsync(string subscriberId, DateTimeOffset fireTime, string error, CancellationToken cancellationToken) =>
        UpdatePendingAsync(subscriberId, fireTime, "pending", error, cancellationToken);

    private Task UpdatePendingAsync(string subscriberId, DateTimeOffset fireTime, string status, string error, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            string fire = SqliteValues.Instant(fireTime);
            int updated = Command(connection, """
                UPDATE digests SET status = $st, attempts = attempts + 1, last_error = $err, updated_at = $now
                WHERE subscriber_id = $s AND fire_time = $f AND status = 'pending';
                """, transaction, ("$st", status), ("$err", error), ("$now", Now()), ("$s", subscriberId), ("$f", fire)).ExecuteNonQuery();
            return EnsureUpdated(connection, transaction, updated, subscriberId, fire, status);
        });

    /// <summary>
    /// Only a pending digest changes state. A missing one is a caller bug and throws; one another process already
    /// finished is left as that process recorded it (its outcome is the true one), logged, and false is returned.
    /// </summary>
    private bool EnsureUpdated(SqliteConnection connection, SqliteTransaction? transaction, int updated, string subscriberId, string fire, string wanted)
    {
        if (updated == 1)
        {
            return true;
        }

        object? current = Command(connection, "SELECT status FROM digests WHERE subscriber_id = $s AND fire_time = $f;", transaction,
            ("$s", subscriberId), ("$f", fire)).ExecuteScalar();
        if (current is not string state)
        {
            throw new InvalidOperationException($"The delivery record '{_path}' has no digest for subscriber '{subscriberId}' at {fire}; it cannot be marked {wanted}.");
        }

        _logger.LogWarning("Digest for {Subscriber} at {FireTime} is already {State}; not marked {Wanted}.", subscriberId, fire, state, wanted);
        return false;
    }
}

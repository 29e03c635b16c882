namespace DigestWorker.Delivery.Record;

/// <summary>The delivery record's tables. The version lives in <c>PRAGMA user_version</c> so no extra table is needed.</summary>
internal static class SqliteSchema
{
    // 2: pending messages are stored gzip-compressed (version 1 stored them raw and would send gzip bytes as mail),
    //    so a version-1 worker refuses a version-2 file instead.
    // 3: the "sent before" set is read from the sent digests' own event ids; the sent_events table that copied them
    //    (about 14 rows written per digest sent) is dropped, and only pending digests are indexed by status. A
    //    version-2 worker would miss the events sent since, so it refuses a version-3 file.
    // Older files are upgraded in place when opened (Upgrade below; nothing of theirs is lost).
    public const long Version = 3;

    // Times are fixed-width UTC ISO-8601 text (see SqliteValues), readable with the sqlite3 shell and ordered as text.
    // message is kept only while pending: once sent it is set NULL so the file stays small over years of digests.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS digests (
            subscriber_id TEXT    NOT NULL,
            fire_time     TEXT    NOT NULL,
            email         TEXT    NOT NULL,
            period_start  TEXT    NOT NULL,
            period_end    TEXT    NOT NULL,
            event_ids     TEXT    NOT NULL,
            status        TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts      INTEGER NOT NULL DEFAULT 0,
            last_error    TEXT,
            message_id    TEXT    NOT NULL,
            message       BLOB,
            created_at    TEXT    NOT NULL,
            updated_at    TEXT    NOT NULL,
            PRIMARY KEY (subscriber_id, fire_time)
        );

        -- GetPendingAsync reads only pending rows, oldest first. Partial, so marking a digest sent removes one
        -- entry instead of moving it, and years of sent digests are not in it.
        -- QueryAsync orders by fire time across subscribers.
        CREATE INDEX IF NOT EXISTS ix_digests_pending ON digests (fire_time) WHERE status = 'pending';
        CREATE INDEX IF NOT EXISTS ix_digests_fire_time ON digests (fire_time);

        CREATE TABLE IF NOT EXISTS subscribers (
            subscriber_id TEXT NOT NULL PRIMARY KEY,
            start_date    TEXT NOT NULL
        );
        """;

    // From versions 1 and 2. Every row of sent_events was expanded from a sent digest's event_ids, which stay.
    public const string Upgrade = """
        DROP TABLE IF EXISTS sent_events;
        DROP INDEX IF EXISTS ix_digests_status_fire_time;
        """;
}

namespace DigestWorker.Delivery.Record;

/// <summary>The delivery record's tables. The version lives in <c>PRAGMA user_version</c> so no extra table is needed.</summary>
internal static class SqliteSchema
{
    // 2: pending messages are stored gzip-compressed (version 1 stored them raw and would send gzip bytes as mail),
    // so a version-1 worker refuses a version-2 file instead. Version 1 files are upgraded in place (no table changes).
    public const long Version = 2;

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

        -- GetPendingAsync reads only pending rows, oldest first; QueryAsync orders by fire time across subscribers.
        CREATE INDEX IF NOT EXISTS ix_digests_status_fire_time ON digests (status, fire_time);
        CREATE INDEX IF NOT EXISTS ix_digests_fire_time ON digests (fire_time);

        -- WITHOUT ROWID clusters rows by the primary key, whose leading subscriber_id column is the index
        -- GetSentEventIdsAsync seeks on: one subscriber's events are contiguous on disk.
        CREATE TABLE IF NOT EXISTS sent_events (
            subscriber_id TEXT NOT NULL,
            event_id      TEXT NOT NULL,
            fire_time     TEXT NOT NULL,
            PRIMARY KEY (subscriber_id, event_id)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS subscribers (
            subscriber_id TEXT NOT NULL PRIMARY KEY,
            start_date    TEXT NOT NULL
        );
        """;
}

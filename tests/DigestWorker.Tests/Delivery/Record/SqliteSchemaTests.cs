using DigestWorker.Delivery.Record;
using Microsoft.Data.Sqlite;
using static DigestWorker.Tests.Delivery.Record.RecordTestData;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class SqliteSchemaTests : IDisposable
{
    // The version-2 layout as that release created it, with its sent_events copy of the sent digests' event ids.
    private const string Version2 = """
        CREATE TABLE digests (
            subscriber_id TEXT NOT NULL, fire_time TEXT NOT NULL, email TEXT NOT NULL, period_start TEXT NOT NULL,
            period_end TEXT NOT NULL, event_ids TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')), attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, message_id TEXT NOT NULL, message BLOB, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (subscriber_id, fire_time));
        CREATE INDEX ix_digests_status_fire_time ON digests (status, fire_time);
        CREATE INDEX ix_digests_fire_time ON digests (fire_time);
        CREATE TABLE sent_events (subscriber_id TEXT NOT NULL, event_id TEXT NOT NULL, fire_time TEXT NOT NULL,
            PRIMARY KEY (subscriber_id, event_id)) WITHOUT ROWID;
        CREATE TABLE subscribers (subscriber_id TEXT NOT NULL PRIMARY KEY, start_date TEXT NOT NULL);
        INSERT INTO digests VALUES ('a', '2025-03-03T06:00:00.0000000Z', 'a@example.test', '2025-02-24', '2025-03-02',
            '["e1","e2"]', 'sent', 1, NULL, 'a.1@digests.test', NULL, '2025-03-03T06:00:00.0000000Z', '2025-03-03T06:00:00.0000000Z');
        INSERT INTO digests VALUES ('a', '2025-03-10T06:00:00.0000000Z', 'a@example.test', '2025-03-03', '2025-03-09',
            '["e3"]', 'failed', 1, '550 no', 'a.2@digests.test', NULL, '2025-03-10T06:00:00.0000000Z', '2025-03-10T06:00:00.0000000Z');
        INSERT INTO sent_events VALUES ('a', 'e1', '2025-03-03T06:00:00.0000000Z'), ('a', 'e2', '2025-03-03T06:00:00.0000000Z');
        INSERT INTO subscribers VALUES ('a', '2025-02-24');
        PRAGMA user_version = 2;
        """;

    private readonly TempFolder _folder = new();
    private readonly string _file;

    public SqliteSchemaTests() => _file = _folder.File("digests.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InitializeAsync_Version2File_UpgradesInPlaceKeepingWhatWasSent()
    {
        using (var raw = TempFolder.Open(_file))
        using (var create = new SqliteCommand(Version2, raw))
        {
            create.ExecuteNonQuery();
        }

        await using (var record = await OpenAsync(_file))
        {
            Assert.Equal(["e1", "e2"], (await record.GetSentEventIdsAsync("a", CancellationToken.None)).Order());
            Assert.Equal(new DateOnly(2025, 2, 24), await record.GetSubscriberStartAsync("a", CancellationToken.None));
            var digest = Digest("a", new DateTimeOffset(2025, 3, 17, 6, 0, 0, TimeSpan.Zero), "e4");
            Assert.True(await record.TryClaimAsync(digest, CancellationToken.None));
            Assert.Equal(digest.MessageId, Assert.Single(await record.GetPendingAsync(CancellationToken.None).ToListAsync()).MessageId);
            await record.MarkSentAsync("a", digest.FireTime, CancellationToken.None);
            Assert.Equal(["e1", "e2", "e4"], (await record.GetSentEventIdsAsync("a", CancellationToken.None)).Order());
        }

        using var check = TempFolder.Open(_file);
        Assert.Equal(SqliteSchema.Version, Scalar(check, "PRAGMA user_version;"));
        Assert.Equal(0L, Scalar(check, "SELECT count(*) FROM sqlite_schema WHERE name IN ('sent_events', 'ix_digests_status_fire_time');"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sqlite_schema WHERE name = 'ix_digests_pending';"));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        return command.ExecuteScalar();
    }
}

using DigestWorker.Delivery.Record;
using Microsoft.Data.Sqlite;
using static DigestWorker.Tests.Delivery.Record.RecordTestData;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class SqliteDeliveryRecordOutcomeTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _file;

    public SqliteDeliveryRecordOutcomeTests() => _file = _folder.File("digests.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task MarkSentAsync_PendingDigest_MarksSentRecordsEventsAndClearsMessage()
    {
        var clock = Clock();
        await using var record = await OpenAsync(_file, clock);
        var digest = Digest(eventIds: ["e1", "e2"]);
        await record.TryClaimAsync(digest, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));

        await record.MarkSentAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None);

        var found = await record.FindAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(DigestStatus.Sent, found.Status);
        Assert.Equal(1, found.Attempts);
        Assert.Equal(Now, found.CreatedAt);
        Assert.Equal(Now.AddMinutes(3), found.UpdatedAt);
        Assert.Equal(["e1", "e2"], (await record.GetSentEventIdsAsync(digest.SubscriberId, CancellationToken.None)).Order());
        Assert.Empty(await record.GetPendingAsync(CancellationToken.None).ToListAsync());
        using var raw = TempFolder.Open(_file);
        using var blob = new SqliteCommand("SELECT message IS NULL FROM digests;", raw);
        Assert.Equal(1L, blob.ExecuteScalar());
    }

    [Fact]
    public async Task MarkSentAsync_WriteFails_LeavesDigestPendingWithMessage()
    {
        await using var record = await OpenAsync(_file);
        var digest = Digest(eventIds: ["e1", "poison"]);
        await record.TryClaimAsync(digest, CancellationToken.None);
        using (var raw = TempFolder.Open(_file))
        using (var trigger = new SqliteCommand(
            "CREATE TRIGGER poison BEFORE UPDATE ON digests WHEN NEW.status = 'sent' AND NEW.event_ids LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;", raw))
        {
            trigger.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<DeliveryRecordException>(() => record.MarkSentAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None));

        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
        var pending = Assert.Single(await record.GetPendingAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(digest.Message.ToArray(), pending.Message.ToArray());
        // Still pending, so its events still count as "sent before": the re-send will carry them, no new digest may.
        Assert.Equal(["e1", "poison"], (await record.GetSentEventIdsAsync(digest.SubscriberId, CancellationToken.None)).Order());
    }

    [Fact]
    public async Task GetSentEventIdsAsync_SeveralSubscribers_ReturnsThatSubscribersSentAndPendingEvents()
    {
        await using var record = await OpenAsync(_file);
        var a1 = Digest("a", new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.Zero), "e1", "e2");
        var a2 = Digest("a", new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero), "e3");
        var b1 = Digest("b", a1.FireTime, "e2", "e4");
        var bPending = Digest("b", a2.FireTime, "e5");
        foreach (var digest in new[] { a1, a2, b1, bPending })
        {
            await record.TryClaimAsync(digest, CancellationToken.None);
        }

        foreach (var digest in new[] { a1, a2, b1 })
        {
            await record.MarkSentAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None);
        }

        Assert.Equal(["e1", "e2", "e3"], (await record.GetSentEventIdsAsync("a", CancellationToken.None)).Order());
        Assert.Equal(["e2", "e4", "e5"], (await record.GetSentEventIdsAsync("b", CancellationToken.None)).Order());
        Assert.Empty(await record.GetSentEventIdsAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task MarkFailedAsync_PendingDigest_IsFailedWithErrorAndCountedAttempts()
    {
        await using var record = await OpenAsync(_file);
        var digest = Digest();
        await record.TryClaimAsync(digest, CancellationToken.None);

        await record.RecordAttemptAsync(digest.SubscriberId, digest.FireTime, "421 try later", CancellationToken.None);
        var retried = Assert.Single(await record.QueryAsync(null, DigestStatus.Pending, CancellationToken.None).ToListAsync());
        await record.MarkFailedAsync(digest.SubscriberId, digest.FireTime, "550 no such user", CancellationToken.None);

        Assert.Equal((1, "421 try later"), (retried.Attempts, retried.LastError));
        var failed = await record.FindAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None);
        Assert.Equal((DigestStatus.Failed, 2, "550 no such user"), (failed?.Status, failed?.Attempts, failed?.LastError));
        Assert.Empty(await record.GetPendingAsync(CancellationToken.None).ToListAsync());
        Assert.Empty(await record.GetSentEventIdsAsync(digest.SubscriberId, CancellationToken.None));
    }

    [Fact]
    public async Task MarkSentAsync_UnknownDigest_Throws()
    {
        await using var record = await OpenAsync(_file);

        await Assert.ThrowsAsync<InvalidOperationException>(() => record.MarkSentAsync("ghost", Now, CancellationToken.None));
    }

    [Fact]
    public async Task MarkSentAsync_AlreadyFailed_LeavesFailedAndRecordsNoEvents()
    {
        await using var record = await OpenAsync(_file);
        var digest = Digest();
        await record.TryClaimAsync(digest, CancellationToken.None);
        await record.MarkFailedAsync(digest.SubscriberId, digest.FireTime, "550", CancellationToken.None);

        await record.MarkSentAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None);

        Assert.Equal(DigestStatus.Failed, (await record.FindAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None))?.Status);
        Assert.Empty(await record.GetSentEventIdsAsync(digest.SubscriberId, CancellationToken.None));
    }
}

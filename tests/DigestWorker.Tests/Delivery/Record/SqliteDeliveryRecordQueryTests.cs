using DigestWorker.Delivery.Record;
using static DigestWorker.Tests.Delivery.Record.RecordTestData;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class SqliteDeliveryRecordQueryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task QueryAsync_Filters_ReturnMatchingRowsNewestFirst()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));
        var week1 = new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.Zero);
        var week2 = week1.AddDays(7);
        var week3 = week2.AddDays(7);
        foreach (var digest in new[] { Digest("a", week1), Digest("a", week3), Digest("a", week2), Digest("b", week2) })
        {
            await record.TryClaimAsync(digest, CancellationToken.None);
        }

        await record.MarkSentAsync("a", week1, CancellationToken.None);
        await record.MarkFailedAsync("b", week2, "550", CancellationToken.None);

        var all = await record.QueryAsync(null, null, CancellationToken.None).ToListAsync();
        var ofA = await record.QueryAsync("a", null, CancellationToken.None).ToListAsync();
        var pending = await record.QueryAsync(null, DigestStatus.Pending, CancellationToken.None).ToListAsync();
        var sentOfA = await record.QueryAsync("a", DigestStatus.Sent, CancellationToken.None).ToListAsync();
        var sentOfB = await record.QueryAsync("b", DigestStatus.Sent, CancellationToken.None).ToListAsync();

        Assert.Equal([("a", week3), ("a", week2), ("b", week2), ("a", week1)], all.Select(r => (r.SubscriberId, r.FireTime)));
        Assert.Equal([week3, week2, week1], ofA.Select(r => r.FireTime));
        Assert.Equal([week3, week2], pending.Select(r => r.FireTime));
        Assert.Equal(week1, Assert.Single(sentOfA).FireTime);
        Assert.Empty(sentOfB);
        var failed = Assert.Single(all, r => r.Status == DigestStatus.Failed);
        Assert.Equal(("b", "b@example.test", new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 10)),
            (failed.SubscriberId, failed.Email, failed.Period.Start, failed.Period.End));
    }

    [Fact]
    public async Task FindAsync_UnknownDigest_ReturnsNull()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));

        Assert.Null(await record.FindAsync("nobody", Now, CancellationToken.None));
    }

    [Fact]
    public async Task EnsureSubscriberStartAsync_FirstAndLaterCalls_KeepsFirstDate()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));
        var first = new DateOnly(2025, 1, 6);

        Assert.Null(await record.GetSubscriberStartAsync("a", CancellationToken.None));
        Assert.Equal(first, await record.EnsureSubscriberStartAsync("a", first, CancellationToken.None));
        Assert.Equal(first, await record.EnsureSubscriberStartAsync("a", first.AddDays(7), CancellationToken.None));
        Assert.Equal(first, await record.GetSubscriberStartAsync("a", CancellationToken.None));
        Assert.Null(await record.GetSubscriberStartAsync("b", CancellationToken.None));
    }
}

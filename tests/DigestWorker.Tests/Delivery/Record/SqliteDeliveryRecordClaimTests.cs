using DigestWorker.Delivery.Record;
using static DigestWorker.Tests.Delivery.Record.RecordTestData;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class SqliteDeliveryRecordClaimTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TryClaimAsync_SameDigestTwice_SecondReturnsFalseAndKeepsFirst()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));
        var first = Digest(eventIds: ["a"]);

        Assert.True(await record.TryClaimAsync(first, CancellationToken.None));
        Assert.False(await record.TryClaimAsync(first with { EventIds = ["b"], Message = new byte[] { 1 } }, CancellationToken.None));

        var pending = Assert.Single(await record.GetPendingAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(["a"], pending.EventIds);
        Assert.Equal(first.Message.ToArray(), pending.Message.ToArray());
    }

    [Fact]
    public async Task TryClaimAsync_SameInstantInAnotherOffset_IsTheSameDigest()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));
        var digest = Digest();

        Assert.True(await record.TryClaimAsync(digest, CancellationToken.None));
        Assert.False(await record.TryClaimAsync(digest with { FireTime = digest.FireTime.ToOffset(TimeSpan.FromHours(2)) }, CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_TwoRecordsOnOneFileRacing_ExactlyOneWinsEachDigest()
    {
        string file = _folder.File("digests.db");
        await using var left = await OpenAsync(file);
        await using var right = await OpenAsync(file);
        var digests = Enumerable.Range(0, 50).Select(i => Digest($"sub-{i}")).ToArray();

        var claims = digests.SelectMany(d => new[] { left, right }.Select(r => Task.Run(() => r.TryClaimAsync(d, CancellationToken.None)))).ToArray();
        bool[] won = await Task.WhenAll(claims);

        // Claims are ordered (left, right) per digest: exactly one of each pair won.
        for (int i = 0; i < digests.Length; i++)
        {
            Assert.True(won[2 * i] ^ won[(2 * i) + 1], $"digest {i}: left {won[2 * i]}, right {won[(2 * i) + 1]}");
        }

        Assert.Equal(digests.Length, (await left.QueryAsync(null, DigestStatus.Pending, CancellationToken.None).ToListAsync()).Count);
    }

    [Fact]
    public async Task GetPendingAsync_ClaimedDigests_RoundTripIdenticallyOldestFirst()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));
        var later = Digest("sub-a", new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero), "x", "y");
        var earlier = Digest("sub-b", new DateTimeOffset(2025, 3, 3, 6, 0, 0, 123, TimeSpan.Zero).AddTicks(4567), "z");
        await record.TryClaimAsync(later, CancellationToken.None);
        await record.TryClaimAsync(earlier, CancellationToken.None);

        var pending = await record.GetPendingAsync(CancellationToken.None).ToListAsync();

        Assert.Equal(2, pending.Count);
        AssertSame(earlier, pending[0]);
        AssertSame(later, pending[1]);
    }

    [Fact]
    public async Task InitializeAsync_ReopenedFile_KeepsEverythingRecorded()
    {
        string file = _folder.File(Path.Combine("nested", "state", "digests.db"));
        var digest = Digest();
        var sent = Digest("sub-2", eventIds: ["e9"]);
        await using (var first = await OpenAsync(file))
        {
            await first.TryClaimAsync(digest, CancellationToken.None);
            await first.TryClaimAsync(sent, CancellationToken.None);
            await first.MarkSentAsync(sent.SubscriberId, sent.FireTime, CancellationToken.None);
            await first.EnsureSubscriberStartAsync("sub-1", new DateOnly(2025, 1, 1), CancellationToken.None);
        }

        await using var reopened = await OpenAsync(file);

        AssertSame(digest, Assert.Single(await reopened.GetPendingAsync(CancellationToken.None).ToListAsync()));
        Assert.Equal(DigestStatus.Sent, (await reopened.FindAsync(sent.SubscriberId, sent.FireTime, CancellationToken.None))?.Status);
        Assert.Equal(["e9"], await reopened.GetSentEventIdsAsync("sub-2", CancellationToken.None));
        Assert.Equal(new DateOnly(2025, 1, 1), await reopened.GetSubscriberStartAsync("sub-1", CancellationToken.None));
        Assert.False(await reopened.TryClaimAsync(digest, CancellationToken.None));
    }

    private static void AssertSame(PendingDigest expected, PendingDigest actual)
    {
        Assert.Equal(expected with { EventIds = [], Message = default }, actual with { EventIds = [], Message = default });
        Assert.Equal(expected.EventIds, actual.EventIds);
        Assert.Equal(expected.Message.ToArray(), actual.Message.ToArray());
        Assert.Equal(TimeSpan.Zero, actual.FireTime.Offset);
    }
}

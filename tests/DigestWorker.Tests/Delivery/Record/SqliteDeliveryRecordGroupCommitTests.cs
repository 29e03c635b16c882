using DigestWorker.Delivery.Record;
using static DigestWorker.Tests.Delivery.Record.RecordTestData;

namespace DigestWorker.Tests.Delivery.Record;

/// <summary>Batched claims and writes from concurrent callers sharing transactions.</summary>
public sealed class SqliteDeliveryRecordGroupCommitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TryClaimAsync_Batch_ReportsEachClaimAndRecordsStartsOnlyWhereNoneIs()
    {
        string file = _folder.File("digests.db");
        await using (var record = await OpenAsync(file))
        {
            Assert.True(await record.TryClaimAsync(Digest("taken"), CancellationToken.None));
            await record.EnsureSubscriberStartAsync("known", new DateOnly(2025, 1, 6), CancellationToken.None);

            var won = await record.TryClaimAsync(
                [
                    new DigestClaim(Digest("new"), new DateOnly(2025, 3, 3)),
                    new DigestClaim(Digest("taken"), new DateOnly(2025, 3, 3)),
                    new DigestClaim(Digest("known"), new DateOnly(2025, 3, 3)),
                    new DigestClaim(Digest("configured"), null),
                ],
                CancellationToken.None);

            Assert.Equal([true, false, true, true], won);
        }

        // What a batch wrote is committed: a second connection on the file sees it.
        await using var reopened = await OpenAsync(file);
        Assert.Equal(4, (await reopened.QueryAsync(null, DigestStatus.Pending, CancellationToken.None).ToListAsync()).Count);
        Assert.Equal(new DateOnly(2025, 3, 3), await reopened.GetSubscriberStartAsync("new", CancellationToken.None));
        Assert.Equal(new DateOnly(2025, 3, 3), await reopened.GetSubscriberStartAsync("taken", CancellationToken.None));
        Assert.Equal(new DateOnly(2025, 1, 6), await reopened.GetSubscriberStartAsync("known", CancellationToken.None));
        Assert.Null(await reopened.GetSubscriberStartAsync("configured", CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentWrites_OneFailing_FailsAloneAndTheOthersCommit()
    {
        string file = _folder.File("digests.db");
        var digests = Enumerable.Range(0, 40).Select(i => Digest($"sub-{i}", eventIds: [$"e{i}", "shared"])).ToArray();
        await using (var record = await OpenAsync(file))
        {
            Assert.All(await record.TryClaimAsync([.. digests.Select(d => new DigestClaim(d, null))], CancellationToken.None), Assert.True);

            // Many writers at once, as a run's senders are: their writes share transactions. One marks a digest that
            // was never claimed, a caller bug that must fail that write alone.
            using var go = new ManualResetEventSlim();
            var marks = digests.Select(d => Task.Run(() =>
            {
                go.Wait();
                return record.MarkSentAsync(d.SubscriberId, d.FireTime, CancellationToken.None);
            })).ToList();
            var bogus = Task.Run(() =>
            {
                go.Wait();
                return record.MarkSentAsync("nobody", digests[0].FireTime, CancellationToken.None);
            });
            go.Set();

            await Task.WhenAll(marks);
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => bogus);
            Assert.Contains("nobody", failure.Message, StringComparison.Ordinal);
        }

        await using var reopened = await OpenAsync(file);
        Assert.Equal(digests.Length, (await reopened.QueryAsync(null, DigestStatus.Sent, CancellationToken.None).ToListAsync()).Count);
        foreach (var digest in digests)
        {
            var sent = await reopened.GetSentEventIdsAsync(digest.SubscriberId, CancellationToken.None);
            Assert.Equal(new HashSet<string>(digest.EventIds), sent);
        }
    }

    [Fact]
    public async Task GetStatesAsync_ReadsWhatTheWriterCommitted()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));
        var first = Digest("ada", eventIds: ["e1", "e2"]);
        var next = Digest("ada", first.FireTime.AddDays(7), "e3");

        var empty = (await record.GetStatesAsync([("ada", first.FireTime)], first.FireTime, CancellationToken.None))[0];
        await record.TryClaimAsync([new DigestClaim(first, new DateOnly(2025, 3, 3))], CancellationToken.None);
        var claimed = (await record.GetStatesAsync([("ada", first.FireTime)], first.FireTime, CancellationToken.None))[0];
        await record.MarkSentAsync("ada", first.FireTime, CancellationToken.None);
        var later = (await record.GetStatesAsync([("ada", next.FireTime)], next.FireTime, CancellationToken.None))[0];

        Assert.Equal(new SubscriberState(null, null, empty.SentEventIds), empty);
        Assert.Empty(empty.SentEventIds);
        Assert.Equal(DigestStatus.Pending, claimed.Existing?.Status);
        Assert.Null(later.Existing);
        Assert.Equal(new DateOnly(2025, 3, 3), later.Start);
        Assert.Equal(new HashSet<string> { "e1", "e2" }, later.SentEventIds);
        Assert.Equal(first.Period.End, later.LastPeriodEnd);

        // A digest recorded for a fire after the run's instant (a run with a future --as-of) does not cover anything.
        var before = (await record.GetStatesAsync([("ada", next.FireTime)], first.FireTime.AddTicks(-1), CancellationToken.None))[0];
        Assert.Null(before.LastPeriodEnd);
    }

    [Fact]
    public async Task GetStatesAsync_SeveralSubscribers_AnswersEachInOrder()
    {
        await using var record = await OpenAsync(_folder.File("digests.db"));
        var ada = Digest("ada", eventIds: ["e1"]);
        var bob = Digest("bob", eventIds: ["e2", "e3"]);
        await record.TryClaimAsync([new DigestClaim(ada, new DateOnly(2025, 3, 3)), new DigestClaim(bob, new DateOnly(2025, 2, 24))], CancellationToken.None);
        await record.MarkSentAsync("bob", bob.FireTime, CancellationToken.None);
        var next = bob.FireTime.AddDays(7);

        var states = await record.GetStatesAsync([("bob", next), ("nobody", next), ("ada", ada.FireTime)], next, CancellationToken.None);

        Assert.Equal(3, states.Count);
        Assert.Null(states[0].Existing);
        Assert.Equal(new DateOnly(2025, 2, 24), states[0].Start);
        Assert.Equal(new HashSet<string> { "e2", "e3" }, states[0].SentEventIds);
        Assert.Equal(new SubscriberState(null, null, states[1].SentEventIds), states[1]);
        Assert.Empty(states[1].SentEventIds);
        Assert.Equal(DigestStatus.Pending, states[2].Existing?.Status);
    }
}

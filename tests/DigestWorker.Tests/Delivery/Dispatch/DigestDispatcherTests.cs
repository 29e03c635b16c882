using DigestWorker.Delivery;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigestWorker.Tests.Delivery.Dispatch;

public sealed class DigestDispatcherTests
{
    // Only a bound on a hang: every wait below is released by a signal, never by time.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DeliverAsync_MarkSentNotCommittedYet_SendsTheNextDigestMeanwhileAndReportsSentOnlyOnceRecorded()
    {
        PendingDigest[] digests = [TestDigests.Pending("ada"), TestDigests.Pending("bob")];
        var record = await TestDigests.RecordWith(digests);
        var adaMarkStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseAdaMark = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        record.BeforeMarkSent = id =>
        {
            if (id != "ada")
            {
                return Task.CompletedTask;
            }

            adaMarkStarted.TrySetResult();
            return releaseAdaMark.Task;
        };
        var transport = new OneSessionTransport();
        var dispatcher = new DigestDispatcher(transport, record, new DeliveryOptions(), TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var delivering = dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), CancellationToken.None);

        // One session, so bob goes out on the same connection while ada's mark-sent is still held.
        await adaMarkStarted.Task.WaitAsync(Hang);
        await transport.Sent("bob").WaitAsync(Hang);
        Assert.False(delivering.IsCompleted);
        Assert.Equal(DigestStatus.Pending, record["ada", TestDigests.FireTime].Status);

        releaseAdaMark.SetResult();
        var results = await delivering.WaitAsync(Hang);

        Assert.False(results.IsAborted);
        Assert.Equal(["ada", "bob"], results.Select(r => r.SubscriberId));
        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.All(digests, d => Assert.Equal(DigestStatus.Sent, record[d.SubscriberId, d.FireTime].Status));
    }

    [Fact]
    public async Task DeliverAsync_MarkSentFails_StopsTheRunAndLeavesEveryDigestNotRecordedSentPending()
    {
        PendingDigest[] digests = [TestDigests.Pending("ada"), TestDigests.Pending("bob"), TestDigests.Pending("cy")];
        var record = await TestDigests.RecordWith(digests);
        record.BeforeMarkSent = id => id == "ada"
            ? Task.FromException(new DeliveryRecordException("disk I/O error in test.db"))
            : Task.CompletedTask;
        var transport = new OneSessionTransport();
        var dispatcher = new DigestDispatcher(transport, record, new DeliveryOptions(), TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var results = await dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), CancellationToken.None).WaitAsync(Hang);

        Assert.True(results.IsAborted);
        Assert.Contains("could not be recorded as sent", results.Abort!.Message, StringComparison.Ordinal);
        Assert.Contains("disk I/O error", results.Abort.Message, StringComparison.Ordinal);
        Assert.Equal(3, results.Count);
        var ada = Assert.Single(results, r => r.SubscriberId == "ada");
        Assert.Equal(DeliveryStatus.Deferred, ada.Status);

        // Nothing lost: a digest is reported sent only if the record says so, and every other one is still pending.
        foreach (var result in results)
        {
            var status = record[result.SubscriberId, result.FireTime].Status;
            Assert.Equal(result.Status == DeliveryStatus.Sent ? DigestStatus.Sent : DigestStatus.Pending, status);
        }
    }

    /// <summary>One session at a time, which tells when each subscriber's digest was handed to it.</summary>
    private sealed class OneSessionTransport : IMailTransport
    {
        private readonly Dictionary<string, TaskCompletionSource> sent = [];

        public int MaxParallelism => 1;

        public Task Sent(string subscriberId) => Signal(subscriberId).Task;

        public ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IMailSession>(new Session(this));

        private TaskCompletionSource Signal(string subscriberId)
        {
            lock (sent)
            {
                if (!sent.TryGetValue(subscriberId, out var signal))
                {
                    signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    sent[subscriberId] = signal;
                }

                return signal;
            }
        }

        private sealed class Session(OneSessionTransport transport) : IMailSession
        {
            public ValueTask SendAsync(PendingDigest digest, CancellationToken cancellationToken)
            {
                transport.Signal(digest.SubscriberId).TrySetResult();
                return ValueTask.CompletedTask;
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

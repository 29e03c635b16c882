using DigestWorker.Delivery;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigestWorker.Tests.Delivery.Dispatch;

public sealed class DigestDispatcherTests
{
    // Only a bound on a hang, never a wait for time to pass.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    // A sender waits for each digest's mark-sent before it takes the next digest, so a crash re-sends at most the
    // message in flight on each connection; a mark that fails stops the run, so nothing more goes out unrecorded.
    [Fact]
    public async Task DeliverAsync_MarkSentFails_NothingMoreIsSentAndEveryDigestNotRecordedSentStaysPending()
    {
        PendingDigest[] digests = [TestDigests.Pending("ada"), TestDigests.Pending("bob"), TestDigests.Pending("cy")];
        var record = await TestDigests.RecordWith(digests);
        var adaMark = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var adaMarkStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        record.BeforeMarkSent = id =>
        {
            if (id != "ada")
            {
                return Task.CompletedTask;
            }

            adaMarkStarted.TrySetResult();
            return adaMark.Task;
        };
        var transport = new CountingTransport();
        var dispatcher = new DigestDispatcher(transport, record, new DeliveryOptions(), TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var delivering = dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), CancellationToken.None);
        await adaMarkStarted.Task.WaitAsync(Hang);
        Assert.Equal(1, transport.Sent);

        adaMark.SetException(new DeliveryRecordException("disk I/O error in test.db"));
        var results = await delivering.WaitAsync(Hang);

        Assert.Equal(1, transport.Sent);
        Assert.True(results.IsAborted);
        Assert.Contains("could not be recorded as sent", results.Abort!.Message, StringComparison.Ordinal);
        Assert.Contains("disk I/O error", results.Abort.Message, StringComparison.Ordinal);
        Assert.Equal(["ada", "bob", "cy"], results.Select(r => r.SubscriberId));
        Assert.All(results, r => Assert.Equal(DeliveryStatus.Deferred, r.Status));
        Assert.All(digests, d => Assert.Equal(DigestStatus.Pending, record[d.SubscriberId, d.FireTime].Status));
    }

    /// <summary>One session at a time, counting the digests handed to it.</summary>
    private sealed class CountingTransport : IMailTransport
    {
        private int sent;

        public int Sent => Volatile.Read(ref sent);

        public int MaxParallelism => 1;

        public ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IMailSession>(new Session(this));

        private sealed class Session(CountingTransport transport) : IMailSession
        {
            public ValueTask SendAsync(PendingDigest digest, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref transport.sent);
                return ValueTask.CompletedTask;
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

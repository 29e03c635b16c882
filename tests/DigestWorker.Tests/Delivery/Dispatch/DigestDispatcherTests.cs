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

    // A sender sends the next digest while the last one's mark-sent commits, but no further: a crash can re-send at
    // most two messages per connection. A mark that fails stops the run; the one digest sent meanwhile is still
    // recorded, and nothing more goes out.
    [Fact]
    public async Task DeliverAsync_MarkSentHeldThenFails_OneMoreIsSentMeanwhileThenTheRunStopsWithNothingLost()
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
        await transport.WhenSent(2).WaitAsync(Hang);
        Assert.False(delivering.IsCompleted);

        adaMark.SetException(new DeliveryRecordException("disk I/O error in test.db"));
        var results = await delivering.WaitAsync(Hang);

        // cy never went out: the worker waited for ada's mark before anything more.
        Assert.Equal(2, transport.Sent);
        Assert.True(results.IsAborted);
        Assert.Contains("could not be recorded as sent", results.Abort!.Message, StringComparison.Ordinal);
        Assert.Contains("disk I/O error", results.Abort.Message, StringComparison.Ordinal);
        Assert.Equal(["ada", "bob", "cy"], results.Select(r => r.SubscriberId));
        Assert.Equal([DeliveryStatus.Deferred, DeliveryStatus.Sent, DeliveryStatus.Deferred], results.Select(r => r.Status));
        Assert.Equal(
            [DigestStatus.Pending, DigestStatus.Sent, DigestStatus.Pending],
            digests.Select(d => record[d.SubscriberId, d.FireTime].Status));
    }

    // A caller keeps something per digest until its result comes (the run's report); each result is handed over as
    // soon as it is known, while the run goes on, not all at its end.
    [Fact]
    public async Task DeliverAsync_EachResultHandedOverAsSoonAsKnown()
    {
        PendingDigest[] digests = [TestDigests.Pending("ada"), TestDigests.Pending("bob"), TestDigests.Pending("cy")];
        var record = await TestDigests.RecordWith(digests);
        var reported = new System.Collections.Concurrent.ConcurrentQueue<DeliveryResult>();
        var reportedWhenMarking = new Dictionary<string, string[]>();
        record.BeforeMarkSent = id =>
        {
            reportedWhenMarking[id] = [.. reported.Select(r => r.SubscriberId)];
            return Task.CompletedTask;
        };
        var dispatcher = new DigestDispatcher(new CountingTransport(), record, new DeliveryOptions(), TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var results = await dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), null, reported.Enqueue, CancellationToken.None).WaitAsync(Hang);

        // One connection: a digest is marked only after the mark before it finished, and by then its result was out.
        Assert.Equal([], reportedWhenMarking["ada"]);
        Assert.Equal(["ada"], reportedWhenMarking["bob"]);
        Assert.Equal(["ada", "bob"], reportedWhenMarking["cy"]);
        Assert.Equal(["ada", "bob", "cy"], reported.Select(r => r.SubscriberId));
        Assert.All(reported, r => Assert.Equal(DeliveryStatus.Sent, r.Status));

        // The results were handed over, so the run keeps none of them (a 100,000-digest run would hold them all to its
        // end), only their counts.
        Assert.Empty(results);
        Assert.Equal(3, results.Total);
        Assert.Equal(3, results.CountOf(DeliveryStatus.Sent));
        Assert.Equal(0, results.CountOf(DeliveryStatus.Deferred));
    }

    /// <summary>One session at a time, counting the digests handed to it.</summary>
    private sealed class CountingTransport : IMailTransport
    {
        private readonly List<(int Count, TaskCompletionSource Reached)> waiting = [];
        private int sent;

        public int Sent
        {
            get
            {
                lock (waiting)
                {
                    return sent;
                }
            }
        }

        /// <summary>Completes once <paramref name="count"/> digests were handed to the transport.</summary>
        public Task WhenSent(int count)
        {
            lock (waiting)
            {
                if (sent >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting.Add((count, reached));
                return reached.Task;
            }
        }

        private void Count()
        {
            lock (waiting)
            {
                sent++;
                foreach (var (count, reached) in waiting.Where(w => w.Count <= sent))
                {
                    reached.TrySetResult();
                }
            }
        }

        public int MaxParallelism => 1;

        public ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IMailSession>(new Session(this));

        private sealed class Session(CountingTransport transport) : IMailSession
        {
            public ValueTask SendAsync(PendingDigest digest, CancellationToken cancellationToken)
            {
                transport.Count();
                return ValueTask.CompletedTask;
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Scheduling;

/// <summary>
/// One run: first the digests left pending by an earlier run (same message, same Message-ID), then, for each
/// enabled subscriber, the digest of its latest fire time at or before the instant, unless already recorded.
/// Outbox order: build, claim as pending with the message, send, mark sent. Runs never overlap in one process.
/// </summary>
internal sealed class DigestRunner(
    DigestPlanner planner,
    DigestBuilder builder,
    SubscriptionsMonitor subscriptions,
    IDeliveryRecord record,
    DigestDispatcher dispatcher,
    StateOptions state,
    TimeProvider time,
    ILogger<DigestRunner> logger)
{
    // One builder per core: selection, rendering and the message are CPU work.
    private static readonly int Builders = Math.Max(1, Environment.ProcessorCount);

    // Subscribers a builder looks up in one read of the record, and digests it claims in one transaction: a commit
    // costs about as much as a few claims, and each read transaction after a write reads the record's index pages
    // from the file again, so one by one the record would be the run's bottleneck. Small enough that the senders
    // never wait long for work.
    private const int Batch = 32;

    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    /// <summary>Raised after every run with its report (logs, the service's health, tests).</summary>
    public event Action<RunReport>? Completed;

    /// <summary>Runs for every enabled subscriber accepted by <paramref name="filter"/>.</summary>
    public async Task<RunReport> RunAsync(DateTimeOffset asOf, Func<Subscriber, bool>? filter, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            RunLock runLock;
            try
            {
                runLock = await RunLock.AcquireAsync(state.Path, state.RunLockTimeout, time, cancellationToken);
            }
            catch (TimeoutException ex)
            {
                logger.LogWarning("{Reason}", ex.Message);
                return new RunReport(asOf, [], ex.Message);
            }

            using (runLock)
            {
                var report = await RunCoreAsync(asOf, filter ?? (_ => true), progress, cancellationToken);
                Completed?.Invoke(report);
                return report;
            }
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    private async Task<RunReport> RunCoreAsync(DateTimeOffset asOf, Func<Subscriber, bool> filter, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        // Digests left pending by an earlier run go first, with their stored message; they are part of this report.
        // One whose subscriber has since been removed, disabled or given another address is withdrawn, not sent.
        var set = subscriptions.Current;
        var resent = new Dictionary<(string, DateTimeOffset), DigestReportEntry>();
        var pending = await dispatcher.DeliverAsync(Remember(Withdraw(record.GetPendingAsync(cancellationToken), set, resent, cancellationToken), resent), cancellationToken);
        LogPending(pending);
        foreach (var result in pending)
        {
            resent[(result.SubscriberId, result.FireTime)] = resent[(result.SubscriberId, result.FireTime)] with { Status = Map(result.Status), Error = result.Error };
        }

        var due = set.Subscribers.Where(s => s.Enabled && filter(s)).ToList();
        var entries = new DigestReportEntry?[due.Count];
        if (pending.Abort is { } abort)
        {
            AddNotAttempted(entries, due, asOf, resent);
            return new RunReport(asOf, [.. resent.Values, .. entries.OfType<DigestReportEntry>()], abort.Message);
        }

        var index = planner.IndexFor(set);
        // One batch of built digests waiting for the senders is enough to keep them busy. More only keeps messages
        // (about 25 KB each) alive long enough to be promoted to the old generation, where they die as garbage only a
        // full collection frees: 256 waiting cost 10 % of a 100,000-digest run's time and more memory.
        var channel = Channel.CreateBounded<PendingDigest>(new BoundedChannelOptions(Batch) { SingleReader = false, SingleWriter = false });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // What the report needs of each claimed digest until its result comes back: not the message itself, which
        // would otherwise stay in memory for the whole run (about 25 KB per digest).
        var claimed = new ConcurrentDictionary<(string, DateTimeOffset), (int Slot, PendingDigest Digest)>();
        var tracker = new RunProgressTracker(due.Count, progress);
        var order = BuildOrder.For(due);
        var next = 0;

        // Claims a builder's batch, then hands the won digests to the senders. All are known as claimed before the
        // first is handed over, so a stop in between still reports every one of them (as pending).
        async Task ClaimAndForwardAsync(List<(int Slot, DigestClaim Claim)> batch)
        {
            if (batch.Count == 0)
            {
                return;
            }

            // Not cancellable: a claim is short, and digests built before a stop are claimed (pending for the next run)
            // as they would have been one by one, their subscribers' starts with them.
            var won = await record.TryClaimAsync([.. batch.Select(b => b.Claim)], CancellationToken.None);
            var forward = new List<PendingDigest>(batch.Count);
            for (var k = 0; k < batch.Count; k++)
            {
                var (slot, (digest, _)) = batch[k];
                if (won[k])
                {
                    claimed[(digest.SubscriberId, digest.FireTime)] = (slot, digest.WithoutMessage());
                    forward.Add(digest);
                }
                else
                {
                    // Another run or process claimed this digest first: it is theirs to send.
                    digest.Buffer?.Release();
                    entries[slot] = Entry(digest, DigestOutcome.AlreadySent, null);
                    tracker.Done();
                }
            }

            batch.Clear();
            foreach (var digest in forward)
            {
                await channel.Writer.WriteAsync(digest, stop.Token);
                tracker.Done();
            }
        }

        // The subscribers of order[first .. first + Batch) whose digest is due and was not among the pending ones resent.
        List<(int Slot, DateTimeOffset Fire)> DueIn(int first)
        {
            var dueHere = new List<(int Slot, DateTimeOffset Fire)>(Batch);
            for (var n = first; n < Math.Min(first + Batch, due.Count); n++)
            {
                var i = order[n];
                if (DigestBuilder.FireTime(due[i], asOf) is { } fire && !resent.ContainsKey((due[i].Id, fire)))
                {
                    dueHere.Add((i, fire));
                }
            }

            return dueHere;
        }

        // Each builder takes the next batch of subscribers and reads what the record holds for all of them at once;
        // the report keeps the subscribers' order.
        async Task BuildAllAsync()
        {
            var batch = new List<(int Slot, DigestClaim Claim)>(Batch);
            try
            {
                int first;
                while ((first = Interlocked.Add(ref next, Batch) - Batch) < due.Count && !stop.IsCancellationRequested)
                {
                    var dueHere = DueIn(first);
                    if (dueHere.Count == 0)
                    {
                        continue;
                    }

                    var states = await record.GetStatesAsync([.. dueHere.Select(d => (due[d.Slot].Id, d.Fire))], asOf, cancellationToken);
                    for (var k = 0; k < dueHere.Count && !stop.IsCancellationRequested; k++)
                    {
                        var (i, fire) = dueHere[k];
                        var built = await builder.BuildAsync(index, due[i], fire, states[k], cancellationToken);
                        if (built.Entry is { } entry)
                        {
                            entries[i] = entry;
                            tracker.Done();
                        }
                        else if (built.Claim is { } claim)
                        {
                            batch.Add((i, claim));
                            if (batch.Count == Batch)
                            {
                                await ClaimAndForwardAsync(batch);
                            }
                        }
                    }
                }

                await ClaimAndForwardAsync(batch);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping (SIGTERM) or the delivery aborted: what was built is claimed and stays pending, unsent.
                try
                {
                    await ClaimAndForwardAsync(batch);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Handing over to the senders stopped: the claimed digests are reported as pending.
                }
            }
            catch (Exception)
            {
                // Building failed (e.g. the record became unusable): the other builders stop too.
                await stop.CancelAsync();
                throw;
            }
        }

        // An aborted delivery (credentials or sender rejected, record unusable) stops the building too.
        // Each result becomes the digest's report entry as it comes: what was kept of the digest for the report is let go
        // during the run instead of piling up until its end. (Given the results one by one, the dispatcher keeps only
        // their counts.)
        void Delivered(DeliveryResult result)
        {
            if (claimed.TryRemove((result.SubscriberId, result.FireTime), out var c))
            {
                entries[c.Slot] = Entry(c.Digest, Map(result.Status), result.Error);
            }
        }

        var delivering = Task.Run(() => dispatcher.DeliverAsync(channel.Reader.ReadAllAsync(CancellationToken.None), _ => stop.Cancel(), Delivered, stop.Token), CancellationToken.None);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Builders).Select(_ => Task.Run(BuildAllAsync, CancellationToken.None)));
        }
        catch (Exception)
        {
            // Let the sends in flight finish and be recorded before the run lock is released, then report the error.
            channel.Writer.TryComplete();
            await delivering;
            throw;
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        var delivered = await delivering;
        foreach (var (slot, digest) in claimed.Values)
        {
            entries[slot] = Entry(digest, DigestOutcome.Deferred, "not attempted in this run; pending for the next one");
        }

        AddNotAttempted(entries, due, asOf, resent);
        var fresh = entries.OfType<DigestReportEntry>().Where(e => !resent.ContainsKey((e.Subscriber, e.FireTime)));
        return new RunReport(asOf, [.. resent.Values, .. fresh], delivered.Abort?.Message);
    }

    // A due subscriber whose digest was never attempted (the run stopped first: SIGTERM, an aborted delivery) is in the
    // report too, deferred to the next run, which builds or re-sends it: the report leaves no due subscriber out.
    private static void AddNotAttempted(DigestReportEntry?[] entries, List<Subscriber> due, DateTimeOffset asOf, Dictionary<(string, DateTimeOffset), DigestReportEntry> resent)
    {
        for (var i = 0; i < due.Count; i++)
        {
            if (entries[i] is null && DigestBuilder.FireTime(due[i], asOf) is { } fire && !resent.ContainsKey((due[i].Id, fire)))
            {
                var period = DigestPlanner.PeriodOf(due[i], fire);
                entries[i] = new DigestReportEntry(due[i].Id, due[i].Email, fire, period.Start, period.End, [], DigestOutcome.Deferred, null, "not attempted before the run stopped; due at the next run");
            }
        }
    }

    /// <summary>
    /// Passes on the pending digests still wanted. One for a subscriber who is no longer in the subscriptions, is
    /// disabled, or has another address now was built before that change: it is recorded failed with the reason (its
    /// events then count as not sent, so a later digest carries them if the subscriber comes back) and reported.
    /// </summary>
    private async IAsyncEnumerable<PendingDigest> Withdraw(IAsyncEnumerable<PendingDigest> digests, SubscriptionSet set, Dictionary<(string, DateTimeOffset), DigestReportEntry> seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, Subscriber>? byId = null;
        await foreach (var digest in digests.WithCancellation(cancellationToken))
        {
            // Built only when there is a pending digest (after an outage there can be as many as subscribers).
            byId ??= set.Subscribers.ToDictionary(s => s.Id, StringComparer.Ordinal);
            var subscriber = byId.GetValueOrDefault(digest.SubscriberId);
            var reason = subscriber switch
            {
                null => "withdrawn: the subscriber was removed from the subscriptions before it was sent",
                { Enabled: false } => "withdrawn: the subscriber was disabled before it was sent",
                _ when !string.Equals(subscriber.Email, digest.Email, StringComparison.OrdinalIgnoreCase) => "withdrawn: the subscriber's address changed before it was sent",
                _ => null,
            };
            if (reason is null)
            {
                yield return digest;
                continue;
            }

            digest.Buffer?.Release();
            await record.MarkFailedAsync(digest.SubscriberId, digest.FireTime, reason, CancellationToken.None);
            logger.LogWarning("Pending digest for {SubscriberId} at {FireTime:O} ({MessageId}) {Reason}", digest.SubscriberId, digest.FireTime, digest.MessageId, reason);
            seen[(digest.SubscriberId, digest.FireTime)] = Entry(digest, DigestOutcome.Failed, reason);
        }
    }

    // Keeps what the report needs of each pending digest read from the record (not its message).
    private static async IAsyncEnumerable<PendingDigest> Remember(IAsyncEnumerable<PendingDigest> digests, Dictionary<(string, DateTimeOffset), DigestReportEntry> seen)
    {
        await foreach (var digest in digests)
        {
            seen[(digest.SubscriberId, digest.FireTime)] = Entry(digest, DigestOutcome.Deferred, "not attempted in this run; pending for the next one");
            yield return digest;
        }
    }

    private void LogPending(DeliveryRunResult pending)
    {
        if (pending.Total > 0)
        {
            logger.LogInformation("Pending digests from an earlier run: {Sent} sent, {Failed} failed, {Deferred} deferred", pending.CountOf(DeliveryStatus.Sent), pending.CountOf(DeliveryStatus.Failed), pending.CountOf(DeliveryStatus.Deferred));
        }
    }

    private static DigestReportEntry Entry(PendingDigest d, DigestOutcome outcome, string? error) =>
        new(d.SubscriberId, d.Email, d.FireTime, d.Period.Start, d.Period.End, d.EventIds, outcome, d.MessageId, error);

    private static DigestOutcome Map(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Sent => DigestOutcome.Sent,
        DeliveryStatus.Failed => DigestOutcome.Failed,
        _ => DigestOutcome.Deferred,
    };
}

using System.Threading.Channels;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Messages;
using DigestWorker.Delivery.Record;
using DigestWorker.Rendering;
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
    SubscriptionsMonitor subscriptions,
    DigestRenderer renderer,
    DigestMessageFactory messages,
    IDeliveryRecord record,
    DigestDispatcher dispatcher,
    StateOptions state,
    TimeProvider time,
    ILogger<DigestRunner> logger)
{
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
        var resent = new Dictionary<(string, DateTimeOffset), DigestReportEntry>();
        var pending = await dispatcher.DeliverAsync(Remember(record.GetPendingAsync(cancellationToken), resent), cancellationToken);
        LogPending(pending);
        foreach (var result in pending)
        {
            resent[(result.SubscriberId, result.FireTime)] = resent[(result.SubscriberId, result.FireTime)] with { Status = Map(result.Status), Error = result.Error };
        }

        if (pending.Abort is { } abort)
        {
            return new RunReport(asOf, [.. resent.Values], abort.Message);
        }

        var set = subscriptions.Current;
        var due = set.Subscribers.Where(s => s.Enabled && filter(s)).ToList();
        var entries = new DigestReportEntry?[due.Count];
        var index = planner.IndexFor(set);
        var channel = Channel.CreateBounded<PendingDigest>(new BoundedChannelOptions(256) { SingleReader = false, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // What the report needs of each claimed digest until its result comes back: not the message itself, which
        // would otherwise stay in memory for the whole run (about 25 KB per digest).
        var claimed = new Dictionary<(string, DateTimeOffset), (int Slot, PendingDigest Digest)>();
        var tracker = new RunProgressTracker(due.Count, progress);

        // An aborted delivery (credentials or sender rejected, record unusable) stops the building too.
        var delivering = Task.Run(() => dispatcher.DeliverAsync(channel.Reader.ReadAllAsync(CancellationToken.None), _ => stop.Cancel(), stop.Token), CancellationToken.None);
        try
        {
            for (var i = 0; i < due.Count && !stop.IsCancellationRequested; i++)
            {
                var built = await BuildAsync(index, due[i], asOf, resent, cancellationToken);
                if (built.Entry is not null)
                {
                    entries[i] = built.Entry;
                    tracker.Done();
                }
                else if (built.Digest is { } digest)
                {
                    claimed[(digest.SubscriberId, digest.FireTime)] = (i, digest with { Message = ReadOnlyMemory<byte>.Empty });
                    await channel.Writer.WriteAsync(digest, stop.Token);
                    tracker.Done();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping (SIGTERM) or the delivery aborted: what was claimed and not sent stays pending.
        }
        catch (Exception)
        {
            // Building failed (e.g. the record became unusable): let the sends in flight finish and be recorded
            // before the run lock is released, then report the error.
            await stop.CancelAsync();
            channel.Writer.TryComplete();
            await delivering;
            throw;
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        var delivered = await delivering;
        foreach (var result in delivered)
        {
            if (claimed.Remove((result.SubscriberId, result.FireTime), out var c))
            {
                entries[c.Slot] = Entry(c.Digest, Map(result.Status), result.Error);
            }
        }

        foreach (var (slot, digest) in claimed.Values)
        {
            entries[slot] = Entry(digest, DigestOutcome.Deferred, "not attempted in this run; pending for the next one");
        }

        var fresh = entries.OfType<DigestReportEntry>().Where(e => !resent.ContainsKey((e.Subscriber, e.FireTime)));
        return new RunReport(asOf, [.. resent.Values, .. fresh], delivered.Abort?.Message);
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

    private async Task<(DigestReportEntry? Entry, PendingDigest? Digest)> BuildAsync(TopicIndex index, Subscriber s, DateTimeOffset asOf, IReadOnlyDictionary<(string, DateTimeOffset), DigestReportEntry> resent, CancellationToken cancellationToken)
    {
        var schedule = FireSchedule.For(s.Schedule, s.TimeZone);
        if (schedule.LatestAtOrBefore(asOf) is not { } fire)
        {
            return default;
        }

        if (resent.ContainsKey((s.Id, fire)))
        {
            // Already handled (and reported) in this run's pending phase.
            return default;
        }

        if (await record.FindAsync(s.Id, fire, cancellationToken) is { } existing)
        {
            var outcome = existing.Status switch
            {
                DigestStatus.Sent => DigestOutcome.AlreadySent,
                DigestStatus.Failed => DigestOutcome.Failed,
                _ => DigestOutcome.Deferred,
            };
            return (new DigestReportEntry(s.Id, s.Email, fire, existing.Period.Start, existing.Period.End, existing.EventIds, outcome, existing.MessageId, existing.LastError), null);
        }

        var plan = await planner.PlanAsync(index, s, fire, record, recordStart: true, cancellationToken);
        var period = plan.Period;
        var ids = plan.Events.Select(e => e.Event.Id).ToList();
        if (ids.Count == 0 && !s.SendEmpty)
        {
            return (new DigestReportEntry(s.Id, s.Email, fire, period.Start, period.End, ids, DigestOutcome.Empty, null, null), null);
        }

        DigestMessage message;
        try
        {
            message = messages.Create(plan, renderer.Render(plan));
        }
        catch (TemplateRenderException ex)
        {
            // One subscriber's template failure does not stop the others; nothing is recorded, so the next run retries.
            logger.LogError(ex, "Digest for {Subscriber} at {FireTime:o} not built: {Error}", s.Id, fire, ex.Message);
            return (new DigestReportEntry(s.Id, s.Email, fire, period.Start, period.End, ids, DigestOutcome.Failed, null, ex.Message), null);
        }

        if (!await record.TryClaimAsync(message.Pending, cancellationToken))
        {
            // Another run or process claimed this digest first: it is theirs to send.
            return (new DigestReportEntry(s.Id, s.Email, fire, period.Start, period.End, ids, DigestOutcome.AlreadySent, message.Pending.MessageId, null), null);
        }

        return (null, message.Pending);
    }

    private void LogPending(DeliveryRunResult pending)
    {
        if (pending.Count > 0)
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

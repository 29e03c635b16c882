using DigestWorker.Delivery.Messages;
using DigestWorker.Delivery.Record;
using DigestWorker.Rendering;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Scheduling;

/// <summary>
/// Builds one subscriber's digest for a run: its latest fire time, then, from what the record already holds for
/// it, the plan and the rendered message. Writes nothing but an unclaimed digest's start: the run claims what is
/// built. Thread-safe (a run uses one builder per core).
/// </summary>
internal sealed class DigestBuilder(
    DigestRenderer renderer,
    DigestMessageFactory messages,
    IDeliveryRecord record,
    ILogger<DigestBuilder> logger)
{
    /// <summary>The subscriber's latest fire time at or before <paramref name="asOf"/>; null when none has come yet.</summary>
    public static DateTimeOffset? FireTime(Subscriber s, DateTimeOffset asOf) =>
        FireSchedule.For(s.Schedule, s.TimeZone).LatestAtOrBefore(asOf);

    /// <summary>
    /// The digest of <paramref name="s"/> at <paramref name="fire"/> given what the record holds for them
    /// (<paramref name="state"/>, read for a batch of subscribers at a time): either a report entry (recorded
    /// before, empty, or not buildable) or a digest to claim.
    /// </summary>
    public async Task<BuiltDigest> BuildAsync(TopicIndex index, Subscriber s, DateTimeOffset fire, SubscriberState state, CancellationToken cancellationToken)
    {
        if (state.Existing is { } existing)
        {
            var outcome = existing.Status switch
            {
                DigestStatus.Sent => DigestOutcome.AlreadySent,
                DigestStatus.Failed => DigestOutcome.Failed,
                _ => DigestOutcome.Deferred,
            };
            return BuiltDigest.Done(new DigestReportEntry(s.Id, s.Email, fire, existing.Period.Start, existing.Period.End, existing.EventIds, outcome, existing.MessageId, existing.LastError));
        }

        var plan = DigestPlanner.Plan(index, s, fire, state.Start, state.SentEventIds, state.LastPeriodEnd);
        var period = plan.Period;
        if (plan.CoveredBefore)
        {
            // Its days went out in an earlier digest (the schedule or time zone changed since): nothing is made again.
            return BuiltDigest.Done(new DigestReportEntry(s.Id, s.Email, fire, period.Start, period.End, [], DigestOutcome.AlreadySent, null, null));
        }

        if (plan.Events.Count == 0 && !s.SendEmpty)
        {
            // Nothing to send, but the subscriber's start is theirs from now on (late events of this period count).
            await RecordStartAsync(plan, cancellationToken);
            return BuiltDigest.Done(new DigestReportEntry(s.Id, s.Email, fire, period.Start, period.End, [], DigestOutcome.Empty, null, null));
        }

        try
        {
            // The rendered bodies are pooled arrays, given back once the message holds their bytes.
            using var rendered = renderer.Render(plan);
            var message = messages.Create(plan, rendered);
            return BuiltDigest.ToClaim(new DigestClaim(message, plan.UnrecordedStart));
        }
        catch (TemplateRenderException ex)
        {
            // One subscriber's template failure does not stop the others; no digest is recorded, so the next run
            // retries, but the subscriber's start is theirs from now on (as for an empty digest).
            // The message names the template, line and column; its stack trace would only bury that in the log.
            logger.LogError("Digest for {Subscriber} at {FireTime:o} not built: {Error}", s.Id, fire, ex.Message);
            await RecordStartAsync(plan, cancellationToken);
            return BuiltDigest.Done(new DigestReportEntry(s.Id, s.Email, fire, period.Start, period.End, plan.EventIds(), DigestOutcome.Failed, null, ex.Message));
        }
    }

    // A digest that is not claimed (empty, or not renderable) records the start its plan assumed on its own.
    private Task RecordStartAsync(DigestPlan plan, CancellationToken cancellationToken) =>
        plan.UnrecordedStart is { } start
            ? record.EnsureSubscriberStartAsync(plan.Subscriber.Id, start, cancellationToken)
            : Task.CompletedTask;
}

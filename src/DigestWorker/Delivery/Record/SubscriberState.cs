namespace DigestWorker.Delivery.Record;

/// <summary>What the record holds for one subscriber when a run comes to their digest, read in one go.</summary>
/// <param name="Existing">The digest already recorded for this fire time, if any.</param>
/// <param name="Start">The subscriber's recorded start, if any.</param>
/// <param name="SentEventIds">Events sent to them or in a digest of theirs still pending (the "sent before" set).</param>
/// <param name="LastPeriodEnd">
/// The end (exclusive) of the latest period a digest of theirs covers, whatever its status; null when none is recorded.
/// A digest for a period ending no later is not made again (after a schedule or time-zone edit moved the fire time).
/// </param>
public sealed record SubscriberState(DigestRecord? Existing, DateOnly? Start, IReadOnlySet<string> SentEventIds, DateOnly? LastPeriodEnd = null);

using DigestWorker.Chronology;
using DigestWorker.Delivery.Record;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Scheduling;

/// <summary>
/// Plans one subscriber's digest for one fire time: the period, the subscriber's start and "sent before" set from
/// the delivery record, and the selection. The topic index is built once per (documents, subscriptions) pair.
/// </summary>
internal sealed class DigestPlanner(EventCatalogProvider events, SubscriptionsMonitor subscriptions, ILogger<DigestPlanner> logger)
{
    private readonly Lock _gate = new();
    private (EventCatalog Catalog, SubscriptionSet Set, TopicIndex Index)? _index;

    /// <summary>The index for the documents and subscriptions in force now.</summary>
    public TopicIndex CurrentIndex() => IndexFor(subscriptions.Current);

    /// <summary>The index for the documents in force now and the topics of <paramref name="set"/>.</summary>
    public TopicIndex IndexFor(SubscriptionSet set)
    {
        var catalog = events.Current;
        lock (_gate)
        {
            if (_index is { } cached && ReferenceEquals(cached.Catalog, catalog) && ReferenceEquals(cached.Set, set))
            {
                return cached.Index;
            }

            var index = new TopicIndex(catalog, set.Topics);
            _index = (catalog, set, index);
            foreach (var warning in RelationshipTitles.Unmatched(set.Subscribers.Where(s => s.Enabled), catalog))
            {
                logger.LogWarning("Subscriptions: {Warning}", warning);
            }

            return index;
        }
    }

    /// <summary>
    /// The plan for <paramref name="fire"/>. A subscriber without <c>since</c> and without a recorded start starts with
    /// this period: the plan says so in <see cref="DigestPlan.UnrecordedStart"/> and the caller records it (a run
    /// does, with the claim; a preview does not). Nothing is written here.
    /// </summary>
    public async Task<DigestPlan> PlanAsync(TopicIndex index, Subscriber s, DateTimeOffset fire, DateTimeOffset asOf, IDeliveryRecord? record, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return Plan(index, s, fire, null, new HashSet<string>());
        }

        var state = (await record.GetStatesAsync([(s.Id, fire)], asOf, cancellationToken))[0];
        if (state.Existing is null)
        {
            return Plan(index, s, fire, state.Start, state.SentEventIds, state.LastPeriodEnd);
        }

        // This fire time is recorded already: what would go out besides it.
        var recorded = s.Since is null ? await record.GetSubscriberStartAsync(s.Id, cancellationToken) : null;
        return Plan(index, s, fire, recorded, await record.GetSentEventIdsAsync(s.Id, cancellationToken));
    }

    /// <summary>The period the digest of <paramref name="s"/> at <paramref name="fire"/> covers, in the subscriber's local dates.</summary>
    public static DigestPeriod PeriodOf(Subscriber s, DateTimeOffset fire) => FireSchedule.For(s.Schedule, s.TimeZone).PeriodFor(fire);

    /// <summary>
    /// The plan for <paramref name="fire"/> from the subscriber's recorded start, "sent before" set and the end of the
    /// latest period a digest of theirs covers. A period ending no later than that one is covered already
    /// (<see cref="DigestPlan.CoveredBefore"/>); one reaching back into it starts where it ended, so periods do not
    /// overlap after a schedule or time-zone edit.
    /// </summary>
    public static DigestPlan Plan(TopicIndex index, Subscriber s, DateTimeOffset fire, DateOnly? recordedStart, IReadOnlySet<string> sent, DateOnly? lastPeriodEnd = null)
    {
        var period = PeriodOf(s, fire);
        if (lastPeriodEnd is { } last)
        {
            if (period.End <= last)
            {
                return new DigestPlan { Subscriber = s, FireTime = fire, Period = period, Events = [], CoveredBefore = true };
            }

            if (period.Start < last)
            {
                period = new DigestPeriod(last, period.End);
            }
        }

        // A start recorded after this period ends came from a run as of a later instant (a future --as-of): it would
        // hide every event of this period, so the period's own start is used instead. One inside it is kept.
        var start = s.Since ?? (recordedStart < period.End ? recordedStart : null) ?? period.Start;
        return DigestSelector.Select(index, s, fire, period, start, sent, unrecordedStart: s.Since is null && recordedStart is null ? start : null);
    }
}

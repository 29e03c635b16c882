using DigestWorker.Chronology;
using DigestWorker.Delivery.Record;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;

namespace DigestWorker.Scheduling;

/// <summary>
/// Plans one subscriber's digest for one fire time: the period, the subscriber's start and "sent before" set from
/// the delivery record, and the selection. The topic index is built once per (documents, subscriptions) pair.
/// </summary>
internal sealed class DigestPlanner(EventCatalogProvider events, SubscriptionsMonitor subscriptions)
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
            return index;
        }
    }

    /// <summary>
    /// The plan for <paramref name="fire"/>. With <paramref name="recordStart"/>, a subscriber without <c>since</c>
    /// gets this period's start recorded as theirs (their first digest); a preview passes false and changes nothing.
    /// </summary>
    public async Task<DigestPlan> PlanAsync(TopicIndex index, Subscriber s, DateTimeOffset fire, IDeliveryRecord? record, bool recordStart, CancellationToken cancellationToken)
    {
        var period = FireSchedule.For(s.Schedule, s.TimeZone).PeriodFor(fire);
        DateOnly start;
        IReadOnlySet<string> sent;
        if (record is null)
        {
            start = s.Since ?? period.Start;
            sent = new HashSet<string>();
        }
        else
        {
            start = s.Since
                    ?? await record.GetSubscriberStartAsync(s.Id, cancellationToken)
                    ?? (recordStart ? await record.EnsureSubscriberStartAsync(s.Id, period.Start, cancellationToken) : period.Start);
            sent = await record.GetSentEventIdsAsync(s.Id, cancellationToken);
        }

        return DigestSelector.Select(index, s, fire, period, start, sent);
    }
}

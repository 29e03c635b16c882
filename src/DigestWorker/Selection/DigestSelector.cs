using DigestWorker.Subscriptions;

namespace DigestWorker.Selection;

/// <summary>
/// The rule for what a digest contains: events in the subscriber's topics (and relationships) that started
/// before the period's end, end on or after the subscriber's start, and were not sent to them before; each once,
/// with every matching topic, in chronological order.
/// </summary>
public static class DigestSelector
{
    public static DigestPlan Select(
        TopicIndex index,
        Subscriber subscriber,
        DateTimeOffset fireTime,
        DigestPeriod period,
        DateOnly subscriberStart,
        IReadOnlySet<string> sentBefore,
        DateOnly? unrecordedStart = null)
    {
        var chosen = new Dictionary<string, (Chronology.ChronologyEvent Event, List<TopicMatch> Topics)>(StringComparer.Ordinal);
        var relationships = subscriber.Relationships.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var topic in subscriber.Topics)
        {
            // With relationships, only those documents' events are candidates (an event from two of them once).
            var candidates = relationships.Count == 0
                ? index.Overlapping(topic.Id, subscriberStart, period.End)
                : relationships.SelectMany(r => index.Overlapping(topic.Id, r, subscriberStart, period.End)).DistinctBy(x => x.Event.Id, StringComparer.Ordinal);
            foreach (var (e, match) in candidates)
            {
                if (sentBefore.Contains(e.Id))
                {
                    continue;
                }

                if (chosen.TryGetValue(e.Id, out var existing))
                {
                    existing.Topics.Add(match);
                }
                else
                {
                    chosen[e.Id] = (e, [match]);
                }
            }
        }

        var events = chosen.Values
            .OrderBy(x => x.Event.Start).ThenBy(x => x.Event.End).ThenBy(x => x.Event.Id, StringComparer.Ordinal)
            .Select(x => new SelectedEvent(x.Event, x.Topics))
            .ToList();
        return new DigestPlan { Subscriber = subscriber, FireTime = fireTime, Period = period, Events = events, UnrecordedStart = unrecordedStart };
    }
}

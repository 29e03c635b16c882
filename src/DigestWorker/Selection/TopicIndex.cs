using DigestWorker.Chronology;
using DigestWorker.Subscriptions;

namespace DigestWorker.Selection;

/// <summary>
/// Every event matched against every topic once (not once per subscriber), kept per topic in start order
/// so a subscriber's candidates are a range lookup.
/// </summary>
public sealed class TopicIndex
{
    private readonly Dictionary<string, TopicEvents> _byTopic;

    public TopicIndex(EventCatalog catalog, IEnumerable<Topic> topics)
    {
        Catalog = catalog;
        _byTopic = topics.AsParallel().Select(t => (t.Id, Events: TopicEvents.Build(new TopicMatcher(t), catalog.Events)))
                         .ToDictionary(x => x.Id, x => x.Events, StringComparer.Ordinal);
    }

    public EventCatalog Catalog { get; }

    /// <summary>Events of the topic that overlap [<paramref name="from"/>, <paramref name="before"/>), with the topic match.</summary>
    public IEnumerable<(ChronologyEvent Event, TopicMatch Match)> Overlapping(string topicId, DateOnly from, DateOnly before) =>
        _byTopic.TryGetValue(topicId, out var list) ? list.Overlapping(from, before) : [];

    /// <summary>
    /// Events of the topic from documents titled <paramref name="relationship"/> (case-insensitive) that overlap
    /// [<paramref name="from"/>, <paramref name="before"/>): a subscriber following relationships scans only those,
    /// not every event of the topic.
    /// </summary>
    public IEnumerable<(ChronologyEvent Event, TopicMatch Match)> Overlapping(string topicId, string relationship, DateOnly from, DateOnly before) =>
        _byTopic.TryGetValue(topicId, out var list) && list.ByRelationship.TryGetValue(relationship, out var sub)
            ? sub.Overlapping(from, before)
            : [];

    private sealed class TopicEvents
    {
        private readonly ChronologyEvent[] _events;
        private readonly TopicMatch[] _matches;
        private readonly int _maxDays;

        private TopicEvents(List<(ChronologyEvent Event, TopicMatch Match)> items, bool byRelationship)
        {
            _events = [.. items.Select(i => i.Event)];
            _matches = [.. items.Select(i => i.Match)];
            _maxDays = items.Count == 0 ? 0 : items.Max(i => i.Event.End.DayNumber - i.Event.Start.DayNumber);
            ByRelationship = byRelationship
                ? items.SelectMany(i => i.Event.Sources.Select(src => src.Title).Distinct(StringComparer.OrdinalIgnoreCase).Select(title => (Title: title, Item: i)))
                       .GroupBy(x => x.Title, StringComparer.OrdinalIgnoreCase)
                       .ToDictionary(g => g.Key, g => new TopicEvents([.. g.Select(x => x.Item)], byRelationship: false), StringComparer.OrdinalIgnoreCase)
                : [];
        }

        /// <summary>The same events split by document title (relationship), each list still in start order.</summary>
        public Dictionary<string, TopicEvents> ByRelationship { get; }

        public static TopicEvents Build(TopicMatcher matcher, IReadOnlyList<ChronologyEvent> events)
        {
            var items = new List<(ChronologyEvent, TopicMatch)>();
            foreach (var e in events)
            {
                if (matcher.Match(e) is { } m)
                {
                    items.Add((e, m));
                }
            }

            return new TopicEvents(items, byRelationship: true);
        }

        public IEnumerable<(ChronologyEvent, TopicMatch)> Overlapping(DateOnly from, DateOnly before)
        {
            // Events are in start order; none starting earlier than from - longest duration can still overlap
            // (no earlier than the calendar's first day: a subscriber may start from it).
            var first = LowerBound(DateOnly.FromDayNumber(Math.Max(0, from.DayNumber - _maxDays)));
            for (var i = first; i < _events.Length && _events[i].Start < before; i++)
            {
                if (_events[i].End >= from)
                {
                    yield return (_events[i], _matches[i]);
                }
            }
        }

        private int LowerBound(DateOnly start)
        {
            int lo = 0, hi = _events.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_events[mid].Start < start)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}

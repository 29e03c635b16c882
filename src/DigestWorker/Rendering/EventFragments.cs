using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DigestWorker.Chronology;
using DigestWorker.Selection;
using Scriban.Runtime;

namespace DigestWorker.Rendering;

/// <summary>
/// Each event rendered once per template set, body and matched topics, then shared by every digest that shows it:
/// in a run most events reach many subscribers, and the event templates are most of the rendering work. An event
/// template sees only the event (not the subscriber), so its output cannot differ between those digests.
/// </summary>
/// <remarks>
/// Keys hold the template set, event and topic matches by reference: a reload of templates, documents or topics
/// makes new objects and so new keys. The cache is small and starts over when full: what it saves comes from subscribers
/// with the same topics and relationships, whom a run builds next to each other (<c>BuildOrder</c>), so an entry is
/// reused within a few dozen digests or not at all. A larger cache keeps its entries (about 2 KB each) alive long
/// enough to reach the old generation, where they die as garbage: at 100,000 subscribers a bound of 2,000 had the
/// same hit rate as 200 for about 50 MB more peak memory, and 50 rendered noticeably more.
/// </remarks>
internal sealed class EventFragments(int capacity = EventFragments.DefaultCapacity)
{
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<Key, ScriptObject> _items = new();
    private int _count;

    /// <summary>The digest item for <paramref name="selected"/>, from the cache or made by <paramref name="make"/>.</summary>
    public ScriptObject GetOrAdd(TemplateSet set, string file, SelectedEvent selected, Func<ScriptObject> make)
    {
        if (selected.Topics.Count > Key.MaxTopics)
        {
            return make();
        }

        var key = new Key(set, file, selected);
        if (_items.TryGetValue(key, out var item))
        {
            return item;
        }

        item = make();

        // Counted apart from the dictionary (whose Count takes every lock); approximate under races, which is enough.
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _items.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        return _items.GetOrAdd(key, item);
    }

    /// <summary>Entries held now (tests).</summary>
    public int Count => _items.Count;

    private readonly struct Key(TemplateSet set, string file, SelectedEvent selected) : IEquatable<Key>
    {
        public const int MaxTopics = 3;

        private readonly TemplateSet _set = set;
        private readonly string _file = file;
        private readonly ChronologyEvent _event = selected.Event;
        private readonly TopicMatch? _first = selected.Topics.Count > 0 ? selected.Topics[0] : null;
        private readonly TopicMatch? _second = selected.Topics.Count > 1 ? selected.Topics[1] : null;
        private readonly TopicMatch? _third = selected.Topics.Count > 2 ? selected.Topics[2] : null;

        public bool Equals(Key other) =>
            ReferenceEquals(_set, other._set) && string.Equals(_file, other._file, StringComparison.Ordinal) &&
            ReferenceEquals(_event, other._event) && ReferenceEquals(_first, other._first) &&
            ReferenceEquals(_second, other._second) && ReferenceEquals(_third, other._third);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            RuntimeHelpers.GetHashCode(_set), _file, RuntimeHelpers.GetHashCode(_event),
            Ref(_first), Ref(_second), Ref(_third));

        private static int Ref(object? value) => value is null ? 0 : RuntimeHelpers.GetHashCode(value);
    }
}

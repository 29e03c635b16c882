using DigestWorker.Chronology;

namespace DigestWorker.Selection;

/// <summary>An event chosen for a digest, with the subscriber's topics it is in.</summary>
public sealed record SelectedEvent(ChronologyEvent Event, IReadOnlyList<TopicMatch> Topics);

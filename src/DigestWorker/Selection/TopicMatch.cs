using DigestWorker.Subscriptions;

namespace DigestWorker.Selection;

/// <summary>An event's membership of one topic, with every term that matched.</summary>
public sealed record TopicMatch(Topic Topic, IReadOnlyList<MatchedTerm> Terms);

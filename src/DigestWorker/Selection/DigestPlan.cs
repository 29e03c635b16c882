using DigestWorker.Subscriptions;

namespace DigestWorker.Selection;

/// <summary>What one digest holds: who, for which fire time and period, and the events in chronological order.</summary>
public sealed class DigestPlan
{
    public required Subscriber Subscriber { get; init; }

    /// <summary>The schedule instant this digest is for (UTC).</summary>
    public required DateTimeOffset FireTime { get; init; }

    public required DigestPeriod Period { get; init; }

    public required IReadOnlyList<SelectedEvent> Events { get; init; }

    /// <summary>
    /// Set when the subscriber has no start recorded yet (no <c>since</c>, first digest): the start this plan assumed,
    /// which the run records with the claim of this digest (or on its own when the digest is empty).
    /// </summary>
    public DateOnly? UnrecordedStart { get; init; }
}

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

    /// <summary>The ids of <see cref="Events"/>, in order, in an array of their exact size: a run's report keeps one per digest.</summary>
    public string[] EventIds()
    {
        var ids = new string[Events.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Events[i].Event.Id;
        }

        return ids;
    }

    /// <summary>
    /// Set when the subscriber has no start recorded yet (no <c>since</c>, first digest): the start this plan assumed,
    /// which the run records with the claim of this digest (or on its own when the digest is empty).
    /// </summary>
    public DateOnly? UnrecordedStart { get; init; }

    /// <summary>
    /// Set when an earlier digest of this subscriber already covers <see cref="Period"/> (its period ends no earlier):
    /// a schedule or time-zone edit moved the fire time, and a digest for these days is not made twice.
    /// <see cref="Events"/> is then empty.
    /// </summary>
    public bool CoveredBefore { get; init; }
}

namespace DigestWorker.Chronology;

/// <summary>All events loaded from the source folders, in chronological order, with the warnings met on the way.</summary>
public sealed class EventCatalog
{
    public EventCatalog(IReadOnlyList<ChronologyEvent> events, IReadOnlyList<DocumentWarning> warnings, int documentCount)
    {
        Events = events;
        Warnings = warnings;
        DocumentCount = documentCount;
    }

    /// <summary>Events ordered by start, end, then id.</summary>
    public IReadOnlyList<ChronologyEvent> Events { get; }

    public IReadOnlyList<DocumentWarning> Warnings { get; }

    public int DocumentCount { get; }
}

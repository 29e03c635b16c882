namespace DigestWorker.Chronology;

/// <summary>Where an event was read: the dated chronology list, or a dated sentence of the analysis.</summary>
public enum EventKind
{
    Chronology,
    Narrative,
}

namespace DigestWorker.Scheduling;

/// <summary>What a run did for one subscriber's due digest (the report's <c>status</c>).</summary>
public enum DigestOutcome
{
    Sent,
    Failed,
    Deferred,
    Empty,
    AlreadySent,
}

namespace DigestWorker.Delivery.Record;

/// <summary>
/// The delivery record: which digests were built, sent or failed, and which events each subscriber has been sent.
/// The seam a second store (e.g. PostgreSQL for several machines) implements beside SQLite.
/// </summary>
public interface IDeliveryRecord : IAsyncDisposable
{
    /// <summary>Opens the store and creates its schema; throws <see cref="DeliveryRecordException"/> naming the path when it cannot be used.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The recorded digest for (subscriber, fire time), or null.</summary>
    Task<DigestRecord?> FindAsync(string subscriberId, DateTimeOffset fireTime, CancellationToken cancellationToken);

    /// <summary>
    /// Records the digest as pending, with its message. A unique claim on (subscriber, fire time):
    /// returns false, changing nothing, when that digest is already recorded (by this or another process).
    /// </summary>
    Task<bool> TryClaimAsync(PendingDigest digest, CancellationToken cancellationToken);

    /// <summary>
    /// Claims several digests in one transaction (a run claims what its builders made in batches): for each, in order,
    /// whether this call claimed it. A claim's <see cref="DigestClaim.SubscriberStart"/> is recorded with it unless a
    /// start is recorded already, whether or not the claim wins. All or nothing: on failure nothing is claimed.
    /// </summary>
    Task<IReadOnlyList<bool>> TryClaimAsync(IReadOnlyList<DigestClaim> claims, CancellationToken cancellationToken);

    /// <summary>Every pending digest with its stored message, oldest fire time first.</summary>
    IAsyncEnumerable<PendingDigest> GetPendingAsync(CancellationToken cancellationToken);

    /// <summary>Marks the digest sent and its events sent to the subscriber, in one transaction.</summary>
    Task MarkSentAsync(string subscriberId, DateTimeOffset fireTime, CancellationToken cancellationToken);

    /// <summary>Marks the digest permanently failed with the server's reply.</summary>
    Task MarkFailedAsync(string subscriberId, DateTimeOffset fireTime, string error, CancellationToken cancellationToken);

    /// <summary>Counts an attempt that left the digest pending (transient failure), with its error.</summary>
    Task RecordAttemptAsync(string subscriberId, DateTimeOffset fireTime, string error, CancellationToken cancellationToken);

    /// <summary>Ids of every event sent to the subscriber, or in a digest of theirs still pending (the "sent before" set).</summary>
    Task<IReadOnlySet<string>> GetSentEventIdsAsync(string subscriberId, CancellationToken cancellationToken);

    /// <summary>
    /// For each (subscriber, fire time), in order: the digest recorded for it, the subscriber's start and their "sent
    /// before" set, all read from one consistent state of the record (what a run needs of each subscriber; a run
    /// asks for a batch of subscribers at a time).
    /// </summary>
    /// <param name="asOf">The run's instant: a digest recorded for a later fire time (a run with a future <c>--as-of</c>)
    /// does not count in <see cref="SubscriberState.LastPeriodEnd"/> (and the planner ignores a start recorded after the
    /// period it plans), so such a run cannot silence the subscriber until then.</param>
    Task<IReadOnlyList<SubscriberState>> GetStatesAsync(IReadOnlyList<(string SubscriberId, DateTimeOffset FireTime)> digests, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>The subscriber's start date (first digest's period start) if recorded.</summary>
    Task<DateOnly?> GetSubscriberStartAsync(string subscriberId, CancellationToken cancellationToken);

    /// <summary>Records the subscriber's start date unless one is recorded already; returns the recorded one.</summary>
    Task<DateOnly> EnsureSubscriberStartAsync(string subscriberId, DateOnly start, CancellationToken cancellationToken);

    /// <summary>Recorded digests, newest fire time first, optionally filtered.</summary>
    IAsyncEnumerable<DigestRecord> QueryAsync(string? subscriberId, DigestStatus? status, CancellationToken cancellationToken);
}

using System.Runtime.CompilerServices;
using DigestWorker.Delivery.Record;

namespace DigestWorker.Tests.Delivery;

/// <summary>A small in-memory <see cref="IDeliveryRecord"/> for dispatcher tests (the SQLite one is tested on its own).</summary>
internal sealed class InMemoryDeliveryRecord : IDeliveryRecord
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string, DateTimeOffset), Entry> entries = [];
    private readonly Dictionary<string, DateOnly> starts = [];

    public sealed record Entry(PendingDigest Digest, DigestStatus Status, int Attempts, string? LastError);

    public Entry this[string subscriberId, DateTimeOffset fireTime]
    {
        get
        {
            lock (gate)
            {
                return entries[(subscriberId, fireTime)];
            }
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<bool>> TryClaimAsync(IReadOnlyList<DigestClaim> claims, CancellationToken cancellationToken)
    {
        var won = new List<bool>();
        foreach (var claim in claims)
        {
            if (claim.SubscriberStart is { } start)
            {
                lock (gate)
                {
                    starts.TryAdd(claim.Digest.SubscriberId, start);
                }
            }

            won.Add(await TryClaimAsync(claim.Digest, cancellationToken));
        }

        return won;
    }

    public Task<bool> TryClaimAsync(PendingDigest digest, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // A copy of the message, as a real record stores: the digest's own may be in a pooled buffer given back after sending.
            var stored = TestDigests.OwnCopy(digest);
            return Task.FromResult(entries.TryAdd((digest.SubscriberId, digest.FireTime), new Entry(stored, DigestStatus.Pending, 0, null)));
        }
    }

    public async IAsyncEnumerable<PendingDigest> GetPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<PendingDigest> pending;
        lock (gate)
        {
            pending = [.. entries.Values.Where(e => e.Status == DigestStatus.Pending).Select(e => e.Digest).OrderBy(d => d.FireTime)];
        }

        foreach (var digest in pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return digest;
        }
    }

    /// <summary>Awaited before each mark-sent is applied (a test holds or fails a mark here); null for none.</summary>
    public Func<string, Task>? BeforeMarkSent { get; set; }

    public async Task MarkSentAsync(string subscriberId, DateTimeOffset fireTime, CancellationToken cancellationToken)
    {
        if (BeforeMarkSent is { } before)
        {
            await before(subscriberId);
        }

        await Update(subscriberId, fireTime, e => e with { Status = DigestStatus.Sent });
    }

    public Task MarkFailedAsync(string subscriberId, DateTimeOffset fireTime, string error, CancellationToken cancellationToken) =>
        Update(subscriberId, fireTime, e => e with { Status = DigestStatus.Failed, Attempts = e.Attempts + 1, LastError = error });

    public Task RecordAttemptAsync(string subscriberId, DateTimeOffset fireTime, string error, CancellationToken cancellationToken) =>
        Update(subscriberId, fireTime, e => e with { Attempts = e.Attempts + 1, LastError = error });

    public Task<DigestRecord?> FindAsync(string subscriberId, DateTimeOffset fireTime, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlySet<string>> GetSentEventIdsAsync(string subscriberId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SubscriberState>> GetStatesAsync(IReadOnlyList<(string SubscriberId, DateTimeOffset FireTime)> digests, DateTimeOffset asOf, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DateOnly?> GetSubscriberStartAsync(string subscriberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(starts.TryGetValue(subscriberId, out var start) ? start : (DateOnly?)null);
        }
    }

    public Task<DateOnly> EnsureSubscriberStartAsync(string subscriberId, DateOnly start, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<DigestRecord> QueryAsync(string? subscriberId, DigestStatus? status, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task Update(string subscriberId, DateTimeOffset fireTime, Func<Entry, Entry> change)
    {
        lock (gate)
        {
            var key = (subscriberId, fireTime);
            if (!entries.TryGetValue(key, out var entry) || entry.Status != DigestStatus.Pending)
            {
                throw new InvalidOperationException($"{subscriberId} at {fireTime:O} is not pending.");
            }

            entries[key] = change(entry);
        }

        return Task.CompletedTask;
    }
}

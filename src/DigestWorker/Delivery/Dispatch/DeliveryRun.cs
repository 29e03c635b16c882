using DigestWorker.Delivery.Record;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>The shared state of one <see cref="DigestDispatcher.DeliverAsync"/> call: its stop token, results and abort reason.</summary>
internal sealed class DeliveryRun : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly CancellationToken caller;
    // Indexed by the digest's position in the input (0, 1, 2, ...), which every worker fills in: a list, not a
    // dictionary, so results come back in order without sorting. Not kept when the caller takes each result as it
    // comes (onResult): then only the counts are, and a 100,000-digest run holds no result after it is reported.
    private readonly List<DeliveryResult?> results = [];
    private readonly int[] counts = DeliveryRunResult.NewCounts();
    private DeliveryRunAbortedException? abort;

    private readonly Action<DeliveryRunAbortedException>? onAbort;
    private readonly Action<DeliveryResult>? onResult;

    public DeliveryRun(CancellationToken caller, Action<DeliveryRunAbortedException>? onAbort = null, Action<DeliveryResult>? onResult = null)
    {
        this.caller = caller;
        this.onAbort = onAbort;
        this.onResult = onResult;
        stop = CancellationTokenSource.CreateLinkedTokenSource(caller);
    }

    /// <summary>Cancelled on shutdown or when the run is aborted; ends retries and delays, never a message in flight.</summary>
    public CancellationToken Token => stop.Token;

    public DeliveryRunAbortedException? Abort => Volatile.Read(ref abort);

    /// <summary>Why digests are left unsent now that the run is stopping.</summary>
    public string StopReason => Abort?.Message ?? (caller.IsCancellationRequested ? "Delivery was cancelled (shutdown); left pending." : "Delivery stopped; left pending.");

    /// <summary>Stops the run; the first reason wins.</summary>
    public void Stop(DeliveryRunAbortedException reason)
    {
        if (Interlocked.CompareExchange(ref abort, reason, null) is null)
        {
            stop.Cancel();
            onAbort?.Invoke(reason);
        }
    }

    public void Add(int index, DeliveryResult result)
    {
        lock (results)
        {
            counts[(int)result.Status]++;
            if (onResult is null)
            {
                while (results.Count <= index)
                {
                    results.Add(null);
                }

                results[index] = result;
            }
        }

        try
        {
            onResult?.Invoke(result);
        }
        catch (Exception ex)
        {
            // A caller's callback must not kill a worker (the run would wait for it for ever): the run stops instead,
            // and what is left stays pending.
            Stop(new DeliveryRunAbortedException($"Reporting a delivery result failed: {ex.Message}", ex));
        }
    }

    public static DeliveryResult Result(PendingDigest digest, DeliveryStatus status, int attempts, string? error) =>
        new(digest.SubscriberId, digest.FireTime, digest.MessageId, status, attempts, error);

    public DeliveryRunResult ToResult()
    {
        lock (results)
        {
            // Every digest read gets a result, so no gap is left unless a worker failed outright.
            return new DeliveryRunResult(onResult is null ? [.. results.OfType<DeliveryResult>()] : [], [.. counts], Abort);
        }
    }

    public void Dispose() => stop.Dispose();
}

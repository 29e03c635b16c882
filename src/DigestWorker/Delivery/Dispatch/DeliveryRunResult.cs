using System.Collections;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>
/// The outcome of a delivery run: one <see cref="DeliveryResult"/> per digest read, in input order, and
/// <see cref="Abort"/> when the run stopped early (exit with an error code and print its message).
/// </summary>
public sealed class DeliveryRunResult : IReadOnlyList<DeliveryResult>
{
    private readonly IReadOnlyList<DeliveryResult> results;

    public DeliveryRunResult(IReadOnlyList<DeliveryResult> results, DeliveryRunAbortedException? abort)
    {
        this.results = results ?? throw new ArgumentNullException(nameof(results));
        Abort = abort;
    }

    /// <summary>Why the run stopped early, or null when every digest was tried.</summary>
    public DeliveryRunAbortedException? Abort { get; }

    public bool IsAborted => Abort is not null;

    public int Count => results.Count;

    public DeliveryResult this[int index] => results[index];

    public int CountOf(DeliveryStatus status) => results.Count(result => result.Status == status);

    public IEnumerator<DeliveryResult> GetEnumerator() => results.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

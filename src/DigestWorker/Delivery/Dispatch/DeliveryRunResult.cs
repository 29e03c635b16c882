using System.Collections;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>
/// The outcome of a delivery run: one <see cref="DeliveryResult"/> per digest read, in input order, and
/// <see cref="Abort"/> when the run stopped early (exit with an error code and print its message). A run whose caller
/// took each result as it came keeps only their counts: it lists none (<see cref="Count"/> is 0; see <see cref="Total"/>).
/// </summary>
public sealed class DeliveryRunResult : IReadOnlyList<DeliveryResult>
{
    private readonly IReadOnlyList<DeliveryResult> results;
    private readonly int[] counts;

    /// <param name="results">The results listed: all of them, or none when the caller was given each as it came.</param>
    /// <param name="counts">How many digests ended with each status, indexed by <see cref="DeliveryStatus"/>.</param>
    internal DeliveryRunResult(IReadOnlyList<DeliveryResult> results, int[] counts, DeliveryRunAbortedException? abort)
    {
        this.results = results;
        this.counts = counts;
        Abort = abort;
    }

    /// <summary>Why the run stopped early, or null when every digest was tried.</summary>
    public DeliveryRunAbortedException? Abort { get; }

    public bool IsAborted => Abort is not null;

    /// <summary>The results listed (0 when they went to the caller one by one).</summary>
    public int Count => results.Count;

    /// <summary>How many digests the run gave a result, listed or not.</summary>
    public int Total => counts.Sum();

    public DeliveryResult this[int index] => results[index];

    /// <summary>How many digests ended with <paramref name="status"/>, listed or not.</summary>
    public int CountOf(DeliveryStatus status) => counts[(int)status];

    public IEnumerator<DeliveryResult> GetEnumerator() => results.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static int[] NewCounts() => new int[Enum.GetValues<DeliveryStatus>().Length];
}

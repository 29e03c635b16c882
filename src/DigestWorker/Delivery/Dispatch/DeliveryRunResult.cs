using System.Collections;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>
/// The outcome of a delivery run: one <see cref="DeliveryResult"/> per digest read, in input order, and
/// <see cref="Abort"/> when the run stopped early (exit with an error code and print its message). A run whose caller
/// took each result as it came keeps only their counts: it holds no list (<see cref="Count"/> is 0).
/// </summary>
public sealed class DeliveryRunResult : IReadOnlyList<DeliveryResult>
{
    private readonly IReadOnlyList<DeliveryResult> results;
    private readonly int[] counts;

    public DeliveryRunResult(IReadOnlyList<DeliveryResult> results, DeliveryRunAbortedException? abort)
        : this(results, CountsOf(results ?? throw new ArgumentNullException(nameof(results))), abort)
    {
    }

    private DeliveryRunResult(IReadOnlyList<DeliveryResult> results, int[] counts, DeliveryRunAbortedException? abort)
    {
        this.results = results;
        this.counts = counts;
        Abort = abort;
    }

    /// <summary>Why the run stopped early, or null when every digest was tried.</summary>
    public DeliveryRunAbortedException? Abort { get; }

    public bool IsAborted => Abort is not null;

    public int Count => results.Count;

    public DeliveryResult this[int index] => results[index];

    /// <summary>How many digests ended with <paramref name="status"/>, listed or not.</summary>
    public int CountOf(DeliveryStatus status) => counts[(int)status];

    /// <summary>A run whose results went to the caller one by one: their counts (indexed by status) and no list.</summary>
    internal static DeliveryRunResult CountsOnly(int[] counts, DeliveryRunAbortedException? abort) => new([], counts, abort);

    public IEnumerator<DeliveryResult> GetEnumerator() => results.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static int[] NewCounts() => new int[Enum.GetValues<DeliveryStatus>().Length];

    private static int[] CountsOf(IReadOnlyList<DeliveryResult> results)
    {
        var counts = NewCounts();
        foreach (var result in results)
        {
            counts[(int)result.Status]++;
        }

        return counts;
    }
}

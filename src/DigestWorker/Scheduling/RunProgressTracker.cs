namespace DigestWorker.Scheduling;

/// <summary>Counts finished digests and reports progress (thread-safe).</summary>
internal sealed class RunProgressTracker(int total, IProgress<RunProgress>? progress)
{
    private int _done;

    public void Done()
    {
        var done = Interlocked.Increment(ref _done);
        progress?.Report(new RunProgress(done, total));
    }
}

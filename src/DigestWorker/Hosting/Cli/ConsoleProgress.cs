using DigestWorker.Scheduling;

namespace DigestWorker.Hosting.Cli;

/// <summary>A progress line on the terminal for long runs: digests done/total and rate, redrawn at most a few times a second.</summary>
internal sealed class ConsoleProgress(TimeProvider time) : IProgress<RunProgress>
{
    private readonly long _started = time.GetTimestamp();
    private long _lastDraw;
    private bool _drawn;

    public void Report(RunProgress value)
    {
        var now = time.GetTimestamp();
        if (value.Done != value.Total && time.GetElapsedTime(Interlocked.Read(ref _lastDraw), now) < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        Interlocked.Exchange(ref _lastDraw, now);
        var seconds = Math.Max(time.GetElapsedTime(_started, now).TotalSeconds, 0.001);
        Console.Error.Write($"\r{value.Done}/{value.Total} digests, {value.Done / seconds:F0}/s   ");
        _drawn = true;
    }

    public void Finish()
    {
        if (_drawn)
        {
            Console.Error.WriteLine();
        }
    }
}

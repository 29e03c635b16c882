using DigestWorker.Hosting;

namespace DigestWorker.Scheduling;

/// <summary>The result of one run: every due digest's outcome, and why the run stopped early if it did.</summary>
public sealed class RunReport
{
    public RunReport(DateTimeOffset asOf, IReadOnlyList<DigestReportEntry> digests, string? abortReason)
    {
        AsOf = asOf;
        Digests = digests;
        AbortReason = abortReason;
    }

    public DateTimeOffset AsOf { get; }

    public IReadOnlyList<DigestReportEntry> Digests { get; }

    /// <summary>Set when the run stopped early (e.g. the server rejected the sender or the credentials).</summary>
    public string? AbortReason { get; }

    public int Count(DigestOutcome outcome) => Digests.Count(d => d.Status == outcome);

    /// <summary>0 when every due digest was sent (or none was due), 3 when some failed or were deferred.</summary>
    public int ExitCode =>
        AbortReason is null && Digests.All(d => d.Status is not (DigestOutcome.Failed or DigestOutcome.Deferred))
            ? ExitCodes.Ok
            : ExitCodes.SomeNotSent;
}

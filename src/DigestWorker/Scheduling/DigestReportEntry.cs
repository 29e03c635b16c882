namespace DigestWorker.Scheduling;

/// <summary>One due digest in a run report.</summary>
public sealed record DigestReportEntry(
    string Subscriber,
    string Email,
    DateTimeOffset FireTime,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<string> Events,
    DigestOutcome Status,
    string? MessageId,
    string? Error);

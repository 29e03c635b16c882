namespace DigestWorker.Selection;

/// <summary>A digest's period in the subscriber's local dates: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public sealed record DigestPeriod(DateOnly Start, DateOnly End)
{
    /// <summary>The last day the period covers.</summary>
    public DateOnly LastDay => End.AddDays(-1);
}

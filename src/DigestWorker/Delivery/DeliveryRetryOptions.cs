using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Delivery;

/// <summary>Retries of transient send failures and the circuit breaker in front of the server. Section <c>Delivery:Retry</c>.</summary>
public sealed class DeliveryRetryOptions
{
    /// <summary>Attempts per digest in one run, the first included. Default 5.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubled each time, with jitter. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between two attempts. Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time one digest may spend in attempts and delays before it is left pending for the next run. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="SamplingDuration"/> before the ratio counts (Polly's default of 100 is far too high for a digest run). Default 10.</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Window the failure ratio is measured over (Polly requires at least 0.5 s). Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit refuses attempts (Polly requires at least 0.5 s). Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);
}

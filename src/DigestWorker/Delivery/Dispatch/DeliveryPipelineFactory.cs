using DigestWorker.Delivery.Record;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>
/// Builds the resilience pipeline one send goes through: a bound on the total time per digest, retries of transient
/// failures with exponential backoff and jitter, and a circuit breaker shared by all workers of a run so a dead
/// server is not hammered. Time comes from the given <see cref="TimeProvider"/>, so tests control it.
/// </summary>
internal static class DeliveryPipelineFactory
{
    /// <summary>The digest being sent, for logging in the strategies' callbacks.</summary>
    public static readonly ResiliencePropertyKey<PendingDigest> DigestKey = new("DigestWorker.Digest");

    public static ResiliencePipeline Create(DeliveryRetryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        // Outermost, so it bounds attempts and delays together. Sends ignore its token (a message in flight is
        // finished); it cuts the delays short, which ends the retries.
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.MaxTotalTime });

        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context)),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    var digest = args.Context.Properties.GetValue(DigestKey, null!);
                    logger.LogWarning(
                        "Attempt {Attempt} for {SubscriberId} at {FireTime:O} ({MessageId}) failed: {Error}; retrying in {Delay}",
                        args.AttemptNumber + 1,
                        digest?.SubscriberId,
                        digest?.FireTime,
                        digest?.MessageId,
                        args.Outcome.Exception is { } ex ? SmtpFailureClassifier.Describe(ex) : null,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context)),
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                OnOpened = args =>
                {
                    logger.LogError("Circuit opened for {BreakDuration} after repeated send failures: {Error}", args.BreakDuration, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static bool IsTransient(Outcome<object> outcome, ResilienceContext context) =>
        outcome.Exception is { } exception
        && SmtpFailureClassifier.Classify(exception, context.CancellationToken) == SendFailure.Transient;
}

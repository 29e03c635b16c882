using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging;
using Polly;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>One digest: send through the pipeline, then record what happened.</summary>
internal sealed partial class DigestDispatcher
{
    /// <summary>
    /// Sends one digest through the pipeline. Returns the attempts it took once the transport accepted it (the caller
    /// then records it sent), or the digest's result when it was not sent (recorded as far as the record allows).
    /// </summary>
    private async Task<(int Attempts, DeliveryResult? NotSent)> SendOneAsync(IMailSession session, PendingDigest digest, ResiliencePipeline pipeline, DeliveryRun run)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(run.Token);
        context.Properties.Set(DeliveryPipelineFactory.DigestKey, digest);
        try
        {
            await pipeline.ExecuteAsync(
                async _ =>
                {
                    attempts++;
                    logger.LogDebug("Sending {SubscriberId} at {FireTime:O} ({MessageId}), attempt {Attempt}", digest.SubscriberId, digest.FireTime, digest.MessageId, attempts);

                    // Not the run's token: a message in flight is finished even on shutdown; the client's own timeout bounds it.
                    await session.SendAsync(digest, CancellationToken.None);
                },
                context);
        }
        catch (Exception ex)
        {
            return (attempts, await FailedAsync(digest, ex, attempts, run));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        return (attempts, null);
    }

    /// <summary>Records a digest the transport accepted as sent; its result is Deferred (left pending) when that fails.</summary>
    private async Task<DeliveryResult> RecordSentAsync(PendingDigest digest, int attempts, DeliveryRun run)
    {
        var recorded = await RecordAsync(
            digest,
            run,
            () => record.MarkSentAsync(digest.SubscriberId, digest.FireTime, CancellationToken.None),
            "was sent but could not be recorded as sent; it stays pending and the next run sends it again with the same Message-ID");
        if (!recorded)
        {
            return DeliveryRun.Result(digest, DeliveryStatus.Deferred, attempts, run.StopReason);
        }

        logger.LogInformation("Sent {SubscriberId} at {FireTime:O} ({MessageId}) after {Attempts} attempt(s)", digest.SubscriberId, digest.FireTime, digest.MessageId, attempts);
        return DeliveryRun.Result(digest, DeliveryStatus.Sent, attempts, null);
    }

    private async Task<DeliveryResult> FailedAsync(PendingDigest digest, Exception exception, int attempts, DeliveryRun run)
    {
        var error = SmtpFailureClassifier.Describe(exception);
        switch (SmtpFailureClassifier.Classify(exception, run.Token))
        {
            case SendFailure.Rejected:
                logger.LogWarning("Refused {SubscriberId} at {FireTime:O} ({MessageId}) for good: {Error}", digest.SubscriberId, digest.FireTime, digest.MessageId, error);
                return await RecordAsync(digest, run, () => record.MarkFailedAsync(digest.SubscriberId, digest.FireTime, error, CancellationToken.None), "was refused but the refusal could not be recorded")
                    ? DeliveryRun.Result(digest, DeliveryStatus.Failed, attempts, error)
                    : DeliveryRun.Result(digest, DeliveryStatus.Deferred, attempts, error);

            case SendFailure.Fatal:
                run.Stop(new DeliveryRunAbortedException(
                    $"Delivery stopped while sending to '{digest.SubscriberId}' at {digest.FireTime:O} ({digest.MessageId}): {error}. Unsent digests are left pending.",
                    exception));
                LogDeferred(digest, error);
                return DeliveryRun.Result(digest, DeliveryStatus.Deferred, attempts, error);

            default:
                // Transient failures exhausted, circuit open, or cancelled: the digest stays pending for the next run.
                if (attempts > 0)
                {
                    await RecordAsync(digest, run, () => record.RecordAttemptAsync(digest.SubscriberId, digest.FireTime, error, CancellationToken.None), "could not have its failed attempt recorded");
                }

                LogDeferred(digest, error);
                return DeliveryRun.Result(digest, DeliveryStatus.Deferred, attempts, error);
        }
    }

    /// <summary>Writes to the record; a failure stops the run, so that no more is sent than the record can account for.</summary>
    private async Task<bool> RecordAsync(PendingDigest digest, DeliveryRun run, Func<Task> write, string consequence)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception ex)
        {
            var reason = new DeliveryRunAbortedException(
                $"The digest for '{digest.SubscriberId}' at {digest.FireTime:O} ({digest.MessageId}) {consequence}: {ex.Message}",
                ex);
            run.Stop(reason);

            // The run logs its abort reason when it ends; a failure after another one stopped it would be lost otherwise.
            if (!ReferenceEquals(run.Abort, reason))
            {
                logger.LogError(ex, "{Reason}", reason.Message);
            }

            return false;
        }
    }

    private void LogDeferred(PendingDigest digest, string reason) =>
        logger.LogWarning("Left {SubscriberId} at {FireTime:O} ({MessageId}) pending: {Reason}", digest.SubscriberId, digest.FireTime, digest.MessageId, reason);
}

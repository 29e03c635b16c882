using System.Threading.Channels;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging;
using Polly;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>
/// The send half of the outbox: takes digests already claimed as pending in the record, sends each through the
/// transport and records the outcome. <see cref="IMailTransport.MaxParallelism"/> workers each hold one session.
/// A digest is marked sent only after the transport accepted it, so a crash in between leaves it pending and the next
/// run sends the identical message (same Message-ID) again: at-least-once, never lost. A worker sends its next digest
/// while the last one's mark commits and waits for that mark before sending another, so what a crash can re-send is at
/// most two messages per connection: the one in flight and the one before it.
/// </summary>
internal sealed partial class DigestDispatcher
{
    private readonly IMailTransport transport;
    private readonly IDeliveryRecord record;
    private readonly DeliveryOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public DigestDispatcher(IMailTransport transport, IDeliveryRecord record, DeliveryOptions options, TimeProvider timeProvider, ILogger<DigestDispatcher> logger)
    {
        this.transport = transport ?? throw new ArgumentNullException(nameof(transport));
        this.record = record ?? throw new ArgumentNullException(nameof(record));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Delivers the digests and returns one result per digest read, in input order. Never throws for a delivery
    /// failure: a run that had to stop carries <see cref="DeliveryRunResult.Abort"/>. On cancellation the messages in
    /// flight are finished and recorded, the rest left pending; digests not yet read from <paramref name="digests"/>
    /// when it is cancelled are not in the results (they are pending anyway).
    /// </summary>
    public Task<DeliveryRunResult> DeliverAsync(IAsyncEnumerable<PendingDigest> digests, CancellationToken cancellationToken) =>
        DeliverAsync(digests, null, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="onAbort"/> is told at once when the run aborts, so a producer can stop building, and
    /// <paramref name="onResult"/> is given each digest's result as soon as it is known (from any worker's thread), so a
    /// caller can let go of what it kept for that digest while the run goes on. With <paramref name="onResult"/> the
    /// returned result holds only the counts: the results were the caller's to keep.
    /// </summary>
    public async Task<DeliveryRunResult> DeliverAsync(IAsyncEnumerable<PendingDigest> digests, Action<DeliveryRunAbortedException>? onAbort, Action<DeliveryResult>? onResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digests);

        // One pipeline per run: the circuit breaker judges this run's server, shared by all its workers.
        var pipeline = DeliveryPipelineFactory.Create(options.Retry, timeProvider, logger);
        using var run = new DeliveryRun(cancellationToken, onAbort, onResult);
        var workers = Math.Max(1, transport.MaxParallelism);
        var channel = Channel.CreateBounded<(int Index, PendingDigest Digest)>(workers * 2);

        var tasks = new List<Task> { ProduceAsync(digests, channel.Writer, run, cancellationToken) };
        for (var i = 0; i < workers; i++)
        {
            tasks.Add(Task.Run(() => WorkAsync(channel.Reader, pipeline, run), CancellationToken.None));
        }

        await Task.WhenAll(tasks);
        var result = run.ToResult();
        if (result.Abort is { } abort)
        {
            logger.LogError(abort, "Delivery run aborted: {Reason}", abort.Message);
        }

        logger.LogInformation(
            "Delivery run finished: {Sent} sent, {Failed} failed, {Deferred} left pending",
            result.CountOf(DeliveryStatus.Sent),
            result.CountOf(DeliveryStatus.Failed),
            result.CountOf(DeliveryStatus.Deferred));
        return result;
    }

    private async Task ProduceAsync(IAsyncEnumerable<PendingDigest> digests, ChannelWriter<(int, PendingDigest)> writer, DeliveryRun run, CancellationToken cancellationToken)
    {
        try
        {
            var index = 0;

            // Read on after an abort, so every digest gets its Deferred result; workers drain the channel, so writes cannot block for good.
            await foreach (var digest in digests.WithCancellation(cancellationToken))
            {
                await writer.WriteAsync((index++, digest), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: what was not read stays pending.
        }
        catch (Exception ex)
        {
            run.Stop(new DeliveryRunAbortedException($"Reading the pending digests failed: {ex.Message}", ex));
        }
        finally
        {
            writer.Complete();
        }
    }

    private async Task WorkAsync(ChannelReader<(int Index, PendingDigest Digest)> reader, ResiliencePipeline pipeline, DeliveryRun run)
    {
        IMailSession? session = null;
        // The mark-sent of the digest this worker sent last, committing while the next one is sent: the connection does
        // not sit idle for each commit. Never more than one: it is awaited before the next digest is taken.
        Task? marking = null;
        try
        {
            await foreach (var (index, digest) in reader.ReadAllAsync(CancellationToken.None))
            {
                try
                {
                    if (run.Token.IsCancellationRequested)
                    {
                        LogDeferred(digest, run.StopReason);
                        run.Add(index, DeliveryRun.Result(digest, DeliveryStatus.Deferred, 0, run.StopReason));
                        continue;
                    }

                    try
                    {
                        session ??= await transport.OpenSessionAsync(run.Token);
                    }
                    catch (Exception ex)
                    {
                        var reason = SmtpFailureClassifier.Describe(ex);
                        if (SmtpFailureClassifier.Classify(ex, run.Token) != SendFailure.Cancelled)
                        {
                            run.Stop(new DeliveryRunAbortedException($"Opening a mail session failed: {reason}", ex));
                        }

                        run.Add(index, DeliveryRun.Result(digest, DeliveryStatus.Deferred, 0, reason));
                        continue;
                    }

                    var (attempts, notSent) = await SendOneAsync(session, digest, pipeline, run);
                    if (marking is not null)
                    {
                        var last = marking;
                        marking = null;
                        await last;
                    }

                    if (notSent is not null)
                    {
                        run.Add(index, notSent);
                        continue;
                    }

                    // Only its ids and address are needed to record and report it.
                    marking = MarkSentAsync(index, digest.WithoutMessage(), attempts, run);
                }
                finally
                {
                    // Sent, given up or never tried, every attempt has finished (the transport's timeout bounds each):
                    // nothing reads this message again, so its pooled buffer goes back.
                    digest.Buffer?.Release();
                }
            }
        }
        finally
        {
            // The last digest sent is recorded (or left pending with its reason) before the run ends; never throws.
            if (marking is not null)
            {
                await marking;
            }

            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    // Never throws, and gives the digest exactly one result whatever happens.
    private async Task MarkSentAsync(int index, PendingDigest digest, int attempts, DeliveryRun run)
    {
        // Returns to the worker at once, so the next send overlaps this commit even when no one else holds the record.
        await Task.Yield();
        DeliveryResult result;
        try
        {
            result = await RecordSentAsync(digest, attempts, run);
        }
        catch (Exception ex)
        {
            // Stopping the run or logging failed after the write was tried: the record has the truth; the report says pending.
            logger.LogError(ex, "Recording {SubscriberId} at {FireTime:O} ({MessageId}) as sent failed", digest.SubscriberId, digest.FireTime, digest.MessageId);
            result = DeliveryRun.Result(digest, DeliveryStatus.Deferred, attempts, ex.Message);
        }

        run.Add(index, result);
    }
}

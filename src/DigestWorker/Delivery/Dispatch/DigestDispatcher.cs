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
/// while that mark commits; a digest's result (and the run's end) waits for its mark.
/// </summary>
internal sealed partial class DigestDispatcher
{
    // Marks of one worker's sent digests awaiting their commit; beyond this the worker waits for the oldest. A commit
    // takes up to 256 writes, so a few connections' worth of this keep it full without holding many digests.
    private const int MaxMarksInFlight = 32;

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
        DeliverAsync(digests, null, cancellationToken);

    /// <summary>As above; <paramref name="onAbort"/> is told at once when the run aborts, so a producer can stop building.</summary>
    public async Task<DeliveryRunResult> DeliverAsync(IAsyncEnumerable<PendingDigest> digests, Action<DeliveryRunAbortedException>? onAbort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digests);

        // One pipeline per run: the circuit breaker judges this run's server, shared by all its workers.
        var pipeline = DeliveryPipelineFactory.Create(options.Retry, timeProvider, logger);
        using var run = new DeliveryRun(cancellationToken, onAbort);
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
        // Digests this worker sent whose mark-sent is not committed yet. The worker sends the next one meanwhile: the
        // record's group commit then takes many marks at once, and the connection does not sit idle for each commit.
        // A digest's result is known only once its mark committed (or failed, which stops the run).
        var recording = new Queue<Task>();
        try
        {
            await foreach (var (index, digest) in reader.ReadAllAsync(CancellationToken.None))
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
                if (notSent is not null)
                {
                    run.Add(index, notSent);
                    continue;
                }

                recording.Enqueue(RecordSentAsync(index, digest, attempts, run));
                while (recording.TryPeek(out var oldest) && (oldest.IsCompleted || recording.Count > MaxMarksInFlight))
                {
                    await recording.Dequeue();
                }
            }
        }
        finally
        {
            // Every digest sent is recorded (or left pending with its reason) before the run ends; never throws.
            await Task.WhenAll(recording);
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    private async Task RecordSentAsync(int index, PendingDigest digest, int attempts, DeliveryRun run) =>
        run.Add(index, await RecordSentAsync(digest, attempts, run));
}

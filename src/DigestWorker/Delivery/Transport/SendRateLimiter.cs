namespace DigestWorker.Delivery.Transport;

/// <summary>
/// Spaces sends evenly over all sessions (<see cref="SmtpOptions.MessagesPerSecond"/>); many providers throttle
/// or block senders that burst. System.Threading.RateLimiting is not in the BCL, and evenly spaced slots are all we need.
/// </summary>
internal sealed class SendRateLimiter
{
    private readonly TimeSpan interval;
    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private DateTimeOffset nextSlot = DateTimeOffset.MinValue;

    public SendRateLimiter(double messagesPerSecond, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messagesPerSecond);
        interval = TimeSpan.FromSeconds(1 / messagesPerSecond);
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Waits for the next free slot and takes it.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            var slot = nextSlot > now ? nextSlot : now;
            nextSlot = slot + interval;
            wait = slot - now;
        }

        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, timeProvider, cancellationToken);
    }
}

using Microsoft.Extensions.Logging;

namespace DigestWorker.Delivery.Transport;

/// <summary>
/// Sends through an SMTP server with MailKit: up to <see cref="SmtpOptions.MaxConnections"/> sessions, each one
/// connection carrying many messages, all sharing the optional messages-per-second limit.
/// </summary>
internal sealed class SmtpMailTransport : IMailTransport
{
    private readonly DeliveryOptions options;
    private readonly SendRateLimiter? limiter;
    private readonly ILogger logger;

    public SmtpMailTransport(DeliveryOptions options, TimeProvider timeProvider, ILogger<SmtpMailTransport> logger)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (options.Smtp.MessagesPerSecond is { } rate)
        {
            limiter = new SendRateLimiter(rate, timeProvider);
        }
    }

    public int MaxParallelism => options.Smtp.MaxConnections;

    public ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IMailSession>(new SmtpMailSession(options, limiter, logger));
}

namespace DigestWorker.Delivery.Transport;

/// <summary>Where messages go: a pickup folder or an SMTP server. Opens sessions; the dispatcher runs one worker per session.</summary>
public interface IMailTransport
{
    /// <summary>Sessions worth running at once (e.g. <see cref="SmtpOptions.MaxConnections"/>).</summary>
    int MaxParallelism { get; }

    /// <summary>Opens a session. Cheap: an SMTP session connects on its first send, so connection failures are retried like send failures.</summary>
    ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken);
}

using DigestWorker.Delivery.Record;

namespace DigestWorker.Delivery.Transport;

/// <summary>One connection (or its equivalent) that carries many messages, one at a time. Not thread-safe.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Sends the digest's stored bytes unchanged to <see cref="PendingDigest.Email"/>. Throws on failure; a failed session
    /// reconnects on the next call, so the caller can retry on the same session.
    /// </summary>
    ValueTask SendAsync(PendingDigest digest, CancellationToken cancellationToken);
}

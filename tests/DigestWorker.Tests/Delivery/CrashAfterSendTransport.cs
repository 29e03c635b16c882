using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;

namespace DigestWorker.Tests.Delivery;

/// <summary>Simulates the process dying after the server accepted one digest but before it was recorded as sent.</summary>
internal sealed class CrashAfterSendTransport(IMailTransport inner, string crashAfter) : IMailTransport
{
    public int MaxParallelism => inner.MaxParallelism;

    public async ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        new Session(await inner.OpenSessionAsync(cancellationToken), crashAfter);

    private sealed class Session(IMailSession inner, string crashAfter) : IMailSession
    {
        public async ValueTask SendAsync(PendingDigest digest, CancellationToken cancellationToken)
        {
            await inner.SendAsync(digest, cancellationToken);
            if (digest.SubscriberId == crashAfter)
            {
                throw new InvalidOperationException("simulated crash between send and MarkSent");
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;

namespace DigestWorker.Tests.Delivery;

/// <summary>Runs a callback before each send on the inner transport (e.g. to cancel the run mid-send).</summary>
internal sealed class CallbackTransport(IMailTransport inner, Action<PendingDigest> before) : IMailTransport
{
    public int MaxParallelism => inner.MaxParallelism;

    public async ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        new Session(await inner.OpenSessionAsync(cancellationToken), before);

    private sealed class Session(IMailSession inner, Action<PendingDigest> before) : IMailSession
    {
        public ValueTask SendAsync(PendingDigest digest, CancellationToken cancellationToken)
        {
            before(digest);
            return inner.SendAsync(digest, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

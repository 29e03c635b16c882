using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

using DigestWorker.Testing;

namespace DigestWorker.Tests.Delivery;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port. Records every accepted message as bytes
/// and can be scripted to fail: transient replies for the first messages, a refused recipient, failed
/// authentication, a stall past the client's timeout.
/// </summary>
internal sealed class LoopbackSmtpServer : IMessageStore, IMailboxFilter, IUserAuthenticator, IAsyncDisposable
{
    private readonly TaskCompletionSource releaseStalls = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<byte[]> accepted = new();
    private readonly ConcurrentQueue<int> declaredSizes = new();
    private LoopbackSmtpHost? host;
    private int dataCount;

    public LoopbackSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Messages accepted (250 at end of DATA), in order.</summary>
    public IReadOnlyList<byte[]> Accepted => [.. accepted];

    /// <summary>The SIZE each MAIL FROM declared, in order (0 when none).</summary>
    public IReadOnlyList<int> DeclaredSizes => [.. declaredSizes];

    /// <summary>Connections opened by clients.</summary>
    public int Sessions => host?.Sessions ?? 0;

    /// <summary>Answer this reply to the first N messages' DATA (e.g. 451 or 421).</summary>
    public int TransientFailuresFirst { get; init; }

    public SmtpReplyCode TransientReply { get; init; } = SmtpReplyCode.ServiceUnavailable;

    /// <summary>Addresses refused at RCPT with 550.</summary>
    public IReadOnlySet<string> RefusedRecipients { get; init; } = new HashSet<string>();

    /// <summary>When set, AUTH succeeds only with this password (otherwise 535).</summary>
    public string? Password { get; init; }

    /// <summary>Never answer the first N messages' DATA (until the server stops), so the client times out.</summary>
    public int StallFirst { get; init; }

    public static async Task<LoopbackSmtpServer> StartAsync(Func<int, LoopbackSmtpServer> configure)
    {
        var server = configure(FreePort());
        await server.StartAsync();
        return server;
    }

    /// <summary>A loopback port nothing listens on (the OS just handed it out), for "connection refused".</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartAsync() =>
        host = await LoopbackSmtpHost.StartAsync(Port, "loopback.test", Password is not null, this);

    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref dataCount);
        if (n <= StallFirst)
        {
            await releaseStalls.Task.WaitAsync(cancellationToken);
            return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "scripted stall");
        }

        if (n <= StallFirst + TransientFailuresFirst)
        {
            return new SmtpResponse(TransientReply, "scripted: try again later");
        }

        accepted.Enqueue(buffer.ToArray());
        return SmtpResponse.Ok;
    }

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        declaredSizes.Enqueue(size);
        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
        Task.FromResult(!RefusedRecipients.Contains(to.AsAddress()));

    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
        Task.FromResult(Password is null || string.Equals(password, Password, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        releaseStalls.TrySetResult();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

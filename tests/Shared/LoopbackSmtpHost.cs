using System.Net;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Storage;

namespace DigestWorker.Testing;

/// <summary>
/// Runs a real SMTP server (the SmtpServer package) on a loopback port, with one handler as its message store,
/// mailbox filter and authenticator. Shared (as a linked file) by the unit tests' and the fault suite's scriptable servers.
/// </summary>
internal sealed class LoopbackSmtpHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private Task _running = Task.CompletedTask;
    private int _sessions;

    private LoopbackSmtpHost()
    {
    }

    /// <summary>The SIZE announced in EHLO (Postfix's default).</summary>
    public const int MaxMessageSize = 10_240_000;

    /// <summary>Connections opened by clients.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Starts listening and returns once the endpoint accepts connections.</summary>
    public static async Task<LoopbackSmtpHost> StartAsync<THandler>(int port, string serverName, bool authenticationRequired, THandler handler)
        where THandler : IMessageStore, IMailboxFilter, IUserAuthenticator
    {
        var host = new LoopbackSmtpHost();
        var options = new SmtpServerOptionsBuilder()
            .ServerName(serverName)
            // Announces SIZE (as Postfix does), so clients declare each message's size in MAIL FROM.
            .MaxMessageSize(MaxMessageSize)
            .Endpoint(builder => builder
                .Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AllowUnsecureAuthentication(true)
                .AuthenticationRequired(authenticationRequired))
            .Build();
        var services = new ServiceProvider();
        services.Add((IMessageStore)handler);
        services.Add((IMailboxFilter)handler);
        services.Add((IUserAuthenticator)handler);
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, _) => started.TrySetResult();
        services.Add(listeners);
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref host._sessions);
        host._running = server.StartAsync(host._shutdown.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Shutting down is the point.
        }

        _shutdown.Dispose();
    }
}

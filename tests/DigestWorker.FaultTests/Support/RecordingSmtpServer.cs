using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

using DigestWorker.Testing;

namespace DigestWorker.FaultTests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port that records every message it accepts
/// (250 at end of DATA) and can be scripted to fail. <see cref="WhenAccepted"/> lets a test act (e.g. SIGKILL the
/// worker) the moment the k-th message has been accepted.
/// </summary>
internal sealed class RecordingSmtpServer : IMessageStore, IMailboxFilter, IUserAuthenticator, IAsyncDisposable
{
    private readonly TaskCompletionSource releaseStalls = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<byte[]> accepted = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> waiters = new();
    private LoopbackSmtpHost? host;
    private int dataCount;
    private int mailFromCount;
    private int acceptedCount;
    private int authAttempts;
    private int transientReplies;

    public RecordingSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Raw bytes of the messages accepted, in order.</summary>
    public IReadOnlyList<byte[]> Accepted => [.. accepted];

    public int AcceptedCount => Volatile.Read(ref acceptedCount);

    public int Sessions => host?.Sessions ?? 0;

    public int AuthAttempts => Volatile.Read(ref authAttempts);

    /// <summary>Scripted transient replies given so far.</summary>
    public int TransientReplies => Volatile.Read(ref transientReplies);

    /// <summary>Messages whose DATA was answered (accepted or not) or dropped.</summary>
    public int DataCount => Volatile.Read(ref dataCount);

    /// <summary>Every n-th DATA (1-based, n, 2n, ...) is answered with <see cref="TransientReply"/>; 0 = never.</summary>
    public int TransientDataEvery { get; init; }

    /// <summary>Every n-th MAIL FROM is answered with <see cref="TransientReply"/>; 0 = never.</summary>
    public int TransientMailFromEvery { get; init; }

    public SmtpReplyCode TransientReply { get; init; } = SmtpReplyCode.ServiceUnavailable;

    /// <summary>Addresses refused at RCPT with 550.</summary>
    public IReadOnlySet<string> RefusedRecipients { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, AUTH is required and succeeds only with this password (otherwise 535).</summary>
    public string? Password { get; init; }

    /// <summary>Close the connection instead of answering the first N messages' DATA.</summary>
    public int DropFirst { get; init; }

    /// <summary>Never answer the first N messages' DATA (until the server stops), so the client times out.</summary>
    public int StallFirst { get; init; }

    public static async Task<RecordingSmtpServer> StartAsync(Func<int, RecordingSmtpServer>? configure = null)
    {
        var port = FreePort();
        var server = configure?.Invoke(port) ?? new RecordingSmtpServer(port);
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

    /// <summary>Completes once at least <paramref name="count"/> messages have been accepted.</summary>
    public Task WhenAccepted(int count)
    {
        var tcs = waiters.GetOrAdd(count, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (AcceptedCount >= count)
        {
            tcs.TrySetResult();
        }

        return tcs.Task;
    }

    /// <summary>The accepted messages parsed by MimeKit (throws if one does not parse).</summary>
    public List<MimeMessage> Messages() =>
        [.. Accepted.Select(bytes =>
        {
            using var stream = new MemoryStream(bytes);
            return MimeMessage.Load(stream);
        })];

    private async Task StartAsync() =>
        host = await LoopbackSmtpHost.StartAsync(Port, "faults.test", Password is not null, this);

    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref dataCount);
        if (n <= DropFirst)
        {
            // Close the socket under the session: the client sees the connection drop before the DATA reply.
            context.Pipe.Dispose();
            throw new IOException("scripted: connection dropped before the DATA reply");
        }

        if (n <= DropFirst + StallFirst)
        {
            await releaseStalls.Task.WaitAsync(cancellationToken);
            return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "scripted stall");
        }

        if (TransientDataEvery > 0 && n % TransientDataEvery == 0)
        {
            Interlocked.Increment(ref transientReplies);
            return new SmtpResponse(TransientReply, "scripted: try again later");
        }

        accepted.Enqueue(buffer.ToArray());
        var total = Interlocked.Increment(ref acceptedCount);
        foreach (var (k, tcs) in waiters)
        {
            if (total >= k)
            {
                tcs.TrySetResult();
            }
        }

        return SmtpResponse.Ok;
    }

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref mailFromCount);
        if (TransientMailFromEvery > 0 && n % TransientMailFromEvery == 0)
        {
            Interlocked.Increment(ref transientReplies);
            throw new SmtpResponseException(new SmtpResponse(TransientReply, "scripted: sender check unavailable, try later"));
        }

        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
        Task.FromResult(!RefusedRecipients.Contains(to.AsAddress()));

    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref authAttempts);
        return Task.FromResult(Password is null || string.Equals(password, Password, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        releaseStalls.TrySetResult();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

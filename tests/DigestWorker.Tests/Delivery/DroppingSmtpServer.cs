using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DigestWorker.Tests.Delivery;

/// <summary>
/// A minimal SMTP server on a raw socket that closes the first N connections in the middle of DATA: SmtpServer
/// answers 554 when its store throws, so it cannot drop a connection there. Later connections are served normally.
/// </summary>
internal sealed class DroppingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> accepted = new();
    private readonly ConcurrentQueue<long> declaredSizes = new();
    private readonly Task accepting;
    private int dropsLeft;

    public DroppingSmtpServer(int dropFirst)
    {
        dropsLeft = dropFirst;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Announce SIZE (and no other extension) in the EHLO reply.</summary>
    public bool AnnounceSize { get; init; }

    /// <summary>The SIZE= each MAIL FROM declared, in order.</summary>
    public IReadOnlyList<long> DeclaredSizes => [.. declaredSizes];

    /// <summary>The DATA of each accepted message, dot-unstuffed.</summary>
    public IReadOnlyList<string> Accepted => [.. accepted];

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            await writer.WriteLineAsync("220 dropping.test ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 bye");
                    return;
                }

                if (verb == "EHLO" && AnnounceSize)
                {
                    await writer.WriteLineAsync("250-dropping.test\r\n250 SIZE 10240000");
                    continue;
                }

                if (verb == "MAIL" && line.Split(' ').FirstOrDefault(p => p.StartsWith("SIZE=", StringComparison.OrdinalIgnoreCase)) is { } size)
                {
                    declaredSizes.Enqueue(long.Parse(size[5..], System.Globalization.CultureInfo.InvariantCulture));
                }

                if (verb != "DATA")
                {
                    await writer.WriteLineAsync(verb is "EHLO" or "HELO" ? "250 dropping.test" : "250 OK");
                    continue;
                }

                await writer.WriteLineAsync("354 go ahead");
                if (Interlocked.Decrement(ref dropsLeft) >= 0)
                {
                    await reader.ReadLineAsync(stop.Token);
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                var data = new StringBuilder();
                while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                {
                    data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                }

                accepted.Enqueue(data.ToString());
                await writer.WriteLineAsync("250 queued");
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away or the server stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}

using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DigestWorker.Benchmarks;

/// <summary>
/// The naive baseline: the worker's own messages (read back from a pickup run), sent one at a time with a new SMTP
/// connection per message (connect, send, disconnect). The worker has no such mode; this is what it replaces.
/// </summary>
internal static class NaiveSmtp
{
    public static async Task<int> RunAsync(string pickup, string host, int port, int limit, bool reuse = false)
    {
        var files = Directory.EnumerateFiles(pickup, "*.eml").Order(StringComparer.Ordinal).Take(limit).ToList();
        var messages = new List<MimeMessage>(files.Count);
        foreach (var f in files)
        {
            messages.Add(await MimeMessage.LoadAsync(f));
        }

        var sw = Stopwatch.StartNew();
        if (reuse)
        {
            using var one = new SmtpClient();
            if (Environment.GetEnvironmentVariable("BENCH_NODELAY") == "1")
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(host, port);
                await one.ConnectAsync(socket, host, port, SecureSocketOptions.None);
            }
            else
            {
                await one.ConnectAsync(host, port, SecureSocketOptions.None);
            }

            if (Environment.GetEnvironmentVariable("BENCH_NOCHUNKING") == "1")
            {
                one.Capabilities &= ~SmtpCapabilities.Chunking;
            }

            foreach (var message in messages)
            {
                await one.SendAsync(message);
            }

            await one.DisconnectAsync(quit: true);
            Json.Line(new { section = "mailkit-one-connection", messages = messages.Count, wallSeconds = Json.Round(sw.Elapsed.TotalSeconds), perSecond = Json.Round(messages.Count / sw.Elapsed.TotalSeconds, 1) });
            return 0;
        }

        foreach (var message in messages)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(host, port, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        }

        sw.Stop();
        Json.Line(new
        {
            section = "naive",
            messages = messages.Count,
            wallSeconds = Json.Round(sw.Elapsed.TotalSeconds),
            perSecond = Json.Round(messages.Count / sw.Elapsed.TotalSeconds, 1),
        });
        return 0;
    }
}

using System.Diagnostics;
using DigestWorker.Delivery;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using DigestWorker.Selection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigestWorker.Benchmarks;

/// <summary>
/// The worker's SMTP path alone: its own recorded messages (read back from a pickup run) sent through its SMTP
/// transport and sessions (MailKit, the socket stream) with C connections, as a run's senders do, with no selection,
/// rendering or delivery record. What this reaches is a ceiling for a whole run on the same machine, beside
/// smtp-source's rate for the same count and size.
/// </summary>
internal static class SmtpPathMeasurement
{
    // Distinct messages held in memory; the count sent cycles through them (the sink does not look).
    private const int MaxDistinct = 2000;

    public static async Task RunAsync(string pickup, string host, int port, int connections, int count)
    {
        var digests = Directory.EnumerateFiles(pickup, "*.eml").Order(StringComparer.Ordinal).Take(MaxDistinct)
            .Select((file, i) => new PendingDigest(
                $"s{i}", $"s{i}@example.org", DateTimeOffset.UnixEpoch, new DigestPeriod(new DateOnly(2017, 9, 4), new DateOnly(2017, 9, 11)),
                [], $"m{i}@example.org", File.ReadAllBytes(file)))
            .ToArray();
        if (digests.Length == 0 || count <= 0)
        {
            throw new InvalidOperationException($"No message to send: {pickup} holds no .eml file, or the count is {count}.");
        }

        var options = new DeliveryOptions { Mode = DeliveryMode.Smtp, FromAddress = "digests@digestworker.localhost" };
        options.Smtp.Host = host;
        options.Smtp.Port = port;
        options.Smtp.Security = SmtpSecurity.None;
        options.Smtp.MaxConnections = connections;
        var transport = new SmtpMailTransport(options, TimeProvider.System, NullLogger<SmtpMailTransport>.Instance);

        // One warm-up message per connection (connect, JIT) outside the measurement, as smtp-source's connect is.
        var sessions = new IMailSession[connections];
        for (var c = 0; c < connections; c++)
        {
            sessions[c] = await transport.OpenSessionAsync(CancellationToken.None);
            await sessions[c].SendAsync(digests[c % digests.Length], CancellationToken.None);
        }

        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await session.SendAsync(digests[n % digests.Length], CancellationToken.None);
            }
        })));
        sw.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        Json.Line(new
        {
            section = "smtpPath",
            connections,
            messages = count,
            distinctMessages = digests.Length,
            avgBytes = (long)digests.Average(d => d.Message.Length),
            wallSeconds = Json.Round(sw.Elapsed.TotalSeconds),
            perSecond = Json.Round(count / sw.Elapsed.TotalSeconds, 1),
            cpuMicrosecondsPerMessage = Json.Round(cpuSeconds / count * 1e6, 1),
        });
    }
}

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
/// rendering or delivery record. What this reaches is a ceiling for a whole run on the same machine.
/// </summary>
/// <remarks>
/// Timed from connecting to QUIT, as smtp-source's run is, but not the process start: a warm-up session first sends
/// <see cref="WarmUp"/> messages so that the JIT's work is not counted (smtp-source is compiled ahead). The first
/// <see cref="MaxDistinct"/> messages by file name are held in memory and cycled through up to the count (the sink does
/// not look); their average size is reported with the rate.
/// </remarks>
internal static class SmtpPathMeasurement
{
    private const int MaxDistinct = 2000;
    private const int WarmUp = 200;

    public static async Task RunAsync(string pickup, string host, int port, int connections, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var digests = Directory.EnumerateFiles(pickup, "*.eml").Order(StringComparer.Ordinal).Take(MaxDistinct)
            .Select((file, i) => new PendingDigest(
                $"s{i}", $"s{i}@example.org", DateTimeOffset.UnixEpoch, new DigestPeriod(new DateOnly(2017, 9, 4), new DateOnly(2017, 9, 11)),
                [], $"m{i}@example.org", File.ReadAllBytes(file)))
            .ToArray();
        if (digests.Length == 0)
        {
            throw new InvalidOperationException($"No message to send: {pickup} holds no .eml file.");
        }

        var options = new DeliveryOptions { Mode = DeliveryMode.Smtp, FromAddress = "digests@digestworker.localhost" };
        options.Smtp.Host = host;
        options.Smtp.Port = port;
        options.Smtp.Security = SmtpSecurity.None;
        options.Smtp.MaxConnections = connections;
        var transport = new SmtpMailTransport(options, TimeProvider.System, NullLogger<SmtpMailTransport>.Instance);

        await using (var warm = await transport.OpenSessionAsync(CancellationToken.None))
        {
            for (var i = 0; i < WarmUp; i++)
            {
                await warm.SendAsync(digests[i % digests.Length], CancellationToken.None);
            }
        }

        var cpu = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            // Connects on its first send and says QUIT when disposed, both inside the measurement.
            await using var session = await transport.OpenSessionAsync(CancellationToken.None);
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await session.SendAsync(digests[n % digests.Length], CancellationToken.None);
            }
        })));
        sw.Stop();
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;

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

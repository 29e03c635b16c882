using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using DigestWorker.FaultTests.Support;
using MimeKit;

namespace DigestWorker.FaultTests.Scenarios;

/// <summary>Scenarios 2 (graceful stop) and 7 (hostile content, a template that never ends).</summary>
public sealed class StopAndContentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SigtermMidRun_ExitsPromptlyWith3_RestPending_NextRunSendsThem()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        ws.Env["Delivery__Smtp__MessagesPerSecond"] = "40";
        ws.GenerateSubscribers(150);
        double stopSeconds;
        int exitCode;
        using (var worker = ws.StartRunOnce("run1.json"))
        {
            var exited = worker.WaitAsync(TimeSpan.FromSeconds(90));
            var reached = await Task.WhenAny(server.WhenAccepted(20), exited).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.True(reached != exited, "run ended before the stop signal: " + worker.Stderr);
            var clock = Stopwatch.StartNew();
            worker.Terminate();
            exitCode = await exited;
            stopSeconds = clock.Elapsed.TotalSeconds;
            output.WriteLine($"SIGTERM after {server.AcceptedCount} accepted: exit {exitCode} in {stopSeconds:F2}s");
            Assert.True(exitCode == 3, $"exit {exitCode}\n{WorkerProcess.Tail(worker.Stderr)}");
        }

        Assert.InRange(stopSeconds, 0, 30);
        var report = ws.ReadReport("run1.json");
        Assert.NotNull(report);
        Assert.Contains(report.Digests, d => d.Status == "deferred");
        // Every due subscriber is in the report, those whose digest was never built before the stop too.
        Assert.Equal(150, report.Digests.Count);
        Assert.Equal(150, report.Digests.Select(d => d.Subscriber).Distinct().Count());
        var atStop = server.AcceptedCount;
        var before = await ws.HistoryAsync();
        Assert.Contains(before, r => r.Status == "pending");
        var sentBefore = before.Count(r => r.Status == "sent");

        var (second, _) = await ws.RunOnceAsync("run2.json");
        Assert.True(second.ExitCode == 0, second.ToString());
        var rows = await ws.HistoryAsync();
        Assert.Equal(150, rows.Count);
        Assert.All(rows, r => Assert.Equal("sent", r.Status));
        var delivered = Delivered.Compare(server.Messages(), rows);
        output.WriteLine($"record at stop: {sentBefore} sent, {before.Count - sentBefore} pending ({atStop} accepted); after rerun: lost {delivered.Lost}, duplicates {delivered.Duplicates}");
        Assert.Empty(delivered.Problems);
        Assert.Equal(0, delivered.Lost);
        Assert.InRange(delivered.Duplicates, 0, 4);
    }

    [Fact]
    public async Task HostileContentAndNames_ArriveWellFormed_OneRecipient_NoScriptInHtml()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        var sample = Directory.GetFiles(Path.Combine(ws.Dir, "data", "chronologies")).Single();
        var text = File.ReadAllText(sample);
        const string Hostile = "<script>alert(1)</script> & <b onload=x>AT&T</b> \u202Egnp.exe\u202C zero\u200Bwidth\u200D joiner";
        text = text.Replace("in the Sea of Japan", "in the Sea of Japan " + Hostile + " " + new string('w', 6000), StringComparison.Ordinal)
            .Replace("meet on the sidelines of the UN General Assembly in New York.", "meet in New York.\r\nBcc: evil@example.org\r\nSubject: injected\r\n", StringComparison.Ordinal);
        Assert.Contains("<script>", text, StringComparison.Ordinal);
        File.WriteAllText(sample, text);
        var root = ws.LoadSubscriptions();
        var subs = root["subscribers"]!.AsArray();
        subs[1]!["name"] = "Max\r\nBcc: evil@example.org";
        subs[2]!["name"] = "Lena <script>alert(2)</script> \u202Eevil\u200B";
        subs[2]!["format"] = "html";
        ws.SaveSubscriptions(root);

        var (run, report) = await ws.RunOnceAsync();
        output.WriteLine(run.ToString());
        if (run.ExitCode == 2)
        {
            // Refusing a name with a line break at validation is a valid defence too; it must say where.
            Assert.Contains("subscribers[1]", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, server.AcceptedCount);
            return;
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotNull(report);
        Assert.Equal(3, server.AcceptedCount);
        foreach (var raw in server.Accepted)
        {
            using var stream = new MemoryStream(raw);
            var message = MimeMessage.Load(stream);
            var headers = Encoding.ASCII.GetString(raw, 0, Math.Min(raw.Length, IndexOfBody(raw)));
            Assert.Single(message.To.Mailboxes);
            Assert.Empty(message.Cc);
            Assert.Empty(message.Bcc);
            Assert.DoesNotContain("\nBcc:", headers, StringComparison.OrdinalIgnoreCase);
            Assert.Single(message.Headers, h => h.Id == HeaderId.Subject);
            Assert.DoesNotContain("\nSubject: injected", headers, StringComparison.OrdinalIgnoreCase);
            Assert.All(message.Headers, h => Assert.DoesNotContain('\n', h.Value));
            if (message.HtmlBody is { } html)
            {
                Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("<b onload", html, StringComparison.OrdinalIgnoreCase);
            }

            output.WriteLine($"{message.To}: subject {message.Subject}; html {message.HtmlBody?.Length ?? 0} chars, text {message.TextBody?.Length ?? 0} chars");
        }

        var withHostile = server.Messages().Where(m => (m.TextBody ?? m.HtmlBody ?? "").Contains("alert(1)", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withHostile);
    }

    [Fact]
    public async Task TemplateWithAnInfiniteLoop_RunEnds_DigestsFailedNotHung()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        File.WriteAllText(Path.Combine(ws.Dir, "templates", "default", "digest.txt.sbn"), "{{ while true }}x{{ end }}");
        var clock = Stopwatch.StartNew();
        var (run, report) = await ws.RunOnceAsync(timeout: TimeSpan.FromSeconds(90));
        output.WriteLine($"infinite template: exit {run.ExitCode} after {clock.Elapsed.TotalSeconds:F1}s\n{run}");
        Assert.Contains(run.ExitCode, new[] { 2, 3 });
        if (run.ExitCode == 3)
        {
            Assert.NotNull(report);
            Assert.All(report.Digests, d => Assert.Equal("failed", d.Status));
        }

        Assert.Equal(0, server.AcceptedCount);
    }

    private static int IndexOfBody(byte[] raw)
    {
        for (var i = 0; i + 3 < raw.Length; i++)
        {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n')
            {
                return i;
            }
        }

        return raw.Length;
    }
}

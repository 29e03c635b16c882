using System.Globalization;
using DigestWorker.FaultTests.Support;
using SmtpServer.Protocol;

namespace DigestWorker.FaultTests.Scenarios;

/// <summary>Scenario 3 (and 8, secrets): the mail server refuses, fails transiently, drops, stalls, rejects a recipient or the credentials.</summary>
public sealed class MailServerFaultTests(ITestOutputHelper output)
{
    private const string Password = "S3cr3t-Pa55-Fault";

    [Fact]
    public async Task NoServerOnThePort_AllDeferred_NothingMarkedSent_Exit3_ThenSentWhenBack()
    {
        using var ws = new Workspace(RecordingSmtpServer.FreePort());
        ws.Env["Delivery__Retry__MaxTotalTime"] = "00:00:02";
        ws.GenerateSubscribers(6);
        var (run, report) = await ws.RunOnceAsync();
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.NotNull(report);
        Assert.Equal(6, report.Digests.Count);
        Assert.All(report.Digests, d => Assert.Equal("deferred", d.Status));
        var rows = await ws.HistoryAsync();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal("pending", r.Status));

        // The server comes back: the next run sends every pending digest with its recorded Message-ID.
        await using var server = await RecordingSmtpServer.StartAsync();
        ws.Env["Delivery__Smtp__Port"] = server.Port.ToString(CultureInfo.InvariantCulture);
        var (again, _) = await ws.RunOnceAsync("report2.json");
        Assert.True(again.ExitCode == 0, again.ToString());
        var delivered = Delivered.Compare(server.Messages(), await ws.HistoryAsync());
        Assert.Equal((0, 0), (delivered.Lost, delivered.Duplicates));
        Assert.Equal(rows.Select(r => r.MessageId).Order(), server.Messages().Select(m => m.MessageId).Order());
    }

    [Theory]
    [InlineData(421)]
    [InlineData(451)]
    public async Task TransientRepliesOnAShareOfCommands_Retried_AllSentOnce_Exit0(int reply)
    {
        await using var server = await RecordingSmtpServer.StartAsync(port => new RecordingSmtpServer(port) { TransientDataEvery = 3, TransientMailFromEvery = 4, TransientReply = (SmtpReplyCode)reply });
        await AssertAllSentOnceAsync(server, 12);
        Assert.True(server.TransientReplies >= 4, $"only {server.TransientReplies} transient replies given");
    }

    [Fact]
    public async Task ConnectionDroppedMidData_Retried_AllSentOnce_Exit0()
    {
        await using var server = await RecordingSmtpServer.StartAsync(port => new RecordingSmtpServer(port) { DropFirst = 2 });
        await AssertAllSentOnceAsync(server, 6);
        Assert.Equal(8, server.DataCount);
    }

    [Fact]
    public async Task ServerStallsPastTheTimeout_RetriedOrDeferred_NotHung()
    {
        await using var server = await RecordingSmtpServer.StartAsync(port => new RecordingSmtpServer(port) { StallFirst = 1 });
        using var ws = new Workspace(server.Port);
        ws.Env["Delivery__Smtp__Timeout"] = "00:00:01";
        ws.GenerateSubscribers(4);
        var started = DateTime.UtcNow;
        var (run, report) = await ws.RunOnceAsync(timeout: TimeSpan.FromSeconds(60));
        output.WriteLine($"stall: exit {run.ExitCode} after {(DateTime.UtcNow - started).TotalSeconds:F1}s; statuses {string.Join(",", report?.Digests.Select(d => d.Status) ?? [])}");
        Assert.Contains(run.ExitCode, new[] { 0, 3 });
        Assert.NotNull(report);
        Assert.All(report.Digests, d => Assert.Contains(d.Status, new[] { "sent", "deferred" }));
        var rows = await ws.HistoryAsync();
        Assert.All(rows, r => Assert.Contains(r.Status, new[] { "sent", "pending" }));
        var sentIds = rows.Where(r => r.Status == "sent").Select(r => r.MessageId).ToHashSet();
        Assert.True(sentIds.SetEquals(server.Messages().Select(m => m.MessageId ?? "")), "what arrived is what the record says was sent");
        Assert.True(sentIds.Count >= 3, "only the stalled digest may be left pending");
    }

    [Fact]
    public async Task RecipientRefusedWith550_ThatOneFailedWithTheReply_OthersSent_Exit3()
    {
        await using var server = await RecordingSmtpServer.StartAsync(port => new RecordingSmtpServer(port) { RefusedRecipients = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "s0002@example.org" } });
        using var ws = new Workspace(server.Port);
        ws.GenerateSubscribers(5);
        var (run, report) = await ws.RunOnceAsync();
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.NotNull(report);
        var refused = Assert.Single(report.Digests, d => d.Subscriber == "s0002");
        output.WriteLine($"550: status {refused.Status}, error: {refused.Error}");
        Assert.Equal("failed", refused.Status);
        Assert.Contains("550", refused.Error ?? "", StringComparison.Ordinal);
        Assert.All(report.Digests.Where(d => d.Subscriber != "s0002"), d => Assert.Equal("sent", d.Status));
        Assert.Equal(4, server.AcceptedCount);
        Assert.Equal("failed", (await ws.HistoryAsync()).Single(r => r.Subscriber == "s0002").Status);
    }

    [Fact]
    public async Task AuthenticationRejected_RunStops_AllPending_Exit3_PasswordNeverPrinted()
    {
        await using var server = await RecordingSmtpServer.StartAsync(port => new RecordingSmtpServer(port) { Password = "another-password" });
        using var ws = new Workspace(server.Port);
        ws.Env["Delivery__Smtp__UserName"] = "digests";
        ws.Env["DIGESTWORKER_SMTP_PASSWORD"] = Password;
        ws.Env["Logging__LogLevel__Default"] = "Trace";
        ws.GenerateSubscribers(6);
        var (run, report) = await ws.RunOnceAsync();
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal(0, server.AcceptedCount);
        Assert.True(server.AuthAttempts <= 8, $"{server.AuthAttempts} AUTH attempts: the run should stop (4 connections x 2 SASL mechanisms at most), not hammer the server");
        var rows = await ws.HistoryAsync();
        Assert.All(rows, r => Assert.Equal("pending", r.Status));
        Assert.NotNull(report);
        Assert.DoesNotContain(report.Digests, d => d.Status == "sent");
        AssertNoSecret(ws, run);
    }

    [Fact]
    public async Task AuthenticatedRun_AllSent_PasswordNeverPrinted()
    {
        await using var server = await RecordingSmtpServer.StartAsync(port => new RecordingSmtpServer(port) { Password = Password });
        using var ws = new Workspace(server.Port);
        ws.Env["Delivery__Smtp__UserName"] = "digests";
        ws.Env["DIGESTWORKER_SMTP_PASSWORD"] = Password;
        ws.Env["Logging__LogLevel__Default"] = "Trace";
        ws.GenerateSubscribers(3);
        var (run, _) = await ws.RunOnceAsync();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, server.AcceptedCount);
        var history = await ws.RunAsync(TimeSpan.FromSeconds(60), "history", "--json");
        AssertNoSecret(ws, run, history);
    }

    private static void AssertNoSecret(Workspace ws, params RunOutcome[] runs)
    {
        foreach (var r in runs)
        {
            Assert.DoesNotContain(Password, r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, r.Stderr, StringComparison.Ordinal);
        }

        foreach (var file in Directory.GetFiles(ws.Dir, "*.json"))
        {
            Assert.DoesNotContain(Password, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private async Task AssertAllSentOnceAsync(RecordingSmtpServer server, int count)
    {
        using var ws = new Workspace(server.Port);
        ws.Env["Delivery__Retry__MaxAttempts"] = "10";
        ws.GenerateSubscribers(count);
        var (run, report) = await ws.RunOnceAsync();
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotNull(report);
        Assert.All(report.Digests, d => Assert.Equal("sent", d.Status));
        var rows = await ws.HistoryAsync();
        var delivered = Delivered.Compare(server.Messages(), rows);
        output.WriteLine($"arrived {server.AcceptedCount}, lost {delivered.Lost}, duplicates {delivered.Duplicates}, sessions {server.Sessions}, attempts {rows.Sum(r => r.Attempts)}");
        Assert.Empty(delivered.Problems);
        Assert.Equal((0, 0), (delivered.Lost, delivered.Duplicates));
        Assert.Equal(count, server.AcceptedCount);
    }
}

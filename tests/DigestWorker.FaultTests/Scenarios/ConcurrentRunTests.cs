using DigestWorker.FaultTests.Support;

namespace DigestWorker.FaultTests.Scenarios;

/// <summary>
/// Two worker processes started at once on the same state file and the same server (an overlapping cron run, a
/// second replica): every due digest arrives exactly once, whichever process sends it.
/// </summary>
public sealed class ConcurrentRunTests(ITestOutputHelper output)
{
    private const int Subscribers = 120;

    [Fact]
    public async Task TwoProcessesOnOneStateFile_EachDigestArrivesExactlyOnce()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        var ids = ws.GenerateSubscribers(Subscribers);

        using var a = ws.StartRunOnce("a.json");
        using var b = ws.StartRunOnce("b.json");
        var exits = await Task.WhenAll(a.WaitAsync(TimeSpan.FromSeconds(120)), b.WaitAsync(TimeSpan.FromSeconds(120)));

        output.WriteLine($"exit codes {exits[0]} and {exits[1]}; {server.AcceptedCount} messages accepted");
        Assert.Equal([0, 0], exits);
        var messages = server.Messages();
        Assert.Equal(Subscribers, messages.Count);
        Assert.Equal(Subscribers, messages.Select(m => m.MessageId).Distinct().Count());
        var reports = new[] { ws.ReadReport("a.json")!, ws.ReadReport("b.json")! };
        var sentBy = reports.SelectMany(r => r.Digests).Where(d => d.Status == "sent").Select(d => d.Subscriber).ToList();
        Assert.Equal(ids.Order(), sentBy.Order());
        var rows = await ws.HistoryAsync();
        Assert.All(rows, r => Assert.Equal("sent", r.Status));
        Assert.Equal(Subscribers, rows.Count);
    }
}

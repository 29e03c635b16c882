using DigestWorker.FaultTests.Support;

namespace DigestWorker.FaultTests.Scenarios;

/// <summary>
/// Scenario 1: SIGKILL a 200-digest <c>run --once</c> after the server has accepted k messages (k different in every
/// trial), then run again to completion: no due digest is lost, and the only duplicates are the ones accepted but not
/// yet recorded sent at the kill (at most two per connection: the message in flight and the one before it, whose mark
/// commits while the next is sent; 8 with MaxConnections = 4), each carrying the same Message-ID as the first copy.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Subscribers = 200;
    private const int MaxConnections = 4;

    public static TheoryData<int[]> KillPoints => new()
    {
        { [1, 9, 33, 71] },
        { [100, 127, 152] },
        { [171, 186, 199] },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task SigkillMidRun_ThenRerun_LosesNothing_DuplicatesOnlyInFlight(int[] killAfterAccepted)
    {
        foreach (var k in killAfterAccepted)
        {
            await TrialAsync(k);
        }
    }

    private async Task TrialAsync(int k)
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        ws.Env["Delivery__Smtp__MaxConnections"] = MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ids = ws.GenerateSubscribers(Subscribers);

        using (var first = ws.StartRunOnce("run1.json"))
        {
            var exited = first.WaitAsync(TimeSpan.FromSeconds(90));
            var reached = await Task.WhenAny(server.WhenAccepted(k), exited).WaitAsync(TimeSpan.FromSeconds(90));
            first.Kill();
            Assert.True(reached != exited || !exited.IsCompletedSuccessfully, $"k={k}: the run finished before it could be killed: {first.Stderr}");
            await exited;
            Assert.True(first.HasExited);
        }

        var atKill = server.AcceptedCount;
        var (second, report) = await ws.RunOnceAsync("run2.json");
        Assert.True(second.ExitCode == 0, $"k={k}: rerun {second}");
        Assert.NotNull(report);
        Assert.Equal(Subscribers, report.Digests.Count);
        Assert.All(report.Digests, d => Assert.Contains(d.Status, new[] { "sent", "already-sent" }));
        Assert.All(report.Digests, d => Assert.NotEmpty(d.Events));

        var rows = await ws.HistoryAsync();
        Assert.Equal(ids.Order(), rows.Select(r => r.Subscriber).Order());
        Assert.All(rows, r => Assert.Equal("sent", r.Status));
        var messages = server.Messages();
        var delivered = Delivered.Compare(messages, rows);
        var rerunSent = messages.Count - atKill;
        output.WriteLine($"SIGKILL after {k,3} accepted: {atKill,3} accepted at kill, rerun exit {second.ExitCode}, {rerunSent,3} arrived during rerun, {messages.Count} arrivals, lost {delivered.Lost}, duplicates {delivered.Duplicates} (same Message-ID: {delivered.Problems.Count == 0})");
        Assert.Empty(delivered.Problems);
        Assert.Equal(0, delivered.Lost);
        Assert.InRange(delivered.Duplicates, 0, 2 * MaxConnections);
        Assert.Equal(Subscribers + delivered.Duplicates, messages.Count);
    }
}

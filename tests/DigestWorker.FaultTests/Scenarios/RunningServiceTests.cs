using System.Text.Json.Nodes;
using DigestWorker.FaultTests.Support;

namespace DigestWorker.FaultTests.Scenarios;

/// <summary>
/// The long-running service as a process: bad saves of the subscriptions file are reported and the last valid
/// subscriptions stay in force, a removed document does not crash it, and SIGTERM stops it cleanly.
/// </summary>
public sealed class RunningServiceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Service_InvalidThenValidSaves_AndRemovedDocument_KeepsServingAndStopsOnSigterm()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        var extra = Path.Combine(ws.Dir, "data", "chronologies", "extra.txt");
        File.Copy(Path.Combine(ws.Dir, "data", "chronologies", "000_38276b7c24a0592b.txt"), extra);
        using var worker = ws.Start("run");
        try
        {
            // The catch-up run at start is over, the triggers planned and the file watched.
            await worker.WaitForStderrAsync("Service started", Wait);

            var valid = File.ReadAllText(ws.SubscriptionsPath);
            var broken = ws.LoadSubscriptions();
            broken["subscribers"]!.AsArray()[1]!["email"] = "max-at-example.org";
            ws.SaveSubscriptions(broken);
            await worker.WaitForStderrAsync("subscribers[1] (id \"max\").email", Wait);
            Assert.Contains("the last valid ones stay in force", worker.Stderr, StringComparison.Ordinal);
            Assert.Contains("subscriptions.json", worker.Stderr, StringComparison.Ordinal);

            // Remove a document, then give lena a daily schedule that fires in a few seconds (a schedule fires at
            // most once a day): that scheduled run reads the documents again, without the removed one, and the
            // service keeps serving.
            File.Delete(extra);
            var edited = JsonNode.Parse(valid, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
            // Far enough ahead for the save, the reload and the re-planning on a loaded machine (a fire missed would
            // be tomorrow's).
            var soon = DateTimeOffset.UtcNow.AddSeconds(30);
            var daily = $"{soon.Second} {soon.Minute} {soon.Hour} * * ?";
            edited["subscribers"]!.AsArray()[2]!["schedule"] = daily;
            edited["subscribers"]!.AsArray()[2]!["timeZone"] = "UTC";
            ws.SaveSubscriptions(edited);
            await worker.WaitForStderrAsync("Triggers re-planned", Wait);
            await worker.WaitForStderrAsync($"Scheduled run {daily}", Wait);
            Assert.Contains("from 1 documents", worker.Stderr, StringComparison.Ordinal);
            Assert.False(worker.HasExited, worker.Stderr);

            worker.Terminate();
            var exit = await worker.WaitAsync(Wait);
            output.WriteLine(WorkerProcess.Tail(worker.Stderr));
            Assert.Equal(0, exit);
            Assert.DoesNotContain("Unhandled exception", worker.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            output.WriteLine(WorkerProcess.Tail(worker.Stderr));
        }
    }
}

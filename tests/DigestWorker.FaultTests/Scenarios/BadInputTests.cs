using System.Text.Json.Nodes;
using DigestWorker.FaultTests.Support;

namespace DigestWorker.FaultTests.Scenarios;

/// <summary>Scenarios 4 (bad subscriptions), 5 (bad documents) and 6 (bad state).</summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> BadSubscriptions => new()
    {
        { "broken-json", "subscriptions.json" },
        { "unknown-topic", "subscribers[1] (id \"max\").topics" },
        { "duplicate-topic", "subscribers[1] (id \"max\").topics" },
        { "bad-time-zone", "subscribers[0] (id \"ana\").timeZone" },
        { "bad-cron", "subscribers[2] (id \"lena\").schedule" },
        { "bad-email", "subscribers[1] (id \"max\").email" },
        { "duplicate-id", "subscribers[2]" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task InvalidSubscriptions_Exit2_NamesFileAndPlace_NothingSent(string fault, string place)
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        var root = ws.LoadSubscriptions();
        var subs = root["subscribers"]!.AsArray();
        switch (fault)
        {
            case "broken-json":
                File.WriteAllText(ws.SubscriptionsPath, File.ReadAllText(ws.SubscriptionsPath)[..400]);
                break;
            case "unknown-topic":
                subs[1]!["topics"] = new JsonArray("energy", "no-such-topic");
                ws.SaveSubscriptions(root);
                break;
            case "duplicate-topic":
                subs[1]!["topics"] = new JsonArray("energy", "energy");
                ws.SaveSubscriptions(root);
                break;
            case "bad-time-zone":
                subs[0]!["timeZone"] = "Mars/Olympus_Mons";
                ws.SaveSubscriptions(root);
                break;
            case "bad-cron":
                subs[2]!["schedule"] = "0 0 25 ? * FRI";
                ws.SaveSubscriptions(root);
                break;
            case "bad-email":
                subs[1]!["email"] = "max-at-example.org";
                ws.SaveSubscriptions(root);
                break;
            case "duplicate-id":
                subs[2]!["id"] = "ana";
                ws.SaveSubscriptions(root);
                break;
        }

        var (run, report) = await ws.RunOnceAsync();
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("subscriptions.json", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(place, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, server.Sessions);
        Assert.Equal(0, server.AcceptedCount);
        Assert.False(File.Exists(ws.StatePath), "no delivery record is created by a run that did nothing");
        Assert.Null(report);
    }

    [Fact]
    public async Task BadDocumentsBesideTheSample_NoCrash_WarningsNameTheFiles_SampleDigestsSent()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        var folder = Path.Combine(ws.Dir, "data", "chronologies");
        var random = new Random(20170925);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(folder, "random-bytes.txt"), bytes);
        var sample = File.ReadAllBytes(Directory.GetFiles(folder).Single(f => Path.GetFileName(f).StartsWith("000_", StringComparison.Ordinal)));
        var truncated = sample[..(sample.Length / 2)].Concat(new byte[] { 0xE2, 0x80 }).ToArray();
        File.WriteAllBytes(Path.Combine(folder, "truncated-utf8.txt"), truncated);
        File.WriteAllText(Path.Combine(folder, "one-long-line.txt"), new string('a', 10 * 1024 * 1024));
        File.WriteAllLines(Path.Combine(folder, "only-dates.txt"), Enumerable.Range(1, 500).Select(i => $"Sept. {(i % 28) + 1}, 2017:"));
        var binary = new byte[32 * 1024];
        binary[0] = 0x7F;
        binary[1] = (byte)'E';
        binary[2] = (byte)'L';
        binary[3] = (byte)'F';
        random.NextBytes(binary.AsSpan(4096));
        File.WriteAllBytes(Path.Combine(folder, "program-binary.txt"), binary);

        var (run, report) = await ws.RunOnceAsync(timeout: TimeSpan.FromSeconds(120));
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotNull(report);
        Assert.Equal(3, report.Digests.Count);
        Assert.All(report.Digests, d => Assert.Equal("sent", d.Status));
        Assert.Equal(3, server.AcceptedCount);
        foreach (var name in new[] { "random-bytes.txt", "truncated-utf8.txt", "one-long-line.txt", "only-dates.txt", "program-binary.txt" })
        {
            Assert.True(run.Stderr.Contains(name, StringComparison.Ordinal), $"no warning names {name}:\n{run.Stderr}");
        }
    }

    [Fact]
    public async Task StatePathUnderAFile_Exit1_NamesThePath_NothingSent()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        var blocker = Path.Combine(ws.Dir, "not-a-folder");
        File.WriteAllText(blocker, "a file where a folder should be");
        ws.Env["State__Path"] = Path.Combine(blocker, "digests.db");
        var (run, _) = await ws.RunOnceAsync();
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(blocker, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, server.AcceptedCount);
    }

    [Fact]
    public async Task CorruptStateDatabase_Exit1_NamesThePath_NothingSent()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        using var ws = new Workspace(server.Port);
        Directory.CreateDirectory(Path.GetDirectoryName(ws.StatePath)!);
        var junk = new byte[64 * 1024];
        new Random(7).NextBytes(junk);
        File.WriteAllBytes(ws.StatePath, junk);
        var (run, _) = await ws.RunOnceAsync();
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("digests.db", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, server.AcceptedCount);
        Assert.Equal(junk, File.ReadAllBytes(ws.StatePath));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigestWorker.FaultTests.Support;

/// <summary>
/// A fresh temporary working directory for one worker: copies of config/, templates/ and data/, SMTP settings
/// pointing at a loopback port, short retry timings, and helpers to run verbs and read the report and record.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public const string AsOf = "2017-09-25T09:00:00Z";

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public Workspace(int smtpPort)
    {
        Dir = Directory.CreateTempSubdirectory("dw-faults-").FullName;
        CopyDir(Path.Combine(Paths.Root, "config"), Path.Combine(Dir, "config"));
        CopyDir(Path.Combine(Paths.Root, "templates"), Path.Combine(Dir, "templates"));
        CopyDir(Path.Combine(Paths.Root, "data"), Path.Combine(Dir, "data"));
        Env = new Dictionary<string, string?>
        {
            ["Delivery__Mode"] = "Smtp",
            ["Delivery__Smtp__Host"] = "127.0.0.1",
            ["Delivery__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery__Smtp__Security"] = "None",
            ["Delivery__Smtp__Timeout"] = "00:00:10",
            ["Delivery__Retry__BaseDelay"] = "00:00:00.050",
            ["Delivery__Retry__MaxDelay"] = "00:00:00.200",
            ["Delivery__Retry__MaxTotalTime"] = "00:00:20",
            ["Delivery__Retry__BreakDuration"] = "00:00:00.500",
            ["Delivery__Retry__SamplingDuration"] = "00:00:00.500",
            ["Delivery__Retry__MinimumThroughput"] = "1000",
        };
    }

    public string Dir { get; }

    public Dictionary<string, string?> Env { get; }

    public string SubscriptionsPath => Path.Combine(Dir, "config", "subscriptions.json");

    public string StatePath => Path.Combine(Dir, "state", "digests.db");

    public WorkerProcess Start(params string[] args) => WorkerProcess.Start(Dir, Env, args);

    /// <summary>Runs a verb to completion.</summary>
    public async Task<RunOutcome> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var worker = Start(args);
        var code = await worker.WaitAsync(timeout);
        return new RunOutcome(code, worker.Stdout, worker.Stderr);
    }

    /// <summary><c>run --once --as-of AsOf --report FILE</c>; returns the outcome and the parsed report (null if none written).</summary>
    public async Task<(RunOutcome Outcome, Report? Report)> RunOnceAsync(string reportName = "report.json", TimeSpan? timeout = null)
    {
        var reportPath = Path.Combine(Dir, reportName);
        var outcome = await RunAsync(timeout ?? TimeSpan.FromSeconds(90), "run", "--once", "--as-of", AsOf, "--report", reportPath);
        return (outcome, ReadReport(reportName));
    }

    public WorkerProcess StartRunOnce(string reportName = "report.json") =>
        Start("run", "--once", "--as-of", AsOf, "--report", Path.Combine(Dir, reportName));

    public Report? ReadReport(string reportName = "report.json")
    {
        var path = Path.Combine(Dir, reportName);
        return File.Exists(path) ? JsonSerializer.Deserialize<Report>(File.ReadAllText(path), JsonOptions) : null;
    }

    /// <summary>The delivery record as <c>history --json</c> prints it.</summary>
    public async Task<List<HistoryRow>> HistoryAsync()
    {
        var outcome = await RunAsync(TimeSpan.FromSeconds(60), "history", "--json");
        Assert.True(outcome.ExitCode == 0, "history failed: " + outcome.Stderr);
        return JsonSerializer.Deserialize<List<HistoryRow>>(outcome.Stdout, JsonOptions) ?? [];
    }

    /// <summary>Replaces the subscribers with <paramref name="count"/> generated ones on the shipped topics (UTC, Monday 07:00, since 2017-09-01).</summary>
    public IReadOnlyList<string> GenerateSubscribers(int count, Func<int, JsonObject, JsonObject>? customize = null)
    {
        var root = LoadSubscriptions();
        string[][] topics = [["korea"], ["korea", "military"], ["energy", "military", "korea"], ["military", "korea"]];
        var subscribers = new JsonArray();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"s{i:D4}";
            ids.Add(id);
            var s = new JsonObject
            {
                ["id"] = id,
                ["name"] = $"Subscriber {i}",
                ["email"] = $"{id}@example.org",
                ["topics"] = new JsonArray([.. topics[i % topics.Length].Select(t => (JsonNode)JsonValue.Create(t))]),
                ["since"] = "2017-09-01",
            };
            subscribers.Add(customize?.Invoke(i, s) ?? s);
        }

        root["subscribers"] = subscribers;
        File.WriteAllText(SubscriptionsPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return ids;
    }

    public JsonObject LoadSubscriptions() =>
        JsonNode.Parse(File.ReadAllText(SubscriptionsPath), documentOptions: Lenient)!.AsObject();

    public void SaveSubscriptions(JsonObject root) =>
        File.WriteAllText(SubscriptionsPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyDir(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
}

internal sealed record RunOutcome(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{WorkerProcess.Tail(Stdout)}\nstderr:\n{WorkerProcess.Tail(Stderr)}";
}

internal sealed record Report(DateTimeOffset AsOf, string? Aborted, List<ReportEntry> Digests);

internal sealed record ReportEntry(string Subscriber, string Email, DateTimeOffset FireTime, string PeriodStart, string PeriodEnd, List<string> Events, string Status, string? MessageId, string? Error);

internal sealed record HistoryRow(string Subscriber, string Email, DateTimeOffset FireTime, List<string> Events, string Status, int Attempts, string? LastError, string MessageId);

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DigestWorker.Benchmarks;

// Commands (all used by run-benchmark.sh):
//   generate --subscribers S --events E --seed N --out DIR [--sample data/chronologies] [--config config]
//   parse --folder DIR [--repeat 3]                   in-process ChronologyLoader.Load timing
//   render --folder DIR [--limit 2000]                in-process selection + render time per digest
//   record --folder DIR [--count 20000] [--message FILE.eml]   the delivery record alone: batched claims, mark-sent
//   naive --pickup DIR --port P [--host 127.0.0.1] [--limit N]   MailKit connect/send/disconnect per message
//   smtp-path --pickup DIR --port P --connections C --count N [--host 127.0.0.1]   the worker's SMTP sessions alone
//   report --in results.jsonl --out benchmark.json    the final table
var argsMap = ParseArgs(args.Skip(1));
string Arg(string name, string? fallback = null) =>
    argsMap.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
int IntArg(string name, int fallback) => argsMap.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

switch (args.FirstOrDefault())
{
    case "generate":
        Generator.Run(IntArg("subscribers", 1000), IntArg("events", 1000), IntArg("seed", 42), Arg("out"), Arg("sample", "data/chronologies"), Arg("config", "config"));
        return 0;
    case "parse":
        Measurements.Parse(Arg("folder"), IntArg("repeat", 3));
        return 0;
    case "render":
        Measurements.Render(Arg("folder"), Arg("templates", "templates"), IntArg("limit", 2000));
        return 0;
    case "record":
        await RecordMeasurement.RunAsync(Arg("folder"), IntArg("count", 20000), argsMap.GetValueOrDefault("message"));
        return 0;
    case "naive":
        return await NaiveSmtp.RunAsync(Arg("pickup"), Arg("host", "127.0.0.1"), IntArg("port", 25), IntArg("limit", int.MaxValue), argsMap.ContainsKey("reuse"));
    case "smtp-path":
        await SmtpPathMeasurement.RunAsync(Arg("pickup"), Arg("host", "127.0.0.1"), IntArg("port", 25), int.Parse(Arg("connections"), CultureInfo.InvariantCulture), int.Parse(Arg("count"), CultureInfo.InvariantCulture));
        return 0;
    case "report":
        Report.Write(Arg("in"), Arg("out"));
        return 0;
    default:
        Console.Error.WriteLine("usage: generate | parse | render | record | naive | smtp-path | report (see run-benchmark.sh)");
        return 2;
}

static Dictionary<string, string> ParseArgs(IEnumerable<string> args)
{
    var map = new Dictionary<string, string>(StringComparer.Ordinal);
    string? key = null;
    foreach (var a in args)
    {
        if (a.StartsWith("--", StringComparison.Ordinal))
        {
            key = a[2..];
            map[key] = "true";
        }
        else if (key is not null)
        {
            map[key] = a;
            key = null;
        }
    }

    return map;
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Line(object value) => Console.WriteLine(JsonSerializer.Serialize(value, Options));

    public static double Round(double v, int digits = 3) => Math.Round(v, digits);

    public static double Seconds(Stopwatch sw) => sw.Elapsed.TotalSeconds;
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigestWorker.Benchmarks;

/// <summary>Reads the JSON lines run-benchmark.sh collected, prints one table and writes one JSON document.</summary>
internal static class Report
{
    public static void Write(string input, string output)
    {
        var rows = File.ReadAllLines(input).Where(l => l.TrimStart().StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var references = rows.Where(r => S(r, "section") == "reference").ToList();
        foreach (var run in rows.Where(r => (S(r, "section") == "run" && S(r, "mode")?.StartsWith("smtp", StringComparison.Ordinal) == true) || S(r, "section") == "smtpPath"))
        {
            var sent = S(run, "section") == "run" ? D(run, "digests") : D(run, "messages");
            // The reference of the same size, connections and message count (smtp-source runs after each smtp worker run).
            var reference = references.FirstOrDefault(r => D(r, "messages") == sent && D(r, "connections") == D(run, "connections")
                && D(r, "subscribers") == D(run, "subscribers") && D(r, "events") == D(run, "events"));
            if (reference is not null && D(reference, "perSecond") > 0)
            {
                run["ratioToSmtpSource"] = Math.Round(D(run, "perSecond") / D(reference, "perSecond"), 3);
            }
        }

        foreach (var g in rows.Where(r => S(r, "section") == "growth"))
        {
            g["timeRatio"] = Math.Round(D(g, "doubledSeconds") / D(g, "baseSeconds"), 2);
        }

        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("| what | S | E | conns | digests/msgs | wall s | per s | ratio to smtp-source | peak RSS MB |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows.Where(r => S(r, "section") is "run" or "reference" or "naive" or "smtpPath"))
        {
            var what = S(r, "section") switch
            {
                "smtpPath" => $"worker's SMTP sessions alone: its messages ({N(r, "avgBytes")} bytes on average), no build, no record, connect to QUIT ({N(r, "cpuMicrosecondsPerMessage")} µs CPU per message)",
                // A run that did not exit 0 says so: its figures are not a finished run's.
                "run" => $"worker {S(r, "mode")}" + (N(r, "exitCode") is { } code and not "0" ? $" (**exit {code}**)" : ""),
                "reference" => "smtp-source (reference)",
                _ => "naive baseline: MailKit, new connection per message, 1 at a time",
            };
            sb.AppendLine(inv, $"| {what} | {N(r, "subscribers")} | {N(r, "events")} | {N(r, "connections")} | {N(r, "digests") ?? N(r, "messages")} | {N(r, "wallSeconds")} | {N(r, "perSecond")} | {N(r, "ratioToSmtpSource")} | {N(r, "maxRssMb")} |");
        }

        foreach (var r in rows.Where(r => S(r, "section") == "parse"))
        {
            sb.AppendLine(inv, $"\nparse: {N(r, "entries")} entries, {N(r, "megabytes")} MB in {N(r, "seconds")} s = {N(r, "megabytesPerSecond")} MB/s, {N(r, "entriesPerSecond")} entries/s");
        }

        foreach (var r in rows.Where(r => S(r, "section") == "render"))
        {
            sb.AppendLine(inv, $"topic index: {N(r, "indexedEvents")} events x {N(r, "topics")} topics in {N(r, "indexSeconds")} s (first build, as a run does before its first digest)");
            sb.AppendLine(inv, $"selection+render+message (1 thread, {N(r, "digests")} digests, {N(r, "eventsPerDigest")} events each): select {N(r, "selectMicroseconds")} µs + render {N(r, "renderMicroseconds")} µs + MIME {N(r, "messageMicroseconds")} µs = {N(r, "totalMicroseconds")} µs per digest; allocated {N(r, "renderKilobytesAllocated")} KB (render) + {N(r, "messageKilobytesAllocated")} KB (MIME)");
        }

        foreach (var r in rows.Where(r => S(r, "section") == "record"))
        {
            sb.AppendLine(inv, $"delivery record alone ({N(r, "digests")} digests of {N(r, "messageBytes")} bytes, {N(r, "writers")} writer(s)): claim {N(r, "claimMicroseconds")} µs + mark sent {N(r, "markSentMicroseconds")} µs per digest");
        }

        foreach (var r in rows.Where(r => S(r, "section") == "growth"))
        {
            sb.AppendLine(inv, $"growth {S(r, "what")}: {N(r, "baseSeconds")} s -> {N(r, "doubledSeconds")} s, ratio {N(r, "timeRatio")}");
        }

        Console.WriteLine(sb.ToString());
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var doc = new JsonObject
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            ["results"] = new JsonArray([.. rows]),
        };
        File.WriteAllText(output, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"written: {output}");
    }

    private static string? S(JsonObject o, string name) => o[name]?.GetValue<JsonElement>().ToString();

    private static double D(JsonObject o, string name) =>
        o[name] is { } n && double.TryParse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;

    private static string? N(JsonObject o, string name) => o[name]?.ToJsonString().Trim('"');
}

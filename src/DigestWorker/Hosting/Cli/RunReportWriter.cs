using System.Globalization;
using System.Text;
using System.Text.Json;
using DigestWorker.Scheduling;

namespace DigestWorker.Hosting.Cli;

/// <summary>Prints a run's summary table and writes its JSON report.</summary>
internal static class RunReportWriter
{
    public static async Task WriteAsync(RunReport report, string? target, CancellationToken cancellationToken)
    {
        // The table goes to stdout unless the JSON report does.
        var table = target == "-" ? Console.Error : Console.Out;
        await table.WriteLineAsync(Table(report));
        if (target is null)
        {
            return;
        }

        var document = new
        {
            asOf = report.AsOf,
            aborted = report.AbortReason,
            digests = report.Digests.Select(d => new
            {
                subscriber = d.Subscriber,
                email = d.Email,
                fireTime = d.FireTime,
                periodStart = JsonOutput.Date(d.PeriodStart),
                periodEnd = JsonOutput.Date(d.PeriodEnd),
                events = d.Events,
                status = d.Status,
                messageId = d.MessageId,
                error = d.Error,
            }),
        };

        // Streamed, not built as one string: at 100,000 digests the report is tens of megabytes.
        if (target == "-")
        {
            await Console.Out.FlushAsync(cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            await JsonSerializer.SerializeAsync(stdout, document, JsonOutput.Options, cancellationToken);
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        else
        {
            await using var file = File.Create(target);
            await JsonSerializer.SerializeAsync(file, document, JsonOutput.Options, cancellationToken);
        }
    }

    internal static string Table(RunReport report)
    {
        var sb = new StringBuilder();
        const int MaxRows = 50;
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"subscriber",-16} {"period",-23} {"events",6}  outcome");
        foreach (var d in report.Digests.Take(MaxRows))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{d.Subscriber,-16} {d.PeriodStart:yyyy-MM-dd}..{d.PeriodEnd.AddDays(-1):yyyy-MM-dd} {d.Events.Count,6}  {Outcome(d)}");
        }

        if (report.Digests.Count > MaxRows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"... and {report.Digests.Count - MaxRows} more (see --report)");
        }

        var counts = Enum.GetValues<DigestOutcome>().Where(o => report.Count(o) > 0).Select(o => $"{report.Count(o)} {Name(o)}");
        sb.Append(CultureInfo.InvariantCulture, $"as of {report.AsOf.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {report.Digests.Count} due; {string.Join(", ", counts)}");
        if (report.AbortReason is { } reason)
        {
            sb.AppendLine().Append("run stopped early: ").Append(reason);
        }

        return sb.ToString();
    }

    private static string Outcome(DigestReportEntry d) => d.Error is null ? Name(d.Status) : $"{Name(d.Status)}: {d.Error}";

    private static string Name(DigestOutcome o) => o == DigestOutcome.AlreadySent ? "already-sent" : o.ToString().ToLowerInvariant();
}

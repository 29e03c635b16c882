using System.CommandLine;
using DigestWorker.Delivery.Record;
using DigestWorker.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Hosting.Cli;

/// <summary><c>run</c>: the long-lived Quartz service, or with <c>--once</c> a single run of what is due, then exit.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Send what is due at the instant, then exit (for cron or a Kubernetes CronJob)" };
        var asOf = CliOptions.AsOf();
        var report = new Option<string?>("--report") { Description = "With --once: write a JSON report to FILE, or to standard output with -" };
        var command = new Command("run", "Run the digest service (or a single run with --once)") { once, asOf, report };
        command.Validators.Add(result =>
        {
            // The service runs on its schedule and writes no report: these would be ignored without a word.
            if (!result.GetValue(once) && (result.GetResult(asOf) is not null || result.GetResult(report) is not null))
            {
                result.AddError("--as-of and --report apply to run --once only (the service runs as of each fire time and writes no report).");
            }
        });
        command.SetAction((parse, ct) => VerbContext.WithHostAsync(parse, parse.GetValue(once) ? null : b => DigestService.AddTo(b.Services, TimeProvider.System), async host =>
        {
            try
            {
                await host.Get<IDeliveryRecord>().InitializeAsync(ct);
                if (!parse.GetValue(once))
                {
                    // Resolved before RunAsync, which disposes the host when it returns.
                    var service = host.Get<DigestService>();
                    await host.RunAsync(ct);

                    // The host stops when the service fails (e.g. the record became unusable): say so in the exit code.
                    return service.ExecuteTask is { IsFaulted: true } ? ExitCodes.Error : ExitCodes.Ok;
                }

                var instant = parse.GetValue(asOf) ?? host.Get<TimeProvider>().GetUtcNow();
                var progress = Console.IsErrorRedirected ? null : new ConsoleProgress(host.Get<TimeProvider>());
                var result = await host.Get<DigestRunner>().RunAsync(instant, null, progress, ct);
                progress?.Finish();
                // Written even after SIGTERM cancelled the run: the report says what stayed pending.
                await RunReportWriter.WriteAsync(result, parse.GetValue(report), CancellationToken.None);
                return result.ExitCode;
            }
            catch (DeliveryRecordException ex)
            {
                // Nothing is sent that cannot be recorded: stop with the path and the reason.
                host.Get<ILogger<DigestRunner>>().LogCritical("Cannot use the delivery record; nothing is sent that cannot be recorded: {Error}", ex.Message);
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.Error;
            }
        }));
        return command;
    }
}

using Microsoft.Extensions.Logging;
using Quartz;

namespace DigestWorker.Scheduling;

/// <summary>
/// The Quartz job for one (cron, time zone) group: sends the due digest of every enabled subscriber of that group
/// as of the trigger's scheduled fire time. Throws only <see cref="JobExecutionException"/>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DigestJob(DigestRunner runner, ILogger<DigestJob> logger) : IJob
{
    public const string CronKey = "cron";
    public const string ZoneKey = "zone";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var cron = context.MergedJobDataMap.GetString(CronKey);
        var zone = context.MergedJobDataMap.GetString(ZoneKey);
        var asOf = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        try
        {
            var report = await runner.RunAsync(asOf, s => s.Schedule == cron && s.TimeZone.Id == zone, null, cancellationToken);
            logger.LogInformation(
                "Scheduled run {Cron} ({Zone}) as of {AsOf:o}: {Sent} sent, {Empty} empty, {Failed} failed, {Deferred} deferred, {Already} already sent{Abort}",
                cron, zone, asOf, report.Count(DigestOutcome.Sent), report.Count(DigestOutcome.Empty), report.Count(DigestOutcome.Failed),
                report.Count(DigestOutcome.Deferred), report.Count(DigestOutcome.AlreadySent), report.AbortReason is null ? string.Empty : "; stopped early: " + report.AbortReason);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Scheduled run {Cron} ({Zone}) stopped; unsent digests stay pending", cron, zone);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Scheduled run {Cron} ({Zone}) as of {AsOf:o} failed", cron, zone, asOf);
            throw new JobExecutionException(ex);
        }
    }
}

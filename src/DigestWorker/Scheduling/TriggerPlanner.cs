using System.Security.Cryptography;
using System.Text;
using DigestWorker.Subscriptions;
using Quartz;
using Quartz.Impl.Matchers;

namespace DigestWorker.Scheduling;

/// <summary>
/// Keeps one Quartz job and cron trigger per (schedule, time zone) of the enabled subscribers: subscribers sharing
/// both share a trigger. Re-planning after a subscriptions edit adds and removes only what changed.
/// </summary>
internal static class TriggerPlanner
{
    public const string Group = "digests";

    public static async Task PlanAsync(IScheduler scheduler, SubscriptionSet set, CancellationToken cancellationToken)
    {
        var wanted = set.Subscribers.Where(s => s.Enabled)
            .Select(s => (s.Schedule, s.TimeZone))
            .DistinctBy(g => (g.Schedule, g.TimeZone.Id))
            .ToDictionary(g => KeyFor(g.Schedule, g.TimeZone.Id), g => g);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken))
        {
            if (!wanted.ContainsKey(key))
            {
                await scheduler.DeleteJob(key, cancellationToken);
            }
        }

        foreach (var (key, (cron, zone)) in wanted)
        {
            if (await scheduler.CheckExists(key, cancellationToken))
            {
                continue;
            }

            var job = JobBuilder.Create<DigestJob>()
                .WithIdentity(key)
                .UsingJobData(DigestJob.CronKey, cron)
                .UsingJobData(DigestJob.ZoneKey, zone.Id)
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(key.Name, Group)
                .ForJob(key)
                .WithCronSchedule(cron, b => b.InTimeZone(zone).WithMisfireHandlingInstructionFireAndProceed())
                .Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken);
        }
    }

    public static JobKey KeyFor(string cron, string zone) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cron + "|" + zone)))[..16], Group);
}

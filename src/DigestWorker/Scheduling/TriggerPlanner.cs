using System.Security.Cryptography;
using System.Text;
using DigestWorker.Subscriptions;
using Quartz;

namespace DigestWorker.Scheduling;

/// <summary>
/// Keeps one Quartz job and cron trigger per (schedule, time zone) of the enabled subscribers: subscribers sharing
/// both share a trigger. Re-planning after a subscriptions edit adds and removes only what changed.
/// </summary>
internal sealed class TriggerPlanner(TimeProvider time)
{
    public const string Group = "digests";

    private readonly HashSet<JobKey> _planned = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The jobs planned now, one per (schedule, zone).</summary>
    public IReadOnlyCollection<JobKey> Planned
    {
        get
        {
            lock (_planned)
            {
                return [.. _planned];
            }
        }
    }

    /// <summary>Plans the triggers; new ones start at <paramref name="startAt"/> (default now), so a fire time passed since then fires at once.</summary>
    public async Task PlanAsync(IScheduler scheduler, SubscriptionSet set, CancellationToken cancellationToken, DateTimeOffset? startAt = null)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await PlanCoreAsync(scheduler, set, startAt ?? time.GetUtcNow(), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PlanCoreAsync(IScheduler scheduler, SubscriptionSet set, DateTimeOffset startAt, CancellationToken cancellationToken)
    {
        var wanted = set.Subscribers.Where(s => s.Enabled)
            .Select(s => (s.Schedule, s.TimeZone))
            .DistinctBy(g => (g.Schedule, g.TimeZone.Id))
            .ToDictionary(g => KeyFor(g.Schedule, g.TimeZone.Id), g => g);
        foreach (var key in Planned.Where(k => !wanted.ContainsKey(k)))
        {
            await scheduler.DeleteJob(key, cancellationToken);
            lock (_planned)
            {
                _planned.Remove(key);
            }
        }

        foreach (var (key, (cron, zone)) in wanted)
        {
            if (Planned.Contains(key))
            {
                continue;
            }

            var job = JobBuilder.Create<DigestJob>()
                .WithIdentity(key)
                .UsingJobData(DigestJob.CronKey, cron)
                .UsingJobData(DigestJob.ZoneKey, zone.Id)
                .Build();
            // The trigger computes its fire times on the injected clock, so tests can fake it.
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(key.Name, Group)
                .ForJob(key)
                .StartAt(startAt)
                .WithCronSchedule(cron, b => b.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
            lock (_planned)
            {
                _planned.Add(key);
            }
        }
    }

    public static JobKey KeyFor(string cron, string zone) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cron + "|" + zone)))[..16], Group);
}

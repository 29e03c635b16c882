using System.Globalization;
using DigestWorker.Delivery.Record;
using DigestWorker.Scheduling;
using DigestWorker.Subscriptions;
using DigestWorker.Tests.TestSupport;
using Quartz;

namespace DigestWorker.Tests.Scheduling;

/// <summary>
/// The hosted service with the real Quartz scheduler on a fake clock: catch-up at start, one trigger per
/// (schedule, zone) whose next fire time is the subscriber's, and re-planning when the subscriptions file is saved.
/// </summary>
public sealed class DigestServiceTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2017-09-25T09:00:00Z", CultureInfo.InvariantCulture);

    private static async Task<(WorkerFixture Worker, RunReport CatchUp, IScheduler Scheduler)> StartAsync()
    {
        var worker = new WorkerFixture(service: true);
        worker.Time.SetUtcNow(Now);
        await worker.Get<IDeliveryRecord>().InitializeAsync(CancellationToken.None);
        var catchUp = new TaskCompletionSource<RunReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Get<DigestRunner>().Completed += report => catchUp.TrySetResult(report);
        await worker.Host.StartAsync();
        await worker.Get<DigestService>().Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var scheduler = await worker.Get<ISchedulerFactory>().GetScheduler();
        return (worker, await catchUp.Task.WaitAsync(TimeSpan.FromSeconds(60)), scheduler);
    }

    [Fact]
    public async Task Start_AfterDowntime_CatchesUpTheLatestMissedFireTimeOnce()
    {
        var (worker, catchUp, _) = await StartAsync();
        using (worker)
        {
            Assert.Equal(Now, catchUp.AsOf);
            Assert.Equal(["ana", "max", "lena"], catchUp.Digests.Where(d => d.Status == DigestOutcome.Sent).Select(d => d.Subscriber));
            Assert.Equal(3, worker.PickupFiles().Length);
            await worker.Host.StopAsync();
        }
    }

    [Fact]
    public async Task Start_PlansOneTriggerPerScheduleAndZone_FiringAtTheSubscribersNextLocalTime()
    {
        var (worker, _, scheduler) = await StartAsync();
        using (worker)
        {
            foreach (var s in worker.Get<SubscriptionsMonitor>().Current.Subscribers)
            {
                var key = TriggerPlanner.KeyFor(s.Schedule, s.TimeZone.Id);
                var trigger = await scheduler.GetTrigger(new TriggerKey(key.Name, key.Group));
                Assert.NotNull(trigger);
                Assert.Equal(FireSchedule.For(s.Schedule, s.TimeZone).NextAfter(Now), trigger.NextFireTimeUtc);
            }

            Assert.Equal(3, worker.Get<TriggerPlanner>().Planned.Count);
            await worker.Host.StopAsync();
        }
    }

    [Fact]
    public async Task SubscriptionsSaved_TriggersReplannedWithoutARestart()
    {
        var (worker, _, scheduler) = await StartAsync();
        using (worker)
        {
            var replanned = new TaskCompletionSource<IReadOnlyCollection<JobKey>>(TaskCreationOptions.RunContinuationsAsynchronously);
            worker.Get<DigestService>().Replanned += keys => replanned.TrySetResult(keys);
            var edited = File.ReadAllText(worker.SubscriptionsPath)
                .Replace("\"schedule\": \"0 0 17 ? * FRI\"", "\"schedule\": \"0 30 6 ? * TUE\"", StringComparison.Ordinal);
            await File.WriteAllTextAsync(worker.SubscriptionsPath, edited);

            var keys = await replanned.Task.WaitAsync(TimeSpan.FromSeconds(60));

            var lenaZone = "America/New_York";
            Assert.Contains(TriggerPlanner.KeyFor("0 30 6 ? * TUE", lenaZone), keys);
            Assert.DoesNotContain(TriggerPlanner.KeyFor("0 0 17 ? * FRI", lenaZone), keys);
            Assert.False(await scheduler.Exists(TriggerPlanner.KeyFor("0 0 17 ? * FRI", lenaZone)));
            var trigger = await scheduler.GetTrigger(new TriggerKey(TriggerPlanner.KeyFor("0 30 6 ? * TUE", lenaZone).Name, TriggerPlanner.Group));
            Assert.Equal(DateTimeOffset.Parse("2017-09-26T10:30:00Z", CultureInfo.InvariantCulture), trigger!.NextFireTimeUtc);
            await worker.Host.StopAsync();
        }
    }

    [Fact]
    public async Task FakeClockReachesAFireTime_QuartzFiresThatGroupsDigestOnly()
    {
        var (worker, _, _) = await StartAsync();
        using (worker)
        {
            var fired = new TaskCompletionSource<RunReport>(TaskCreationOptions.RunContinuationsAsynchronously);
            worker.Get<DigestRunner>().Completed += report => fired.TrySetResult(report);

            // Lena's Friday 17:00 in New York is 21:00 UTC; Ana's and Max's Mondays come later.
            worker.Time.SetUtcNow(DateTimeOffset.Parse("2017-09-29T21:00:00Z", CultureInfo.InvariantCulture));
            var report = await fired.Task.WaitAsync(TimeSpan.FromSeconds(60));

            var lena = Assert.Single(report.Digests);
            Assert.Equal("lena", lena.Subscriber);
            Assert.Equal(DateTimeOffset.Parse("2017-09-29T21:00:00Z", CultureInfo.InvariantCulture), lena.FireTime);
            Assert.Equal(DigestOutcome.Sent, lena.Status);
            Assert.Contains(worker.PickupFiles(), f => Path.GetFileName(f).StartsWith("lena_2017-09-22", StringComparison.Ordinal));
            await worker.Host.StopAsync();
        }
    }
}

using DigestWorker.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DigestWorker.Scheduling;

/// <summary>
/// The long-running service: at start, catches up the latest missed fire time of each subscriber once (the same
/// rule as <c>run --once</c>), then plans one Quartz trigger per schedule and zone and re-plans whenever the
/// subscriptions file is saved with valid content.
/// </summary>
internal sealed class DigestService(
    DigestRunner runner,
    SubscriptionsMonitor subscriptions,
    ISchedulerFactory schedulers,
    TimeProvider time,
    TriggerPlanner planner,
    ILogger<DigestService> logger) : BackgroundService
{
    /// <summary>Completes once the catch-up run is over and the triggers are planned (for tests and logs).</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised after the triggers were re-planned for a saved subscriptions file.</summary>
    public event Action<IReadOnlyCollection<JobKey>>? Replanned;

    /// <summary>How long to wait after a save before reloading (editors write a file in several steps).</summary>
    public TimeSpan ReloadDebounce { get; init; } = TimeSpan.FromMilliseconds(300);

    public static void AddTo(IServiceCollection services, TimeProvider time)
    {
        services.AddQuartz(q => q.UseTimeProvider(time));
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        services.AddSingleton<TriggerPlanner>();
        services.AddSingleton<DigestService>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestService>());
        services.AddTransient<DigestJob>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var asOf = time.GetUtcNow();
            var report = await runner.RunAsync(asOf, null, null, stoppingToken);
            logger.LogInformation("Catch-up run at start: {Sent} sent, {Deferred} deferred, {Failed} failed", report.Count(DigestOutcome.Sent), report.Count(DigestOutcome.Deferred), report.Count(DigestOutcome.Failed));
            var scheduler = await schedulers.GetScheduler(stoppingToken);
            // Triggers start at the catch-up instant: a fire time that passed during the catch-up run fires at once.
            await planner.PlanAsync(scheduler, subscriptions.Current, stoppingToken, asOf);
            subscriptions.Changed += set => _ = ReplanAsync(scheduler, set, stoppingToken);
            subscriptions.Watch(ReloadDebounce);
            logger.LogInformation("Service started: {Triggers} triggers planned; watching the subscriptions file for changes", planner.Planned.Count);
            Started.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Started.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            Started.TrySetException(ex);
            throw;
        }
    }

    private async Task ReplanAsync(IScheduler scheduler, SubscriptionSet set, CancellationToken cancellationToken)
    {
        try
        {
            await planner.PlanAsync(scheduler, set, cancellationToken);
            logger.LogInformation("Triggers re-planned for {Count} enabled subscribers", set.Subscribers.Count(s => s.Enabled));
            Replanned?.Invoke([.. planner.Planned]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Re-planning triggers failed; the previous triggers stay in force");
        }
    }
}

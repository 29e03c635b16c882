using DigestWorker.Delivery.Record;
using DigestWorker.Scheduling;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class RunLockTests
{
    [Fact]
    public async Task AcquireAsync_HeldByAnotherRun_TimesOutNamingTheLockFile()
    {
        var folder = Directory.CreateTempSubdirectory("runlock-").FullName;
        var state = Path.Combine(folder, "digests.db");
        using var held = await RunLock.AcquireAsync(state, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => RunLock.AcquireAsync(state, TimeSpan.Zero, TimeProvider.System, CancellationToken.None));

        Assert.Contains(state + ".lock", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_AfterRelease_Succeeds()
    {
        var state = Path.Combine(Directory.CreateTempSubdirectory("runlock-").FullName, "digests.db");
        (await RunLock.AcquireAsync(state, TimeSpan.Zero, TimeProvider.System, CancellationToken.None)).Dispose();

        using var again = await RunLock.AcquireAsync(state, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        Assert.NotNull(again);
    }

    [Fact]
    public async Task AcquireAsync_StatePathUnderAFile_IsADeliveryRecordError()
    {
        var file = Path.GetTempFileName();

        await Assert.ThrowsAsync<DeliveryRecordException>(() => RunLock.AcquireAsync(Path.Combine(file, "digests.db"), TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_AnotherRunHoldsTheState_SendsNothingAndReportsWhy()
    {
        using var worker = new WorkerFixture(settings: new Dictionary<string, string?> { ["State:RunLockTimeout"] = "00:00:00" });
        using var other = await RunLock.AcquireAsync(worker.StatePath, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        var report = await worker.RunOnceAsync("2017-09-25T09:00:00Z");

        Assert.Empty(report.Digests);
        Assert.Contains("Another run holds the lock", report.AbortReason, StringComparison.Ordinal);
        Assert.Equal(3, report.ExitCode);
        Assert.Empty(worker.PickupFiles());
    }
}

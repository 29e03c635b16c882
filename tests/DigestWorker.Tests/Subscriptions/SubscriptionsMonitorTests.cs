using DigestWorker.Subscriptions;
using DigestWorker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigestWorker.Tests.Subscriptions;

public sealed class SubscriptionsMonitorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("subs-").FullName;

    private string PathOf => Path.Combine(_folder, "subscriptions.json");

    private static string Json(string email) =>
        $$"""{ "topics": [ { "id": "korea", "keywords": [ "Korea*" ] } ], "subscribers": [ { "id": "ana", "email": "{{email}}", "topics": [ "korea" ] } ] }""";

    private SubscriptionsMonitor CreateSut()
    {
        File.WriteAllText(PathOf, Json("ana@example.org"));
        return new SubscriptionsMonitor(PathOf, new SubscriberDefaults(), null, NullLogger<SubscriptionsMonitor>.Instance);
    }

    [Fact]
    public void Reload_ValidSave_TakesEffect()
    {
        using var sut = CreateSut();
        File.WriteAllText(PathOf, Json("ana@example.net"));

        Assert.True(sut.Reload());
        Assert.Equal("ana@example.net", sut.Current.Find("ana")!.Email);
    }

    [Fact]
    public void Reload_InvalidSave_KeepsTheLastValidSubscriptionsAndReportsTheProblem()
    {
        using var sut = CreateSut();
        var before = sut.Current;
        ConfigurationInvalidException? rejected = null;
        sut.Rejected += ex => rejected = ex;
        File.WriteAllText(PathOf, Json("not-an-email"));

        Assert.False(sut.Reload());
        Assert.Same(before, sut.Current);
        Assert.NotNull(rejected);
        Assert.Equal("subscribers[0] (id \"ana\").email", Assert.Single(rejected.Problems).Place);
    }

    [Fact]
    public void Reload_HalfWrittenFile_IsRejected()
    {
        using var sut = CreateSut();
        File.WriteAllText(PathOf, Json("ana@example.net")[..40]);

        Assert.False(sut.Reload());
        Assert.Equal("ana@example.org", sut.Current.Find("ana")!.Email);
    }

    [Fact]
    public async Task Watch_FileSaved_ReloadsWithoutARestart()
    {
        using var sut = CreateSut();
        var changed = new TaskCompletionSource<SubscriptionSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Changed += set => changed.TrySetResult(set);
        sut.Watch(TimeSpan.FromMilliseconds(50));

        await File.WriteAllTextAsync(PathOf, Json("ana@example.com"));
        var set = await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("ana@example.com", set.Find("ana")!.Email);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

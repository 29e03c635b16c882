using DigestWorker.Hosting;
using DigestWorker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DigestWorker.Tests.TestSupport;

/// <summary>
/// The real pipeline in-process: the shipped config, templates and sample document, with the pickup folder and the
/// SQLite delivery record in a temp folder, and a fake clock.
/// </summary>
internal sealed class WorkerFixture : IDisposable
{
    public WorkerFixture(string? subscriptionsJson = null, IDictionary<string, string?>? settings = null, bool service = false)
    {
        Root = Directory.CreateTempSubdirectory("digestworker-test-").FullName;
        var config = Directory.CreateDirectory(Path.Combine(Root, "config")).FullName;
        File.Copy(Path.Combine(RepoPaths.Config, "appsettings.json"), Path.Combine(config, "appsettings.json"));
        File.WriteAllText(Path.Combine(config, "subscriptions.json"), subscriptionsJson ?? File.ReadAllText(Path.Combine(RepoPaths.Config, "subscriptions.json")));
        var overrides = new Dictionary<string, string?>
        {
            ["Sources:Folders:0"] = RepoPaths.Sample,
            ["Rendering:TemplatesPath"] = RepoPaths.Templates,
            ["Delivery:PickupFolder"] = PickupFolder,
            ["State:Path"] = StatePath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        Settings = WorkerSettings.Load(new ConfigFolder(config), overrides);
        Problems = StartupCheck.Run(Settings);
        var builder = WorkerHost.CreateBuilder(Settings, Time);
        if (service)
        {
            DigestService.AddTo(builder.Services, Time);
        }
        Host = builder.Build();
    }

    public string Root { get; }

    public string SubscriptionsPath => Settings.Folder.Subscriptions;

    public string PickupFolder => Path.Combine(Root, "out", "mail");

    public string StatePath => Path.Combine(Root, "state", "digests.db");

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2017-09-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public WorkerSettings Settings { get; }

    public IReadOnlyList<DigestWorker.Subscriptions.ConfigProblem> Problems { get; }

    public IHost Host { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task<RunReport> RunOnceAsync(string asOf)
    {
        await Get<DigestWorker.Delivery.Record.IDeliveryRecord>().InitializeAsync(CancellationToken.None);
        return await Get<DigestRunner>().RunAsync(DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), null, null, CancellationToken.None);
    }

    public string[] PickupFiles() =>
        Directory.Exists(PickupFolder) ? [.. Directory.GetFiles(PickupFolder, "*.eml").Order(StringComparer.Ordinal)] : [];

    public void Dispose()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is left for the OS to clean.
        }
    }
}

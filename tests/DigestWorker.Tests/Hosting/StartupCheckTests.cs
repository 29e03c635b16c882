using DigestWorker.Hosting;
using DigestWorker.Scheduling;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Hosting;

public sealed class StartupCheckTests
{
    [Fact]
    public void Run_ShippedConfig_HasNoProblems()
    {
        using var worker = new WorkerFixture();

        Assert.Empty(worker.Problems);
    }

    [Fact]
    public void Run_MissingSourceFolderAndBadSettings_ReportsEachWithFileAndSetting()
    {
        using var worker = new WorkerFixture(settings: new Dictionary<string, string?>
        {
            ["Sources:Folders:0"] = "/nonexistent/chronologies",
            ["Delivery:Smtp:MaxConnections"] = "0",
            ["Rendering:SubjectMaxLength"] = "5",
        });

        Assert.Contains(worker.Problems, p => p.Place == "Sources:Folders" && p.Message.Contains("/nonexistent/chronologies", StringComparison.Ordinal));
        Assert.Contains(worker.Problems, p => p.Place.StartsWith("Delivery", StringComparison.Ordinal) && p.Message.Contains("MaxConnections", StringComparison.Ordinal));
        Assert.Contains(worker.Problems, p => p.Place == "Rendering:SubjectMaxLength");
        Assert.All(worker.Problems, p => Assert.EndsWith("appsettings.json", p.File, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Defaults:Schedule", "bogus", "invalid Quartz cron \"bogus\"")]
    [InlineData("Defaults:TemplateSet", "nosuch", "unknown template set \"nosuch\"")]
    [InlineData("Defaults:TimeZone", "Mars/Olympus", "unknown time zone \"Mars/Olympus\"")]
    public void Run_BadDefault_OneProblemInAppSettingsNotOnePerSubscriber(string key, string value, string message)
    {
        // A bad default was blamed on every subscriber who did not write the field (or, for the zone, on none).
        using var worker = new WorkerFixture(settings: new Dictionary<string, string?> { [key] = value });

        var problem = Assert.Single(worker.Problems);
        Assert.Equal(key, problem.Place);
        Assert.EndsWith("appsettings.json", problem.File, StringComparison.Ordinal);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PickupFolderThatIsAFile_IsAProblem()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var worker = new WorkerFixture(settings: new Dictionary<string, string?> { ["Delivery:PickupFolder"] = file });

            var problem = Assert.Single(worker.Problems);
            Assert.Equal("Delivery:PickupFolder", problem.Place);
            Assert.Contains("is a file, not a folder", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Run_BrokenTemplate_ReportsFileLineAndColumn()
    {
        var templates = Directory.CreateTempSubdirectory("templates-").FullName;
        CopyDirectory(RepoPaths.Templates, templates);
        File.WriteAllText(Path.Combine(templates, "default", "subject.sbn"), "{{ for x in y }}unclosed");

        using var worker = new WorkerFixture(settings: new Dictionary<string, string?> { ["Rendering:TemplatesPath"] = templates });

        Assert.Contains(worker.Problems, p => p.Message.Contains("subject.sbn:1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_OneSubscribersTemplateFailsAtRenderTime_OthersStillSent()
    {
        var templates = Directory.CreateTempSubdirectory("templates-").FullName;
        CopyDirectory(RepoPaths.Templates, templates);
        CopyDirectory(Path.Combine(RepoPaths.Templates, "default"), Path.Combine(templates, "runaway"));
        File.WriteAllText(Path.Combine(templates, "runaway", "digest.txt.sbn"), "{{ while true }}x{{ end }}");
        var subscriptions = File.ReadAllText(Path.Combine(RepoPaths.Config, "subscriptions.json"))
            .Replace("\"format\": \"text\"", "\"format\": \"text\", \"templateSet\": \"runaway\"", StringComparison.Ordinal);
        using var worker = new WorkerFixture(subscriptions, new Dictionary<string, string?> { ["Rendering:TemplatesPath"] = templates });
        Assert.Empty(worker.Problems);

        var report = await worker.RunOnceAsync("2017-09-25T09:00:00Z");

        var lena = report.Digests.Single(d => d.Subscriber == "lena");
        Assert.Equal(DigestOutcome.Failed, lena.Status);
        Assert.Contains("lena", lena.Error, StringComparison.Ordinal);
        Assert.Contains("digest.txt.sbn", lena.Error, StringComparison.Ordinal);
        Assert.Equal(2, report.Count(DigestOutcome.Sent));
        Assert.Equal(ExitCodes.SomeNotSent, report.ExitCode);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

using DigestWorker.Rendering;
using DigestWorker.Scheduling;
using DigestWorker.Subscriptions;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Rendering;

public sealed class TemplateDryRunTests
{
    private static IReadOnlyList<string> DryRun(WorkerFixture worker)
    {
        var set = worker.Get<SubscriptionsMonitor>().Current;
        return TemplateDryRun.Run(worker.Get<DigestRenderer>(), worker.Get<DigestPlanner>().IndexFor(set), set, worker.Time.GetUtcNow().AddYears(1));
    }

    [Fact]
    public void Run_ShippedTemplates_NoFailure()
    {
        using var worker = new WorkerFixture();

        Assert.Empty(DryRun(worker));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void Run_TemplateAssumingEvents_FailsOnlyWhereAnEmptyDigestWouldBeSent(bool sendEmpty, int failures)
    {
        // A run renders an empty digest only for sendEmpty subscribers: validate refused a subject that works in every run.
        using var sets = new TemplateSets().Copy("default").Write("default", "subject.sbn", "{{ (events | array.first).dates }}");
        var subscriptions = File.ReadAllText(Path.Combine(RepoPaths.Config, "subscriptions.json"));
        if (sendEmpty)
        {
            subscriptions = subscriptions.Replace("\"id\": \"lena\",", "\"id\": \"lena\", \"sendEmpty\": true,", StringComparison.Ordinal);
        }

        using var worker = new WorkerFixture(subscriptions, new Dictionary<string, string?> { ["Rendering:TemplatesPath"] = sets.Root });

        Assert.Equal(failures, DryRun(worker).Count);
    }

    [Theory]
    [InlineData("digest.txt.sbn", "{{ subscriber.nmae }}", "Cannot get member with name nmae")]
    [InlineData("event.txt.sbn", "{{ include '_missing.txt.sbn' }}", "not a template of this set")]
    public void Run_TemplateThatFailsOnlyWhenItRuns_OneFailureNamingTheTemplate(string file, string text, string message)
    {
        // Both pass the syntax check: validate said "valid", and every digest of the run then failed.
        using var sets = new TemplateSets().Copy("default").Write("default", file, text);
        using var worker = new WorkerFixture(settings: new Dictionary<string, string?> { ["Rendering:TemplatesPath"] = sets.Root });
        Assert.Empty(worker.Problems);

        var failure = Assert.Single(DryRun(worker));

        Assert.Contains(Path.Combine(sets.Root, "default", file), failure, StringComparison.Ordinal);
        Assert.Contains(message, failure, StringComparison.Ordinal);
    }
}

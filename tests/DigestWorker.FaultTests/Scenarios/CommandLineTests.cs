using DigestWorker.FaultTests.Support;

namespace DigestWorker.FaultTests.Scenarios;

/// <summary>The command line as the program reads it: instants without an offset, and input it refuses.</summary>
public sealed class CommandLineTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AsOfWithoutOffset_IsUtcWhateverTheHostZone()
    {
        // ana fires Mondays 07:00 in Seoul, Sunday 22:00Z. Read in New York's zone, 21:00 would be 01:00Z on Monday,
        // after that fire, and the next fire listed a week later.
        using var ws = new Workspace(smtpPort: 9);
        ws.Env["TZ"] = "America/New_York";

        var run = await ws.RunAsync(Wait, "schedule", "--count", "1", "--as-of", "2017-09-17T21:00:00");
        output.WriteLine(run.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2017-09-17 22:00:00Z", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ListsWhatARunWouldWarnAboutInTheDocuments_StillValid()
    {
        // validate read no document: it said "valid" while every run warned about a skipped entry.
        using var ws = new Workspace(smtpPort: 9);
        var extra = Path.Combine(ws.Dir, "data", "chronologies", "extra.txt");
        File.WriteAllText(extra, "China - Russia\n\nSep — Dec 2017\n\nChronology of China - Russia Relations\n\nFeb. 30, 2017: No such day.\nSept. 6, 2017: Fine.\n");

        var run = await ws.RunAsync(Wait, "validate");
        output.WriteLine(run.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Documents: 2 read", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("data/chronologies/extra.txt:7: unreadable entry date", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ForAnIdNoSubscriberHas_SaysSoBesideTheEmptyList()
    {
        using var ws = new Workspace(smtpPort: 9);

        var run = await ws.RunAsync(Wait, "history", "--subscriber", "anna");
        output.WriteLine(run.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No digest is recorded for \"anna\", and config/subscriptions.json has no subscriber with that id.", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--as-of and --report apply to run --once only", "run", "--as-of", "2017-09-25T09:00:00Z")]
    [InlineData("\"yesterday\" is not a date and time", "run", "--once", "--as-of", "yesterday")]
    [InlineData("outside the years 1900 to 9990", "preview", "--subscriber", "ana", "--as-of", "0001-01-01T00:00:00Z")]
    [InlineData("--count must be at least 1", "schedule", "--count", "0")]
    [InlineData("abc", "schedule", "--count", "abc")]
    [InlineData("xyz", "events", "--from", "xyz", "--to", "2017-09-01")]
    [InlineData("--from 2017-12-01 is after --to 2017-09-01", "events", "--from", "2017-12-01", "--to", "2017-09-01")]
    public async Task RefusedCommandLine_Exit2_SaysWhy_NothingDone(string message, params string[] args)
    {
        using var ws = new Workspace(smtpPort: 9);

        var run = await ws.RunAsync(Wait, args);
        output.WriteLine(run.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(ws.StatePath));
    }
}

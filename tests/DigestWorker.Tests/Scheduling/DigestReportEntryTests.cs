using DigestWorker.Scheduling;

namespace DigestWorker.Tests.Scheduling;

public sealed class DigestReportEntryTests
{
    // The report entry keeps the id packed (each read makes the text again) and gives back the text it was given,
    // through 'with' and equality too.
    [Fact]
    public void MessageId_KeptPacked_ReadsBackAsGiven()
    {
        const string Id = "digest.0123456789abcdef01234567@example.org";
        var entry = new DigestReportEntry("ada", "ada@example.org", DateTimeOffset.UnixEpoch, default, default, ["e1"], DigestOutcome.Sent, Id, null);

        var failed = entry with { Status = DigestOutcome.Failed, Error = "550" };

        Assert.Equal(Id, entry.MessageId);
        Assert.NotSame(Id, entry.MessageId);
        Assert.Equal(Id, failed.MessageId);
        Assert.Equal(entry, failed with { Status = DigestOutcome.Sent, Error = null });
        Assert.Null((entry with { MessageId = null }).MessageId);
        Assert.Equal("<other@host>", (entry with { MessageId = "<other@host>" }).MessageId);
    }
}

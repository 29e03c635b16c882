using DigestWorker.Rendering;

namespace DigestWorker.Tests.Rendering;

public class SubjectLineTests
{
    [Fact]
    public void Clean_ControlCharactersAndNewlines_GiveOneCollapsedLine()
    {
        Assert.Equal("Korea Bcc: x@example.org ok", SubjectLine.Clean("  Korea\r\nBcc: x@example.org\t\0 \u202Eok\n", 120));
    }

    [Fact]
    public void Clean_TooLong_IsCutWithEllipsis()
    {
        var subject = SubjectLine.Clean(new string('a', 50) + " " + new string('b', 100), 60);

        Assert.Equal(60, subject.Length);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
    }
}

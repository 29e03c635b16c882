using DigestWorker.Hosting.Cli;

namespace DigestWorker.Tests.Hosting.Cli;

public sealed class EventsCommandTests
{
    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("a longer line of text", 10, "a longer …")]
    [InlineData("abcdefgh🙂xyz", 10, "abcdefgh…")]
    [InlineData("abcdefg🙂xyz", 10, "abcdefg🙂…")]
    public void Shorten_CutsWithAnEllipsisNeverInsideASurrogatePair(string text, int max, string expected)
    {
        var shortened = EventsCommand.Shorten(text, max);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= max);
        Assert.True(System.Text.Unicode.Utf8.FromUtf16(shortened, new byte[shortened.Length * 3], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done);
    }
}

using DigestWorker.Rendering;

namespace DigestWorker.Tests.Rendering;

public class TemplateFunctionsTests
{
    [Fact]
    public void Wrap_BreaksBetweenWordsWithinTheWidthIndentIncluded()
    {
        var text = "China and Russia conduct the second phase of the Joint Sea 2017 military exercise near Vladivostok.";

        Assert.Equal(
            "  | China and Russia conduct the second phase of\n  | the Joint Sea 2017 military exercise near\n  | Vladivostok.",
            TemplateFunctions.Wrap(text, 50, "  | "));
    }

    [Fact]
    public void Wrap_RunsOfSpacesAndSpacesAroundWords_CollapseToOneSpace()
    {
        Assert.Equal("one two three", TemplateFunctions.Wrap("  one   two \t three  ", 72));
    }

    [Fact]
    public void Wrap_EachLineOfTheTextIsAParagraphOfItsOwn_WithItsIndent()
    {
        Assert.Equal("> first line\n> second\n> ", TemplateFunctions.Wrap("first line\nsecond\n", 72, "> "));
    }

    [Fact]
    public void Wrap_AWordLongerThanALine_IsKeptWhole()
    {
        var url = "https://example.test/" + new string('x', 60);

        Assert.Equal($"see\n{url}\nend", TemplateFunctions.Wrap($"see {url} end", 30));
    }

    [Fact]
    public void Wrap_NullText_IsEmpty() => Assert.Equal(string.Empty, TemplateFunctions.Wrap(null, 72));
}

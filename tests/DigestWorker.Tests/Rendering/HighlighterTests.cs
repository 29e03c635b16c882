using DigestWorker.Rendering;

namespace DigestWorker.Tests.Rendering;

public class HighlighterTests
{
    [Fact]
    public void Html_MarkupInTextAndTerm_EncodesEverythingAndMarksOnlyTheTerm()
    {
        var html = Highlighter.Html("<script>alert(1)</script> & co test ICBM", ["ICBM", "<script>"]);

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;</mark>alert(1)&lt;/script&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains(">ICBM</mark>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_TermInsideLongerWord_IsNotMarked()
    {
        var html = Highlighter.Html("The USSR and the US", ["US"]);

        Assert.Contains("The USSR and the <mark", html, StringComparison.Ordinal);
        Assert.Single(Highlighter.FindSpans("The USSR and the US", ["US"]));
    }

    [Fact]
    public void FindSpans_OverlappingAndAdjacentTerms_MergeIntoOneSpan()
    {
        var spans = Highlighter.FindSpans("a Joint Sea military exercise b", ["military", "exercise", "Joint Sea military"]);

        Assert.Equal([(2, 29)], spans);
    }
}

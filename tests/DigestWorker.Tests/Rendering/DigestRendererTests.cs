using DigestWorker.Chronology;
using DigestWorker.Rendering;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;

namespace DigestWorker.Tests.Rendering;

public class DigestRendererTests
{
    private static readonly DigestRenderer Renderer = SamplePlans.Renderer();

    [Fact]
    public void Render_Review_HtmlAndTextCarryEveryEventWithDatesAsWritten()
    {
        var plan = SamplePlans.Review();
        var digest = Renderer.Render(plan);

        Assert.NotNull(digest.Html);
        foreach (var dates in new[] { "Sept. 18–26, 2017", "Oct. 31–Nov. 2, 2017", "Nov. 28, 2017", "December 2017" })
        {
            Assert.Contains(dates, digest.Html, StringComparison.Ordinal);
            Assert.Contains(dates, digest.Text, StringComparison.Ordinal);
        }

        Assert.Contains("tested an <mark", digest.Html, StringComparison.Ordinal);
        Assert.Contains("From the analysis", digest.Html, StringComparison.Ordinal);
        Assert.Contains("China - Russia, Sep — Dec 2017, section Korea: crisis without opportunities?", digest.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Both sides again urged <mark", digest.Html, StringComparison.Ordinal);
        Assert.Contains("  | Both sides again urged Pyongyang", digest.Text, StringComparison.Ordinal);
        WriteForScreenshots(digest.Html);
    }

    [Fact]
    public void Render_Review_TextAlternativeCarriesTheSameEventsInTheSameOrder()
    {
        var digest = Renderer.Render(SamplePlans.Review());
        var ordered = SamplePlans.Review().Events.Select(e => e.Event).OrderBy(e => e.Start).ToList();

        var htmlPositions = ordered.Select(e => digest.Html!.IndexOf($"id=\"event-{e.Id}\"", StringComparison.Ordinal)).ToList();
        var textPositions = ordered.Select(e => digest.Text.IndexOf(FirstWords(e.Text), StringComparison.Ordinal)).ToList();

        Assert.All(htmlPositions, p => Assert.True(p >= 0));
        Assert.All(textPositions, p => Assert.True(p >= 0));
        Assert.Equal(htmlPositions.Order(), htmlPositions);
        Assert.Equal(textPositions.Order(), textPositions);
        Assert.Contains("Source: China - Russia, Sep — Dec 2017, section Chronology", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Topics: Korea, Military", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EventWithMarkup_IsEscapedInHtmlAndRawInText()
    {
        var hostile = SamplePlans.Selected(
            SamplePlans.Event("ev-x", new(2017, 12, 8), new(2017, 12, 8), EventKind.Chronology, "<script>alert(1)</script> & co sign a military pact.", "Dec. 8, 2017", "Chronology <b>", 300),
            (SamplePlans.Military, [new MatchedTerm("military", MatchLocation.Text, "military")]));
        var digest = Renderer.Render(SamplePlans.Plan(SamplePlans.Subscriber(name: "<img src=x onerror=alert(2)>"), hostile));

        Assert.DoesNotContain("<script", digest.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", digest.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Dec. 8, 2017", digest.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> & co", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LabelWithNewlines_GivesOneLineSubject()
    {
        var topic = new Topic { Id = "k", Label = "Korea\r\nBcc: victim@example.org", Keywords = ["Korea"] };
        var ev = SamplePlans.Selected(SamplePlans.Vostok().Event, (topic, [new MatchedTerm("Korea", MatchLocation.Text, "Korea")]));
        var digest = Renderer.Render(SamplePlans.Plan(SamplePlans.Subscriber(name: "Anna\r\nX-Evil: 1", topics: [topic]), ev));

        Assert.DoesNotContain('\r', digest.Subject);
        Assert.DoesNotContain('\n', digest.Subject);
        Assert.Equal("1 event: Korea Bcc: victim@example.org 1 · September–December 2017", digest.Subject);
    }

    [Fact]
    public void Render_TextFormat_OmitsHtml()
    {
        var digest = Renderer.Render(SamplePlans.Review(SamplePlans.Subscriber(format: DigestFormat.Text)));

        Assert.Null(digest.Html);
        Assert.Contains("Sept. 18–26, 2017", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoEvents_SaysNoNewEvents()
    {
        var digest = Renderer.Render(SamplePlans.Plan(SamplePlans.Subscriber()));

        Assert.StartsWith("No new events", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("No new events", digest.Html, StringComparison.Ordinal);
        Assert.Contains("No new events", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameEventTwice_ShowsItOnce()
    {
        var digest = Renderer.Render(SamplePlans.Plan(SamplePlans.Subscriber(), SamplePlans.JointSea(), SamplePlans.JointSea()));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(digest.Html!, "id=\"event-ev-jointsea\""));
        Assert.StartsWith("1 event", digest.Subject, StringComparison.Ordinal);
    }

    private static string FirstWords(string text) => string.Join(' ', text.Split(' ').Take(4));

    // Set DIGEST_RENDER_OUT to a folder to get the sample digest for tests/screenshots/render-screenshots.sh.
    private static void WriteForScreenshots(string html)
    {
        var folder = Environment.GetEnvironmentVariable("DIGEST_RENDER_OUT");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "digest.html"), html);
        }
    }
}

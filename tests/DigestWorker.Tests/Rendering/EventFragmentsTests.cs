using DigestWorker.Rendering;
using DigestWorker.Selection;

namespace DigestWorker.Tests.Rendering;

public sealed class EventFragmentsTests
{
    [Fact]
    public void Render_TwoSubscribersSameEvent_SameEventBlock()
    {
        var renderer = SamplePlans.Renderer();
        var jointSea = SamplePlans.JointSea();

        var anna = renderer.Render(SamplePlans.Plan(SamplePlans.Subscriber("Anna Lindqvist"), jointSea));
        var ben = renderer.Render(SamplePlans.Plan(SamplePlans.Subscriber("Ben Okafor"), jointSea));

        Assert.Equal(EventBlock(anna.Html!), EventBlock(ben.Html!));
        Assert.Contains(FirstWords(jointSea.Event.Text), ben.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EventTemplate_SeesOnlyTheEventNeverTheSubscriber()
    {
        // What an event template renders is shared between subscribers, so it must not be able to show one of them.
        using var sets = new TemplateSets();
        sets.Write("default", "event.html.sbn", "<p>[{{ subscriber }}|{{ list }}|{{ period }}|{{ event.dates }}]</p>");
        var jointSea = SamplePlans.JointSea();

        var html = SamplePlans.Renderer(sets.Root).Render(SamplePlans.Plan(SamplePlans.Subscriber("Anna Lindqvist"), jointSea)).Html;

        Assert.Contains("<p>[|||Sept. 18", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DigestTemplateAssigningToASharedEvent_IsRefused()
    {
        // Items are shared between digests: a member added by one subscriber's render would show in the next one's.
        using var sets = new TemplateSets();
        sets.Write("default", "digest.txt.sbn", "{{ for ev in events }}{{ ev.leak = 'x' }}{{ ev.rendered }}{{ end }}");

        var ex = Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root).Render(SamplePlans.Review()));

        Assert.Contains("digest.txt.sbn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BrokenEventTemplate_FailsTheDigestNamingTheEventTemplate()
    {
        using var sets = new TemplateSets();
        sets.Write("default", "event.txt.sbn", "{{ event.text | string.nonexistent_function }}");

        var ex = Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root).Render(SamplePlans.Review()));

        Assert.Contains("event.txt.sbn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetOrAdd_SameEventOtherTopics_IsAnotherEntry()
    {
        var fragments = new EventFragments();
        var set = TemplateSet.Load("default", Path.Combine(SamplePlans.TemplatesRoot, "default"), "templates/default");
        var ev = SamplePlans.JointSea();
        var other = ev with { Topics = [new TopicMatch(SamplePlans.Korea, [])] };
        var made = 0;
        Scriban.Runtime.ScriptObject Make()
        {
            made++;
            return [];
        }

        var a = fragments.GetOrAdd(set, TemplateSet.EventHtmlFile, ev, Make);
        var again = fragments.GetOrAdd(set, TemplateSet.EventHtmlFile, ev with { }, Make);
        fragments.GetOrAdd(set, TemplateSet.EventHtmlFile, other, Make);
        fragments.GetOrAdd(set, TemplateSet.EventTextFile, ev, Make);

        Assert.Same(a, again);
        Assert.Equal(3, made);
        Assert.Equal(3, fragments.Count);
    }

    [Fact]
    public void GetOrAdd_Full_StartsOverInsteadOfGrowing()
    {
        var fragments = new EventFragments(capacity: 2);
        var set = TemplateSet.Load("default", Path.Combine(SamplePlans.TemplatesRoot, "default"), "templates/default");
        foreach (var ev in new[] { SamplePlans.JointSea(), SamplePlans.Vostok(), SamplePlans.NarrativeIcbm(), SamplePlans.WholeMonth() })
        {
            fragments.GetOrAdd(set, TemplateSet.EventHtmlFile, ev, () => []);
            Assert.InRange(fragments.Count, 1, 2);
        }
    }

    private static string EventBlock(string html)
    {
        var start = html.IndexOf("<tr><td class=\"dw-rule\" style=\"padding:18px", StringComparison.Ordinal);
        var end = html.IndexOf("</td></tr>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string FirstWords(string text) => string.Join(' ', text.Split(' ').Take(4));
}

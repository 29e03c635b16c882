using DigestWorker.Chronology;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Subscriptions;

public sealed class TopicMatcherTests
{
    private static readonly DateOnly Day = new(2017, 9, 18);

    private static TopicMatch? Match(string text, string[] keywords, string[]? exclude = null, EventKind kind = EventKind.Chronology, string? section = null, string[]? context = null)
    {
        var topic = new Topic { Id = "t", Label = "T", Keywords = keywords, Exclude = exclude ?? [] };
        return new TopicMatcher(topic).Match(Events.Make(text, Day, kind: kind, section: section, context: context));
    }

    [Theory]
    [InlineData("The navies held a drill.", "drill", "drill")]
    [InlineData("Joint drills were held.", "drill", "drills")]
    [InlineData("Two EXERCISES at sea.", "exercise", "EXERCISES")]
    [InlineData("The Korean Peninsula", "Korea*", "Korean")]
    [InlineData("The two Koreas and Japan", "Korea*", "Koreas")]
    [InlineData("liquefied natural\n  gas plant", "natural gas", "natural\n  gas")]
    [InlineData("中国和朝鲜的关系", "朝鲜", "朝鲜")]
    public void Match_KeywordForms_MatchWithTheTextMatched(string text, string keyword, string matched)
    {
        var match = Match(text, [keyword]);

        Assert.NotNull(match);
        var term = Assert.Single(match.Terms);
        Assert.Equal(keyword, term.Term);
        Assert.Equal(matched, term.Matched);
        Assert.Equal(MatchLocation.Text, term.Where);
    }

    [Fact]
    public void Match_TermsWithAndWithoutWordBoundariesMixed_EachKeepsItsOwnRulesAndName()
    {
        // Bounded terms around an unbounded one (Chinese): the combined pattern groups the bounded ones.
        var match = Match("中国和朝鲜: the DPRK's ICBMs, not XDPRK nor ICBMX; Koreans", ["Korea*", "朝鲜", "DPRK", "ICBM", "中国"]);

        Assert.NotNull(match);
        Assert.Equal(
            ["中国=中国", "朝鲜=朝鲜", "DPRK=DPRK", "ICBM=ICBMs", "Korea*=Koreans"],
            match.Terms.Select(t => $"{t.Term}={t.Matched}"));
    }

    [Fact]
    public void Match_AnEarlierTermFailingTheWordBoundary_GivesWayToALaterOne()
    {
        // "Korea" matches "Korea" first, but the next letter fails its word boundary: "Korean*" is tried next.
        var term = Assert.Single(Match("The Koreans met.", ["Korea", "Korean*"])!.Terms);

        Assert.Equal(("Korean*", "Koreans"), (term.Term, term.Matched));
    }

    [Theory]
    [InlineData("Joint drill in 朝鲜 waters.", false)]
    [InlineData("Joint drill near the parade.", false)]
    [InlineData("Joint drill, no exclusion.", true)]
    [InlineData("Joint drill by paraders.", true)]
    public void Match_ExcludeTermsWithAndWithoutWordBoundaries_EachKeepsItsOwnRule(string text, bool matches)
    {
        Assert.Equal(matches, Match(text, ["drill"], exclude: ["parade", "朝鲜", "rehearsal"]) is not null);
    }

    [Fact]
    public void Match_TwoTermsMatchingAtTheSamePlace_TheFirstListedWins()
    {
        Assert.Equal("missile*", Assert.Single(Match("A missile defense test.", ["missile*", "missile defense"])!.Terms).Term);
        Assert.Equal("missile defense", Assert.Single(Match("A missile defense test.", ["missile defense", "missile*"])!.Terms).Term);
    }

    [Fact]
    public void Match_ManyEventsMatchingTheSameTerm_ShareOneMatchButKeepTheirOwnText()
    {
        var topic = new Topic { Id = "t", Label = "T", Keywords = ["drill", "navy"], Exclude = [] };
        var matcher = new TopicMatcher(topic);

        var first = matcher.Match(Events.Make("The navy held a drill.", Day));
        var second = matcher.Match(Events.Make("Another drill at sea.", Day));
        var third = matcher.Match(Events.Make("Joint drills were held.", Day));
        var both = matcher.Match(Events.Make("A drill by the navy.", Day));

        // Same keyword, place and text: one object for the index to keep, however many events it matches.
        var firstTerms = Assert.IsType<TopicMatch>(first).Terms;
        Assert.Equal(["navy", "drill"], firstTerms.Select(t => t.Matched));
        var single = Assert.IsType<TopicMatch>(second);
        Assert.Same(single, matcher.Match(Events.Make("Yet another drill.", Day)));
        Assert.Equal("drills", Assert.Single(Assert.IsType<TopicMatch>(third).Terms).Matched);
        Assert.NotSame(single, third);
        Assert.Same(firstTerms[1], Assert.Single(single.Terms));
        Assert.Equal(["drill", "navy"], Assert.IsType<TopicMatch>(both).Terms.Select(t => t.Matched));
        Assert.Same(topic, single.Topic);
    }

    [Theory]
    [InlineData("Markets in turmoil.", "oil")]
    [InlineData("A conference in Las Vegas.", "gas")]
    [InlineData("The drilling rig.", "drill")]
    [InlineData("Koreatown is a place.", "Korea")]
    [InlineData("natural resources and gas", "natural gas")]
    public void Match_NotAWholeWord_DoesNotMatch(string text, string keyword)
    {
        Assert.Null(Match(text, [keyword]));
    }

    [Fact]
    public void Match_ExcludeTermPresent_EventIsNotInTopic()
    {
        Assert.Null(Match("A military parade rehearsal in Moscow.", ["military"], ["parade rehearsal"]));
        Assert.NotNull(Match("A military parade in Moscow.", ["military"], ["parade rehearsal"]));
    }

    [Fact]
    public void Match_NarrativeHeading_RemembersHeadingAsPlace()
    {
        var match = Match("On Nov. 28, it successfully tested an ICBM.", ["Korea*"], kind: EventKind.Narrative, section: "Korea: crisis without opportunities?");

        Assert.NotNull(match);
        Assert.Equal(MatchLocation.Heading, Assert.Single(match.Terms).Where);
    }

    [Fact]
    public void Match_ChronologyHeading_IsNotMatched()
    {
        Assert.Null(Match("Leaders meet.", ["Korea*"], section: "Korea heading"));
    }

    [Fact]
    public void Match_AttachedContext_RemembersContextAsPlace()
    {
        var match = Match("Putin inaugurates a plant.", ["LNG"], context: ["The first load of LNG left the Yamal field."]);

        Assert.NotNull(match);
        var term = Assert.Single(match.Terms);
        Assert.Equal(MatchLocation.Context, term.Where);
        Assert.Equal("LNG", term.Matched);
    }

    [Fact]
    public void Match_SeveralKeywords_ListsEachTermThatMatched()
    {
        var match = Match("Joint Sea 2017 military exercise with submarines.", ["military", "exercise", "submarine*", "navy"]);

        Assert.NotNull(match);
        Assert.Equal(["military", "exercise", "submarine*"], match.Terms.Select(t => t.Term));
    }
}

using DigestWorker.Chronology;

namespace DigestWorker.Tests.Chronology;

/// <summary>The acceptance test: the checked-in sample document, read end to end.</summary>
public sealed class ChronologyParserSampleTests
{
    private const string Korea = "Korea: crisis without opportunities?";
    private static readonly ParsedDocument Sample = ChronologyParser.Parse(SampleDocument.RelativePath, SampleDocument.Text());

    private static List<ChronologyEvent> Entries => Sample.Events.Where(e => e.Kind == EventKind.Chronology).ToList();

    private static List<ChronologyEvent> Narrative => Sample.Events.Where(e => e.Kind == EventKind.Narrative).ToList();

    [Fact]
    public void Parse_Sample_ReadsHeader()
    {
        Assert.Equal("China - Russia", Sample.Title);
        Assert.Equal("Sep — Dec 2017", Sample.PeriodText);
        Assert.Equal(new DateOnly(2017, 9, 1), Sample.PeriodStart);
        Assert.Equal(new DateOnly(2017, 12, 31), Sample.PeriodEnd);
        Assert.Empty(Sample.Warnings);
    }

    [Fact]
    public void Parse_Sample_YieldsExactly29Entries()
    {
        Assert.Equal(29, Entries.Count);
        Assert.All(Entries, e => Assert.Equal("Chronology of China - Russia Relations", e.Source.Section));
        Assert.Equal("Sept. 3-5, 2017", Entries[0].DateText);
        Assert.Equal("Presidents Putin and Xi exchange New Year greetings.", Entries[^1].Text);
        Assert.Equal(202, Entries[^1].Source.Line);
    }

    [Theory]
    [InlineData("Sept. 3-5, 2017", "2017-09-03", "2017-09-05")]
    [InlineData("Oct. 31-Nov. 2, 2017", "2017-10-31", "2017-11-02")]
    [InlineData("Dec. 11-16, 2017", "2017-12-11", "2017-12-16")]
    [InlineData("Sept. 6, 2017", "2017-09-06", "2017-09-06")]
    [InlineData("Dec. 2-13, 2017", "2017-12-02", "2017-12-13")]
    public void Parse_SampleEntry_HasExactDates(string dateText, string start, string end)
    {
        var entry = Assert.Single(Entries, e => e.DateText == dateText);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), entry.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), entry.End);
    }

    [Fact]
    public void Parse_Sample_KoreaTestsAreNarrativeEventsUnderKoreaSection()
    {
        var nuclear = Assert.Single(Narrative, e => e.Text == "On Sept. 3, the DPRK tested a thermonuclear device.");
        Assert.Equal(new DateOnly(2017, 9, 3), nuclear.Start);
        Assert.Equal(Korea, nuclear.Source.Section);
        var icbm = Assert.Single(Narrative, e => e.Text.StartsWith("On Nov. 28, it successfully tested an ICBM", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2017, 11, 28), icbm.Start);
        Assert.Equal(Korea, icbm.Source.Section);
    }

    [Fact]
    public void Parse_Sample_S400ReplacementIsDatedDec24()
    {
        var s400 = Assert.Single(Narrative, e => e.Text.Contains("Vladivostok quietly replaced", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2017, 12, 24), s400.Start);
        Assert.Equal(s400.Start, s400.End);
        Assert.Equal("Dec. 24", s400.DateText);
    }

    [Fact]
    public void Parse_Sample_MonthYearIsNeverReadAsADay()
    {
        Assert.DoesNotContain(Sample.Events, e => e.Start == new DateOnly(2017, 12, 20));
        Assert.DoesNotContain(Sample.Events, e => e.Start == new DateOnly(2017, 3, 20));
        Assert.All(Narrative, e => Assert.InRange(e.Start, new DateOnly(2017, 9, 1), new DateOnly(2017, 12, 31)));
    }

    [Fact]
    public void Parse_Sample_BackgroundDatesAreNotEvents()
    {
        Assert.DoesNotContain(Sample.Events, e => e.Text.Contains("Nov. 23, 2016", StringComparison.Ordinal));
        Assert.DoesNotContain(Sample.Events, e => e.Text.Contains("May 9", StringComparison.Ordinal));
        var su35 = Assert.Single(Narrative, e => e.Text.Contains("four on July 3", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2017, 11, 30), su35.Start);
    }

    [Fact]
    public void Parse_Sample_RestatingSentencesBecomeContext()
    {
        var yamal = Assert.Single(Entries, e => e.DateText == "Dec. 8, 2017");
        var context = Assert.Single(yamal.Context);
        Assert.StartsWith("On Dec. 8, Putin inaugurated the first load of liquefied natural gas (LNG)", context, StringComparison.Ordinal);
        Assert.DoesNotContain(Narrative, e => e.Text.StartsWith("On Dec. 8, Putin", StringComparison.Ordinal));

        var brics = Assert.Single(Entries, e => e.DateText == "Sept. 3-5, 2017");
        Assert.StartsWith("The ninth BRICS summit was held Sept. 3 in Xiamen", Assert.Single(brics.Context), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Sample_CountsNarrativeAndContext()
    {
        Assert.Equal(19, Narrative.Count);
        Assert.Equal(8, Entries.Sum(e => e.Context.Count));
    }

    [Fact]
    public void Parse_Sample_RangesInSentencesGiveStartAndEnd()
    {
        var phases = Assert.Single(Narrative, e => e.Text.Contains("land-based maneuvers", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2017, 9, 18), phases.Start);
        Assert.Equal(new DateOnly(2017, 9, 21), phases.End);
    }

    [Fact]
    public void Parse_Sample_KeepsChineseTextAndCurlyQuotes()
    {
        var entry = Assert.Single(Entries, e => e.DateText == "Dec. 7, 2017");
        Assert.Contains("(张又侠)", entry.Text, StringComparison.Ordinal);
        Assert.Contains("CCP’s", entry.Text, StringComparison.Ordinal);
    }
}

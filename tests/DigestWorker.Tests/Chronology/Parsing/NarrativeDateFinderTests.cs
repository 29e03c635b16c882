using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Tests.Chronology.Parsing;

public sealed class NarrativeDateFinderTests
{
    private static readonly DateSpan SepDec2017 = new(new DateOnly(2017, 9, 1), new DateOnly(2017, 12, 31));
    private static readonly DateSpan Sep2017Jan2018 = new(new DateOnly(2017, 9, 1), new DateOnly(2018, 1, 31));

    [Theory]
    [InlineData("On Sept. 3, the DPRK tested a device.", "Sept. 3", "2017-09-03", "2017-09-03")]
    [InlineData("In his speech on Oct 19, Putin warned.", "Oct 19", "2017-10-19", "2017-10-19")]
    [InlineData("The two-day (Sept. 6-7) forum.", "Sept. 6-7", "2017-09-06", "2017-09-07")]
    [InlineData("On Dec. 11\u201315, drills.", "Dec. 11\u201315", "2017-12-11", "2017-12-11")]
    [InlineData("By end of year (Dec. 24), units moved.", "Dec. 24", "2017-12-24", "2017-12-24")]
    [InlineData("From Oct. 31-Nov. 2 he visited.", "Oct. 31-Nov. 2", "2017-10-31", "2017-11-02")]
    [InlineData("four in December 2016, four on July 3, and five on Nov. 30.", "Nov. 30", "2017-11-30", "2017-11-30")]
    [InlineData("Held on Nov. 23, 2016 and again on December 5.", "December 5", "2017-12-05", "2017-12-05")]
    [InlineData("Confirmed on Oct. 2, 2017 by both.", "Oct. 2, 2017", "2017-10-02", "2017-10-02")]
    public void FindFirstInside_DayInPeriod_IsFound(string sentence, string text, string start, string end)
    {
        var found = NarrativeDateFinder.FindFirstInside(sentence, SepDec2017);

        Assert.NotNull(found);
        Assert.Equal(text, found.Value.Text);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), found.Value.Dates.Start);
        if (!text.Contains('\u2013', StringComparison.Ordinal))
        {
            Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), found.Value.Dates.End);
        }
    }

    [Theory]
    [InlineData("The period was Sep — Dec 2017 overall.")]
    [InlineData("In March 2016, China agreed.")]
    [InlineData("Held in Beijing on Nov. 23, 2016 when Shoigu came.")]
    [InlineData("At the main concert on May 9, both listened.")]
    [InlineData("Prices may 5 times rise, in dec. 5 too.")]
    [InlineData("On Feb. 30 nothing happened.")]
    [InlineData("Created in May 2017 in Shanghai.")]
    public void FindFirstInside_NoDayInPeriod_ReturnsNull(string sentence) =>
        Assert.Null(NarrativeDateFinder.FindFirstInside(sentence, SepDec2017));

    [Fact]
    public void FindFirstInside_PeriodSpansYears_PicksYearInsidePeriod()
    {
        var found = NarrativeDateFinder.FindFirstInside("On Jan. 5, talks resumed.", Sep2017Jan2018);

        Assert.Equal(new DateOnly(2018, 1, 5), found?.Dates.Start);
    }
}

using System.Globalization;
using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Tests.Chronology.Parsing;

public sealed class EntryDateParserTests
{
    [Theory]
    [InlineData("Sept. 6, 2017", "2017-09-06", "2017-09-06")]
    [InlineData("Sep 6, 2017", "2017-09-06", "2017-09-06")]
    [InlineData("September 6, 2017", "2017-09-06", "2017-09-06")]
    [InlineData("Oct 9, 2017", "2017-10-09", "2017-10-09")]
    [InlineData("Jan. 2, 2018", "2018-01-02", "2018-01-02")]
    [InlineData("Aug. 31, 2018", "2018-08-31", "2018-08-31")]
    [InlineData("June 1, 2018", "2018-06-01", "2018-06-01")]
    [InlineData("Sept. 18-26, 2017", "2017-09-18", "2017-09-26")]
    [InlineData("Sept. 18\u201326, 2017", "2017-09-18", "2017-09-26")]
    [InlineData("Oct. 31-Nov. 2, 2017", "2017-10-31", "2017-11-02")]
    [InlineData("Oct. 31 \u2013 Nov. 2, 2017", "2017-10-31", "2017-11-02")]
    [InlineData("Dec. 30, 2017-Jan. 2, 2018", "2017-12-30", "2018-01-02")]
    [InlineData("Dec. 30-Jan. 2, 2018", "2017-12-30", "2018-01-02")]
    [InlineData("March 2018", "2018-03-01", "2018-03-31")]
    [InlineData("Feb 2020", "2020-02-01", "2020-02-29")]
    [InlineData("Feb. 29, 2020", "2020-02-29", "2020-02-29")]
    public void TryParse_WrittenForm_GivesStartAndEnd(string prefix, string start, string end)
    {
        var span = EntryDateParser.TryParse(prefix, null, out var error);

        Assert.Null(error);
        Assert.Equal(new DateSpan(Day(start), Day(end)), span);
    }

    [Theory]
    [InlineData("Feb. 30, 2018", "no day 30")]
    [InlineData("Feb. 29, 2018", "no day 29")]
    [InlineData("Foo. 3, 2018", "unknown month")]
    [InlineData("Sept. 26-18, 2017", "ends before it starts")]
    [InlineData("Nov. 2-Oct. 31, 2017", "ends before it starts")]
    [InlineData("Sept. 3, 2017-Sept. 1, 2017", "ends before it starts")]
    [InlineData("Sept. 3, 17", "unreadable")]
    [InlineData("Sept. 3-5-7, 2017", "more than one")]
    [InlineData("Sept. 0, 2017", "no day 0")]
    [InlineData("Sept. 3", "no year")]
    public void TryParse_Malformed_ReturnsError(string prefix, string reason)
    {
        var span = EntryDateParser.TryParse(prefix, null, out var error);

        Assert.Null(span);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoYearButPeriodSpansYears_TakesYearInsidePeriod()
    {
        var period = new DateSpan(Day("2017-09-01"), Day("2018-01-31"));

        Assert.Equal(new DateSpan(Day("2018-01-05"), Day("2018-01-05")), EntryDateParser.TryParse("Jan. 5", period, out _));
        Assert.Equal(new DateSpan(Day("2017-10-05"), Day("2017-10-05")), EntryDateParser.TryParse("Oct. 5", period, out _));
    }

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);
}

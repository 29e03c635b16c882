using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Tests.Chronology.Parsing;

public sealed class PeriodParserTests
{
    [Theory]
    [InlineData("Sep — Dec 2017", 2017, 9, 2017, 12)]
    [InlineData("September — December 2017", 2017, 9, 2017, 12)]
    [InlineData("Sep \u2013 Dec 2017", 2017, 9, 2017, 12)]
    [InlineData("Sep - Dec 2017", 2017, 9, 2017, 12)]
    [InlineData("Sep 2017 — Jan 2018", 2017, 9, 2018, 1)]
    [InlineData("Sept. 2017 - January 2018", 2017, 9, 2018, 1)]
    [InlineData("Nov — Feb 2018", 2017, 11, 2018, 2)]
    [InlineData("  January-April 2016  ", 2016, 1, 2016, 4)]
    [InlineData("Dec 2017", 2017, 12, 2017, 12)]
    public void TryParse_PeriodForm_CoversWholeMonths(string line, int startYear, int startMonth, int endYear, int endMonth)
    {
        var period = PeriodParser.TryParse(line);

        Assert.NotNull(period);
        Assert.Equal(new DateOnly(startYear, startMonth, 1), period.Value.Start);
        Assert.Equal(new DateOnly(endYear, endMonth, DateTime.DaysInMonth(endYear, endMonth)), period.Value.End);
    }

    [Theory]
    [InlineData("China - Russia")]
    [InlineData("Download Article as PDF")]
    [InlineData("Sep — Dec")]
    [InlineData("Sept. 3, 2017 - Dec. 4, 2017")]
    [InlineData("Dec 2017 - Sep 2017")]
    [InlineData("")]
    public void TryParse_NotAPeriod_ReturnsNull(string line) => Assert.Null(PeriodParser.TryParse(line));
}

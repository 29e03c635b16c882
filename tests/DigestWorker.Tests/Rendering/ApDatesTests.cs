using DigestWorker.Rendering;

namespace DigestWorker.Tests.Rendering;

public class ApDatesTests
{
    [Theory]
    [InlineData("2017-09-18", "2017-09-26", "Sept. 18–26, 2017")]
    [InlineData("2017-10-31", "2017-11-02", "Oct. 31–Nov. 2, 2017")]
    [InlineData("2017-12-30", "2018-01-02", "Dec. 30, 2017–Jan. 2, 2018")]
    [InlineData("2017-12-08", "2017-12-08", "Dec. 8, 2017")]
    [InlineData("2018-03-01", "2018-03-31", "March 2018")]
    [InlineData("2017-09-01", "2017-12-31", "September–December 2017")]
    [InlineData("2017-12-01", "2018-01-31", "December 2017–January 2018")]
    [InlineData("2017-09-04", "2017-09-10", "Sept. 4–10, 2017")]
    [InlineData("2017-06-05", "2017-07-03", "June 5–July 3, 2017")]
    public void Range_AsPeopleWriteIt_UsesApStyleWithEnDash(string start, string end, string expected) =>
        Assert.Equal(expected, ApDates.Range(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
}

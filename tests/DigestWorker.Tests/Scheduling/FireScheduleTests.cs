using DigestWorker.Scheduling;
using DigestWorker.Selection;

namespace DigestWorker.Tests.Scheduling;

public sealed class FireScheduleTests
{
    private static FireSchedule Weekly(string zone) => FireSchedule.For("0 0 7 ? * MON", TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Fact]
    public void LatestAtOrBefore_SeoulMonday_IsSundayUtc()
    {
        var fire = Weekly("Asia/Seoul").LatestAtOrBefore(DateTimeOffset.Parse("2017-12-04T00:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2017-12-03T22:00:00Z"), fire);
    }

    [Fact]
    public void LatestAtOrBefore_ExactlyAtFireTime_IsThatFireTime()
    {
        var at = DateTimeOffset.Parse("2017-09-11T07:00:00Z");

        Assert.Equal(at, Weekly("UTC").LatestAtOrBefore(at));
        Assert.Equal(at.AddDays(-7), Weekly("UTC").LatestAtOrBefore(at.AddTicks(-1)));
    }

    [Fact]
    public void LatestAtOrBefore_FireInTheHourRepeatedWhenClocksGoBack_IsItsFirstOccurrenceFromEveryInstant()
    {
        // New York leaves summer time on 2017-11-05: 01:30 local is 05:30Z (EDT), then again 06:30Z (EST). One fire, not
        // two: asked from every quarter hour of the week after, the answer was once 05:30Z, once 06:30Z, alternating.
        var schedule = FireSchedule.For("0 30 1 ? * SUN", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var first = DateTimeOffset.Parse("2017-11-05T05:30:00Z");

        for (var asOf = first; asOf < first.AddDays(7); asOf = asOf.AddMinutes(15))
        {
            Assert.Equal(first, schedule.LatestAtOrBefore(asOf));
        }

        Assert.Equal(first.AddDays(7).AddHours(1), schedule.NextAfter(DateTimeOffset.Parse("2017-11-05T06:00:00Z")));
        Assert.Equal(new DigestPeriod(new DateOnly(2017, 11, 12), new DateOnly(2017, 11, 19)), schedule.PeriodFor(first.AddDays(14).AddHours(1)));
    }

    [Fact]
    public void PeriodFor_WeeklyMonday_CoversPreviousMondayToSunday()
    {
        var period = Weekly("UTC").PeriodFor(DateTimeOffset.Parse("2017-09-11T07:00:00Z"));

        Assert.Equal(new DigestPeriod(new DateOnly(2017, 9, 4), new DateOnly(2017, 9, 11)), period);
        Assert.Equal(new DateOnly(2017, 9, 10), period.LastDay);
    }

    [Fact]
    public void LatestAtOrBefore_AcrossDaylightSavingEnd_KeepsLocalSeven()
    {
        // Berlin leaves summer time on 2017-10-29: 07:00 local is 05:00Z before and 06:00Z after.
        var berlin = Weekly("Europe/Berlin");

        Assert.Equal(DateTimeOffset.Parse("2017-10-23T05:00:00Z"), berlin.LatestAtOrBefore(DateTimeOffset.Parse("2017-10-29T12:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2017-10-30T06:00:00Z"), berlin.LatestAtOrBefore(DateTimeOffset.Parse("2017-10-30T12:00:00Z")));
        Assert.Equal(new DigestPeriod(new DateOnly(2017, 10, 23), new DateOnly(2017, 10, 30)), berlin.PeriodFor(DateTimeOffset.Parse("2017-10-30T06:00:00Z")));
    }

    [Fact]
    public void LatestAtOrBefore_NewYorkSpringForward_FiresAtLocalTime()
    {
        // New York springs forward on 2018-03-11: 17:00 local on Friday 2018-03-09 is 22:00Z, on 2018-03-16 it is 21:00Z.
        var friday = FireSchedule.For("0 0 17 ? * FRI", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        Assert.Equal(DateTimeOffset.Parse("2018-03-09T22:00:00Z"), friday.LatestAtOrBefore(DateTimeOffset.Parse("2018-03-16T20:59:59Z")));
        Assert.Equal(DateTimeOffset.Parse("2018-03-16T21:00:00Z"), friday.LatestAtOrBefore(DateTimeOffset.Parse("2018-03-16T21:00:00Z")));
    }

    [Fact]
    public void LatestAtOrBefore_DenseCron_FindsTheLastSecond()
    {
        var everyFiveSeconds = FireSchedule.For("0/5 * * * * ?", TimeZoneInfo.Utc);

        Assert.Equal(DateTimeOffset.Parse("2017-09-11T07:00:05Z"), everyFiveSeconds.LatestAtOrBefore(DateTimeOffset.Parse("2017-09-11T07:00:09.9Z")));
    }

    [Fact]
    public void LatestAtOrBefore_YearlyCron_LooksBackFarEnough()
    {
        var yearly = FireSchedule.For("0 0 0 1 1 ?", TimeZoneInfo.Utc);

        Assert.Equal(DateTimeOffset.Parse("2017-01-01T00:00:00Z"), yearly.LatestAtOrBefore(DateTimeOffset.Parse("2017-12-31T00:00:00Z")));
    }

    [Fact]
    public void LatestAtOrBefore_NoFireYet_IsNull()
    {
        var once = FireSchedule.For("0 0 0 1 1 ? 2030", TimeZoneInfo.Utc);

        Assert.Null(once.LatestAtOrBefore(DateTimeOffset.Parse("2017-12-31T00:00:00Z")));
    }
}

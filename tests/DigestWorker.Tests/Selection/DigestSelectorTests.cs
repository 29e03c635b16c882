using DigestWorker.Chronology;
using DigestWorker.Scheduling;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Selection;

public sealed class DigestSelectorTests
{
    private static readonly EventCatalog Sample = ChronologyLoader.Load([RepoPaths.Sample]);
    private static readonly SubscriptionSet Shipped = SubscriptionsLoader.Load(Path.Combine(RepoPaths.Config, "subscriptions.json"), new SubscriberDefaults());
    private static readonly TopicIndex Index = new(Sample, Shipped.Topics);

    private static Subscriber Korea(string zone = "Asia/Seoul", DateOnly? since = null) => new()
    {
        Id = "k",
        Email = "k@example.org",
        Topics = [Shipped.TopicsById["korea"]],
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone),
        Schedule = "0 0 7 ? * MON",
        Since = since,
    };

    private static DigestPlan Plan(Subscriber s, string asOf, IReadOnlySet<string>? sent = null, DateOnly? start = null)
    {
        var schedule = FireSchedule.For(s.Schedule, s.TimeZone);
        var fire = schedule.LatestAtOrBefore(DateTimeOffset.Parse(asOf))!.Value;
        var period = schedule.PeriodFor(fire);
        return DigestSelector.Select(Index, s, fire, period, start ?? s.Since ?? period.Start, sent ?? new HashSet<string>());
    }

    [Fact]
    public void Select_KoreaInSeoulAtDec4_GetsTheIcbmTestOfNov28()
    {
        var plan = Plan(Korea(), "2017-12-04T00:00:00Z");

        Assert.Equal(DateTimeOffset.Parse("2017-12-03T22:00:00Z"), plan.FireTime);
        Assert.Equal(new DigestPeriod(new DateOnly(2017, 11, 27), new DateOnly(2017, 12, 4)), plan.Period);
        var icbm = Assert.Single(plan.Events, e => e.Event.Text.Contains("successfully tested an ICBM", StringComparison.Ordinal) && e.Event.Start == new DateOnly(2017, 11, 28) && e.Event.Kind == EventKind.Narrative);
        Assert.Contains(icbm.Topics.Single().Terms, t => t.Term == "ICBM" && t.Where == MatchLocation.Text);
        Assert.Contains(icbm.Topics.Single().Terms, t => t.Where == MatchLocation.Heading);
    }

    [Fact]
    public void Select_SubscriberSinceTheFirstDayThere_GetsEverythingWithoutRunningOffTheCalendar()
    {
        // The look-back for long events (the longest event's days before the start) used to go below 0001-01-01 and
        // throw, stopping every builder of the run.
        var plan = Plan(Korea(since: DateOnly.MinValue), "2017-12-04T00:00:00Z");

        Assert.Contains(plan.Events, e => e.Event.Start == new DateOnly(2017, 11, 28));
        Assert.Contains(plan.Events, e => e.Event.Start < new DateOnly(2017, 11, 1));
    }

    [Fact]
    public void Plan_StartRecordedInsideAWiderPeriod_IsKept()
    {
        // Weekly, then monthly: the first monthly period (Nov. 1 - Dec. 1) reaches back before the start recorded on
        // Nov. 13; events before it are not theirs.
        var monthly = new Subscriber
        {
            Id = "k",
            Email = "k@example.org",
            Topics = [Shipped.TopicsById["korea"]],
            TimeZone = TimeZoneInfo.Utc,
            Schedule = "0 0 7 1 * ?",
        };
        var fire = DateTimeOffset.Parse("2017-12-01T07:00:00Z");

        var plan = DigestPlanner.Plan(Index, monthly, fire, new DateOnly(2017, 11, 13), new HashSet<string>());

        Assert.Equal(new DateOnly(2017, 11, 1), plan.Period.Start);
        Assert.NotEmpty(plan.Events);
        Assert.All(plan.Events, e => Assert.True(e.Event.End >= new DateOnly(2017, 11, 13)));
    }

    [Fact]
    public void Select_SubscriberStartAfterNov28_DoesNotGetTheIcbmTest()
    {
        var plan = Plan(Korea(since: new DateOnly(2017, 11, 29)), "2017-12-04T00:00:00Z");

        Assert.DoesNotContain(plan.Events, e => e.Event.Start == new DateOnly(2017, 11, 28));
    }

    [Fact]
    public void Select_LateEventBeforeThePeriod_IncludedOnceAndNeverAgainOnceSent()
    {
        var subscriber = Korea(since: new DateOnly(2017, 9, 1));
        var sept3 = Sample.Events.Single(e => e.Kind == EventKind.Narrative && e.Start == new DateOnly(2017, 9, 3) && e.Text.Contains("DPRK", StringComparison.Ordinal));

        var first = Plan(subscriber, "2017-12-04T00:00:00Z");
        var sent = first.Events.Select(e => e.Event.Id).ToHashSet();
        var second = Plan(subscriber, "2017-12-11T00:00:00Z", sent);

        Assert.True(sept3.End < first.Period.Start);
        Assert.Single(first.Events, e => e.Event.Id == sept3.Id);
        Assert.DoesNotContain(second.Events, e => e.Event.Id == sept3.Id);
        Assert.DoesNotContain(second.Events, e => sent.Contains(e.Event.Id));
    }

    [Fact]
    public void Select_EventInTwoTopics_AppearsOnceWithBothLabels()
    {
        var both = new Subscriber
        {
            Id = "b",
            Email = "b@example.org",
            Topics = [Shipped.TopicsById["korea"], Shipped.TopicsById["military"]],
            TimeZone = TimeZoneInfo.Utc,
            Schedule = "0 0 7 ? * MON",
            Since = new DateOnly(2017, 9, 1),
        };

        var plan = Plan(both, "2018-01-01T09:00:00Z");

        Assert.Equal(plan.Events.Count, plan.Events.Select(e => e.Event.Id).Distinct().Count());
        Assert.Contains(plan.Events, e => e.Topics.Select(t => t.Topic.Id).Order().SequenceEqual(["korea", "military"]));
        Assert.Equal(plan.Events.OrderBy(e => e.Event.Start).ThenBy(e => e.Event.End).Select(e => e.Event.Id), plan.Events.Select(e => e.Event.Id));
    }

    [Fact]
    public void Select_EventSpanningWeeks_SentInTheFirstDigestOnly()
    {
        var subscriber = new Subscriber { Id = "m", Email = "m@example.org", Topics = [Shipped.TopicsById["military"]], TimeZone = TimeZoneInfo.Utc, Schedule = "0 0 7 ? * MON", Since = new DateOnly(2017, 9, 1) };
        var joint = Sample.Events.Single(e => e.Kind == EventKind.Chronology && e.Start == new DateOnly(2017, 9, 18) && e.End == new DateOnly(2017, 9, 26));

        var week1 = Plan(subscriber, "2017-09-25T09:00:00Z");
        var week2 = Plan(subscriber, "2017-10-02T09:00:00Z", week1.Events.Select(e => e.Event.Id).ToHashSet());

        Assert.Contains(week1.Events, e => e.Event.Id == joint.Id);
        Assert.DoesNotContain(week2.Events, e => e.Event.Id == joint.Id);
    }

    [Fact]
    public void Select_Relationships_OnlyEventsFromThoseDocuments()
    {
        var other = new Subscriber { Id = "o", Email = "o@example.org", Topics = [Shipped.TopicsById["military"]], TimeZone = TimeZoneInfo.Utc, Schedule = "0 0 7 ? * MON", Since = new DateOnly(2017, 9, 1), Relationships = ["China - India"] };

        Assert.Empty(Plan(other, "2018-01-01T09:00:00Z").Events);
    }

    [Theory]
    [InlineData("ana")]
    [InlineData("max")]
    [InlineData("lena")]
    public void Select_ShippedSubscriber_HasANonEmptyDigestInSomeWeekOfTheSample(string id)
    {
        var s = Shipped.Find(id)!;
        var weeks = Enumerable.Range(0, 18).Select(i => new DateTimeOffset(2017, 9, 4, 12, 0, 0, TimeSpan.Zero).AddDays(7 * i));

        Assert.Contains(weeks, w => Plan(s, w.ToString("o")).Events.Count > 0);
    }
}

using DigestWorker.Rendering;

namespace DigestWorker.Tests.Rendering;

public class TopicCountsTests
{
    [Fact]
    public void Summary_SeveralTopics_ListsCountsInSubscriberOrder()
    {
        var plan = SamplePlans.Review(SamplePlans.Subscriber(topics: [SamplePlans.Korea, SamplePlans.Military]));
        var counts = TopicCounts.Count(plan, plan.Events);

        Assert.Equal("4 events: Korea 2, Military 3", TopicCounts.Summary(plan.Events.Count, counts));
    }

    [Fact]
    public void Summary_OneEvent_IsSingular() =>
        Assert.Equal("1 event: Korea 1", TopicCounts.Summary(1, [("Korea", 1)]));

    [Fact]
    public void Summary_NoEvents_SaysNoNewEvents() =>
        Assert.Equal("No new events", TopicCounts.Summary(0, []));
}

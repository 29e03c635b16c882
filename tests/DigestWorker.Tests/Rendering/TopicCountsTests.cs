using DigestWorker.Rendering;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;

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
    public void Count_EachEventOncePerTopic_SubscriberTopicsFirstThenOthersAsMet_EmptyTopicsLeftOut()
    {
        var energy = new Topic { Id = "energy", Label = "Energy", Keywords = ["gas"] };
        var trade = new Topic { Id = "trade", Label = "Trade", Keywords = ["trade"] };
        var unused = new Topic { Id = "arctic", Label = "Arctic", Keywords = ["Arctic"] };
        var plan = SamplePlans.Review(SamplePlans.Subscriber(topics: [SamplePlans.Military, unused, SamplePlans.Korea]));
        var sample = plan.Events.Select(e => e.Event).Take(4).ToList();

        // Met in the order Trade, Korea, Energy, Military: the subscriber's own topics still lead, in their order.
        var events = new List<SelectedEvent>
        {
            new(sample[0], [Match(trade), Match(SamplePlans.Korea), Match(SamplePlans.Korea)]),
            new(sample[1], [Match(energy)]),
            new(sample[2], [Match(SamplePlans.Korea), Match(energy)]),
            new(sample[3], [Match(SamplePlans.Military)]),
        };

        var counts = TopicCounts.Count(plan, events);

        Assert.Equal([("Military", 1), ("Korea", 2), ("Trade", 1), ("Energy", 2)], counts);
    }

    [Fact]
    public void Summary_OneEvent_IsSingular() =>
        Assert.Equal("1 event: Korea 1", TopicCounts.Summary(1, [("Korea", 1)]));

    [Fact]
    public void Summary_NoEvents_SaysNoNewEvents() =>
        Assert.Equal("No new events", TopicCounts.Summary(0, []));

    private static TopicMatch Match(Topic topic) => new(topic, []);
}

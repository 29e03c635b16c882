using System.Globalization;
using DigestWorker.Selection;

namespace DigestWorker.Rendering;

/// <summary>How many digest events fall in each topic, and the one-line summary built from that.</summary>
internal static class TopicCounts
{
    /// <summary>Topics with at least one event, in the subscriber's topic order (then any others in order met).</summary>
    /// <remarks>Plain loops over short lists (a subscriber's topics, an event's few matches): the LINQ form allocated an
    /// iterator and a hash set per event.</remarks>
    public static IReadOnlyList<(string Label, int Count)> Count(DigestPlan plan, IReadOnlyList<SelectedEvent> events)
    {
        var tally = new List<(string Id, string Label, int Count)>(plan.Subscriber.Topics.Count);
        foreach (var topic in plan.Subscriber.Topics)
        {
            tally.Add((topic.Id, topic.Label, 0));
        }

        foreach (var selected in events)
        {
            var matches = selected.Topics;
            for (var m = 0; m < matches.Count; m++)
            {
                var topic = matches[m].Topic;
                if (MatchedBefore(matches, m, topic.Id))
                {
                    continue; // an event counts once per topic
                }

                var at = IndexOf(tally, topic.Id);
                if (at < 0)
                {
                    tally.Add((topic.Id, topic.Label, 1));
                }
                else
                {
                    tally[at] = tally[at] with { Count = tally[at].Count + 1 };
                }
            }
        }

        var result = new List<(string Label, int Count)>(tally.Count);
        foreach (var (_, label, count) in tally)
        {
            if (count > 0)
            {
                result.Add((label, count));
            }
        }

        return result;
    }

    private static int IndexOf(List<(string Id, string Label, int Count)> tally, string id)
    {
        for (var i = 0; i < tally.Count; i++)
        {
            if (string.Equals(tally[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool MatchedBefore(IReadOnlyList<TopicMatch> matches, int index, string id)
    {
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(matches[i].Topic.Id, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"6 events: Korea 4, Military 3", "1 event: Korea 1", or "No new events".</summary>
    public static string Summary(int eventCount, IReadOnlyList<(string Label, int Count)> counts)
    {
        if (eventCount == 0)
        {
            return "No new events";
        }

        var head = string.Create(CultureInfo.InvariantCulture, $"{eventCount} {(eventCount == 1 ? "event" : "events")}");
        return counts.Count == 0
            ? head
            : head + ": " + string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} {c.Count}")));
    }
}

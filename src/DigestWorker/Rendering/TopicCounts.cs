using System.Globalization;
using DigestWorker.Selection;

namespace DigestWorker.Rendering;

/// <summary>How many digest events fall in each topic, and the one-line summary built from that.</summary>
internal static class TopicCounts
{
    /// <summary>Topics with at least one event, in the subscriber's topic order (then any others in order met).</summary>
    /// <remarks>
    /// Plain loops over short lists (a subscriber's topics, an event's few matches): built twice per digest (text and
    /// HTML models), the LINQ form allocated an iterator and a hash set per event.
    /// </remarks>
    public static IReadOnlyList<(string Label, int Count)> Count(DigestPlan plan, IReadOnlyList<SelectedEvent> events)
    {
        var topics = plan.Subscriber.Topics;
        var ids = new List<string>(topics.Count);
        var labels = new List<string>(topics.Count);
        foreach (var topic in topics)
        {
            ids.Add(topic.Id);
            labels.Add(topic.Label);
        }

        var counts = new int[ids.Count];
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

                var at = ids.IndexOf(topic.Id);
                if (at < 0)
                {
                    at = ids.Count;
                    ids.Add(topic.Id);
                    labels.Add(topic.Label);
                    if (at == counts.Length)
                    {
                        Array.Resize(ref counts, Math.Max(4, counts.Length * 2));
                    }
                }

                counts[at]++;
            }
        }

        var result = new List<(string Label, int Count)>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (counts[i] > 0)
            {
                result.Add((labels[i], counts[i]));
            }
        }

        return result;
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

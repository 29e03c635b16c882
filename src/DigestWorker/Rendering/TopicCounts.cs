using System.Globalization;
using DigestWorker.Selection;

namespace DigestWorker.Rendering;

/// <summary>How many digest events fall in each topic, and the one-line summary built from that.</summary>
internal static class TopicCounts
{
    /// <summary>Topics with at least one event, in the subscriber's topic order (then any others in order met).</summary>
    public static IReadOnlyList<(string Label, int Count)> Count(DigestPlan plan, IReadOnlyList<SelectedEvent> events)
    {
        var order = plan.Subscriber.Topics.Select(t => t.Id).ToList();
        var labels = plan.Subscriber.Topics.ToDictionary(t => t.Id, t => t.Label, StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in events.SelectMany(e => e.Topics.Select(m => m.Topic).DistinctBy(t => t.Id)))
        {
            if (!labels.ContainsKey(topic.Id))
            {
                labels[topic.Id] = topic.Label;
                order.Add(topic.Id);
            }

            counts[topic.Id] = counts.GetValueOrDefault(topic.Id) + 1;
        }

        return [.. order.Where(counts.ContainsKey).Select(id => (labels[id], counts[id]))];
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

using DigestWorker.Subscriptions;

namespace DigestWorker.Scheduling;

/// <summary>
/// The order a run builds digests in: subscribers who follow the same relationships and topics with the same
/// templates next to each other, so their digests share events while those events' rendered fragments are still
/// cached (see <c>Rendering.EventFragments</c>). The report keeps the subscribers' own order regardless.
/// </summary>
internal static class BuildOrder
{
    /// <summary>Indexes into <paramref name="subscribers"/>, in build order; stable for equal keys.</summary>
    public static int[] For(IReadOnlyList<Subscriber> subscribers)
    {
        var keys = new string[subscribers.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var s = subscribers[i];
            keys[i] = string.Join('\u001f', s.Relationships.Order(StringComparer.OrdinalIgnoreCase)) + '\u001e'
                + string.Join('\u001f', s.Topics.Select(t => t.Id)) + '\u001e' + s.TemplateSet + '\u001e' + s.Format;
        }

        var order = Enumerable.Range(0, keys.Length).ToArray();
        return [.. order.OrderBy(i => keys[i], StringComparer.Ordinal)];
    }
}

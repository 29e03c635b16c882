namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Folds events with the same id (same kind, dates and normalised wording) into one, keeping every source
/// ordered by file path then line, and every distinct context sentence.
/// </summary>
internal static class EventMerger
{
    public static List<ChronologyEvent> Merge(IEnumerable<ChronologyEvent> events)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, List<ChronologyEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!groups.TryGetValue(e.Id, out var group))
            {
                groups[e.Id] = group = [];
                order.Add(e.Id);
            }

            group.Add(e);
        }

        return order.ConvertAll(id => Combine(groups[id]));
    }

    private static ChronologyEvent Combine(List<ChronologyEvent> group)
    {
        if (group.Count == 1)
        {
            return group[0];
        }

        var sources = group.SelectMany(e => e.Sources)
            .Distinct()
            .OrderBy(s => s.File, StringComparer.Ordinal)
            .ThenBy(s => s.Line)
            .ToList();
        var primary = group.First(e => e.Sources.Contains(sources[0]));
        return new ChronologyEvent
        {
            Id = primary.Id,
            Start = primary.Start,
            End = primary.End,
            Kind = primary.Kind,
            Text = primary.Text,
            DateText = primary.DateText,
            Sources = sources,
            Context = group.SelectMany(e => e.Context).Distinct(StringComparer.Ordinal).ToList(),
        };
    }
}

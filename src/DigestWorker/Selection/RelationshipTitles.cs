using DigestWorker.Chronology;
using DigestWorker.Subscriptions;

namespace DigestWorker.Selection;

/// <summary>
/// Relationships subscribers follow that no document read has as its title (a misspelt "China - Rusia"): such a
/// subscriber silently gets nothing from it. Documents come and go at run time, so this is a warning, not a
/// configuration error: one per title, naming who follows it.
/// </summary>
public static class RelationshipTitles
{
    private const int NamesShown = 5;

    public static IReadOnlyList<string> Unmatched(IEnumerable<Subscriber> subscribers, EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        ArgumentNullException.ThrowIfNull(catalog);
        var titles = catalog.Events.SelectMany(e => e.Sources).Select(s => s.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = titles.Count == 0 ? "none" : string.Join("; ", titles.Order(StringComparer.Ordinal).Take(NamesShown)) + (titles.Count > NamesShown ? "; …" : string.Empty);
        return [.. subscribers
            .SelectMany(s => s.Relationships.Distinct(StringComparer.OrdinalIgnoreCase).Select(r => (Relationship: r, s.Id)))
            .Where(x => !titles.Contains(x.Relationship))
            .GroupBy(x => x.Relationship, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var ids = g.Select(x => x.Id).ToList();
                var who = string.Join(", ", ids.Take(NamesShown)) + (ids.Count > NamesShown ? $" and {ids.Count - NamesShown} more" : string.Empty);
                return $"relationship \"{g.Key}\" (followed by {who}) is the title of no document read (titles: {known}); those subscribers get nothing from it";
            })];
    }
}

namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Turns raw entries and narrative sentences into events: a sentence that restates an entry becomes that
/// entry's context instead of a second event.
/// </summary>
internal static class EventAssembler
{
    public static List<ChronologyEvent> Assemble(
        DocumentContext document, IReadOnlyList<RawEntry> entries, string chronologySection, IReadOnlyList<NarrativeSentence> narrative, TextPool pool)
    {
        var matcher = new ContextMatcher(entries);
        var contexts = new List<string>?[entries.Count];
        var events = new List<ChronologyEvent>(entries.Count + narrative.Count);
        var narrativeEvents = new List<ChronologyEvent>();
        foreach (var sentence in narrative)
        {
            var restated = matcher.FindRestated(sentence.Date.Dates.Start, sentence.Text);
            if (restated >= 0)
            {
                (contexts[restated] ??= []).Add(sentence.Text);
                continue;
            }

            narrativeEvents.Add(Create(
                EventKind.Narrative, sentence.Date.Dates, sentence.Text, pool.Share(sentence.Date.Text), document.SourceAt(sentence.Line, sentence.Section), []));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            events.Add(Create(
                EventKind.Chronology, entry.Dates, entry.Text, pool.Share(entry.DateText), document.SourceAt(entry.Line, chronologySection), Context(contexts[i])));
        }

        events.AddRange(narrativeEvents);
        return EventMerger.Merge(events);
    }

    // No restating sentence: the shared empty list, not an empty List of its own (32 bytes for each of 100,000 events).
    private static IReadOnlyList<string> Context(List<string>? sentences) => sentences is null ? Array.Empty<string>() : sentences;

    private static ChronologyEvent Create(
        EventKind kind, DateSpan dates, string text, string dateText, EventSource source, IReadOnlyList<string> context) => new()
        {
            Id = EventId.Compute(kind, dates.Start, dates.End, text),
            Start = dates.Start,
            End = dates.End,
            Kind = kind,
            Text = text,
            DateText = dateText,
            Sources = [source],
            Context = context,
        };
}

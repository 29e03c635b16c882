using DigestWorker.Chronology;
using DigestWorker.Selection;
using Scriban.Runtime;
using static DigestWorker.Rendering.DigestModel;

namespace DigestWorker.Rendering;

/// <summary>
/// What the event templates see (<c>event</c>: the whole event, for <c>event.html.sbn</c> / <c>event.txt.sbn</c>),
/// and the item each event is in the digest templates' <c>events</c> (its rendered fragment and a few fields).
/// Both depend only on the event and the topics it matched, never on the subscriber, so they can be shared.
/// </summary>
internal static class EventModel
{
    /// <summary>The model of an event template: the global <c>event</c>.</summary>
    public static ScriptObject Globals(SelectedEvent selected, bool html) => Obj(("event", Full(selected, html, Encoder(html))));

    /// <summary>
    /// An event in the digest templates' <c>events</c>: <c>rendered</c> (the event template's output) and the fields a
    /// digest template may want around it. Read-only, since one item is shared by every digest showing this event.
    /// </summary>
    public static ScriptObject Item(SelectedEvent selected, bool html, string rendered)
    {
        var item = Obj([.. Common(selected, Encoder(html)), ("rendered", rendered)]);

        // No member can be added either (an assignment to ev.something would otherwise reach other digests).
        item.IsReadOnly = true;
        return item;
    }

    // The members an event has both in the event templates and as a digest template's item.
    private static (string Name, object? Value)[] Common(SelectedEvent selected, Func<string?, string> enc)
    {
        var ev = selected.Event;
        return
        [
            ("id", enc(ev.Id)),
            ("dates", enc(ApDates.Range(ev.Start, ev.End))),
            ("date_text", enc(ev.DateText)),
            ("start", Iso(ev.Start)),
            ("end", Iso(ev.End)),
            ("kind", ev.Kind == EventKind.Narrative ? "narrative" : "chronology"),
            ("from_analysis", ev.Kind == EventKind.Narrative),
            ("topics", Labels(selected, enc)),
        ];
    }

    private static ScriptArray Labels(SelectedEvent selected, Func<string?, string> enc)
    {
        var labels = new ScriptArray();
        foreach (var label in selected.Topics.Select(t => t.Topic.Label).Distinct(StringComparer.Ordinal))
        {
            labels.Add(enc(label));
        }

        labels.IsReadOnly = true;
        return labels;
    }

    private static ScriptObject Full(SelectedEvent selected, bool html, Func<string?, string> enc)
    {
        var ev = selected.Event;
        var matches = selected.Topics.SelectMany(t => t.Terms.Select(term => (t.Topic, term))).ToList();
        var inText = matches.Where(m => m.term.Where == MatchLocation.Text).Select(m => m.term.Matched).ToList();
        var inContext = matches.Where(m => m.term.Where == MatchLocation.Context).Select(m => m.term.Matched).ToList();

        var matched = new ScriptArray();
        foreach (var (topic, term) in matches)
        {
            matched.Add(Obj(("term", enc(term.Term)), ("where", Where(term.Where)), ("matched", enc(term.Matched)), ("topic", enc(topic.Label))));
        }

        var context = new ScriptArray();
        foreach (var sentence in ev.Context)
        {
            context.Add(html ? Highlighter.Html(sentence, inContext) : sentence);
        }

        return Obj(
        [
            .. Common(selected, enc),
            ("text", html ? Highlighter.Html(ev.Text, inText) : ev.Text),
            ("source", Source(ev.Source, enc)),
            ("matched", matched),
            ("context", context),
        ]);
    }

    private static ScriptObject Source(EventSource source, Func<string?, string> enc)
    {
        var display = string.IsNullOrWhiteSpace(source.Section)
            ? $"{source.Title}, {source.Period}"
            : $"{source.Title}, {source.Period}, section {source.Section}";
        return Obj(
            ("title", enc(source.Title)),
            ("period", enc(source.Period)),
            ("section", enc(source.Section)),
            ("file", enc(source.File)),
            ("line", source.Line),
            ("display", enc(display)));
    }

    private static string Where(MatchLocation where) => where switch
    {
        MatchLocation.Heading => "heading",
        MatchLocation.Context => "context",
        _ => "text",
    };
}

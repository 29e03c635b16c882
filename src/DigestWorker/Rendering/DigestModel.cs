using System.Globalization;
using System.Net;
using DigestWorker.Chronology;
using DigestWorker.Delivery;
using DigestWorker.Selection;
using Scriban.Runtime;

namespace DigestWorker.Rendering;

/// <summary>
/// Builds what templates see (documented in <c>templates/README-model.md</c>) as plain ScriptObjects, without reflection.
/// The HTML flavour has every document and configuration string HTML-encoded already, so a template author cannot forget
/// to escape; the text flavour carries the same strings raw.
/// </summary>
internal static class DigestModel
{
    public static ScriptObject Build(DigestPlan plan, MailingListOptions list, bool html)
    {
        Func<string?, string> enc = html ? s => WebUtility.HtmlEncode(s ?? string.Empty) : s => s ?? string.Empty;
        var events = plan.Events
            .DistinctBy(e => e.Event.Id)
            .OrderBy(e => e.Event.Start).ThenBy(e => e.Event.End).ThenBy(e => e.Event.Id, StringComparer.Ordinal)
            .ToList();
        var counts = TopicCounts.Count(plan, events);
        var subscriber = plan.Subscriber;

        var topics = new ScriptArray();
        foreach (var topic in subscriber.Topics)
        {
            topics.Add(Obj(("id", enc(topic.Id)), ("label", enc(topic.Label))));
        }

        var eventArray = new ScriptArray();
        foreach (var selected in events)
        {
            eventArray.Add(Event(selected, html, enc));
        }

        var countArray = new ScriptArray();
        foreach (var (label, count) in counts)
        {
            countArray.Add(Obj(("label", enc(label)), ("count", count)));
        }

        return Obj(
            ("subscriber", Obj(("id", enc(subscriber.Id)), ("name", enc(subscriber.Name)), ("email", enc(subscriber.Email)), ("topics", topics))),
            ("period", Obj(
                ("start", Iso(plan.Period.Start)),
                ("end", Iso(plan.Period.End)),
                ("last_day", Iso(plan.Period.LastDay)),
                ("time_zone", enc(subscriber.TimeZone.Id)),
                ("display", enc(ApDates.Range(plan.Period.Start, plan.Period.LastDay))))),
            ("fire_time", plan.FireTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("events", eventArray),
            ("event_count", events.Count),
            ("has_events", events.Count > 0),
            ("counts", countArray),
            ("summary", enc(TopicCounts.Summary(events.Count, counts))),
            ("list", List(plan, list, enc)));
    }

    private static ScriptObject Event(SelectedEvent selected, bool html, Func<string?, string> enc)
    {
        var ev = selected.Event;
        var matches = selected.Topics.SelectMany(t => t.Terms.Select(term => (t.Topic, term))).ToList();
        var inText = matches.Where(m => m.term.Where == MatchLocation.Text).Select(m => m.term.Matched).ToList();
        var inContext = matches.Where(m => m.term.Where == MatchLocation.Context).Select(m => m.term.Matched).ToList();

        var topicLabels = new ScriptArray();
        foreach (var label in selected.Topics.Select(t => t.Topic.Label).Distinct(StringComparer.Ordinal))
        {
            topicLabels.Add(enc(label));
        }

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
            ("id", enc(ev.Id)),
            ("dates", enc(ApDates.Range(ev.Start, ev.End))),
            ("date_text", enc(ev.DateText)),
            ("start", Iso(ev.Start)),
            ("end", Iso(ev.End)),
            ("kind", ev.Kind == EventKind.Narrative ? "narrative" : "chronology"),
            ("from_analysis", ev.Kind == EventKind.Narrative),
            ("text", html ? Highlighter.Html(ev.Text, inText) : ev.Text),
            ("source", Source(ev.Source, enc)),
            ("topics", topicLabels),
            ("matched", matched),
            ("context", context));
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

    private static ScriptObject List(DigestPlan plan, MailingListOptions list, Func<string?, string> enc)
    {
        var s = plan.Subscriber;
        var footer = $"You receive {list.Name} because {s.Email} is subscribed.";
        return Obj(
            ("name", enc(list.Name)),
            ("unsubscribe_url", SafeUrl(list.UnsubscribeFor(s.Id, s.Email), enc)),
            ("manage_url", SafeUrl(list.ManageFor(s.Id, s.Email), enc)),
            ("footer", enc(footer)));
    }

    // A configured link lands in an href; only schemes a mail client should open are let through.
    private static string? SafeUrl(string? url, Func<string?, string> enc) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto"
            ? enc(url)
            : null;

    private static string Where(MatchLocation where) => where switch
    {
        MatchLocation.Heading => "heading",
        MatchLocation.Context => "context",
        _ => "text",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ScriptObject Obj(params (string Name, object? Value)[] members)
    {
        var obj = new ScriptObject(members.Length);
        foreach (var (name, value) in members)
        {
            obj.SetValue(name, value, readOnly: true);
        }

        return obj;
    }
}

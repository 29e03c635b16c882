using System.Globalization;
using System.Net;
using DigestWorker.Chronology;
using DigestWorker.Delivery;
using DigestWorker.Selection;
using Scriban.Runtime;

namespace DigestWorker.Rendering;

/// <summary>
/// Builds what the digest templates see (documented in the README, "Templates and the model they see") as plain
/// ScriptObjects, without reflection.
/// The HTML flavour has every document and configuration string HTML-encoded already, so a template author cannot forget
/// to escape; the text flavour carries the same strings raw.
/// </summary>
internal static class DigestModel
{
    /// <summary>The events of <paramref name="plan"/> as the digest shows them: each once, in chronological order.</summary>
    public static IReadOnlyList<SelectedEvent> Events(DigestPlan plan) =>
        [.. plan.Events
            .DistinctBy(e => e.Event.Id)
            .OrderBy(e => e.Event.Start).ThenBy(e => e.Event.End).ThenBy(e => e.Event.Id, StringComparer.Ordinal)];

    /// <param name="plan">The digest.</param>
    /// <param name="list">The mailing list.</param>
    /// <param name="html">Whether strings are HTML-encoded.</param>
    /// <param name="events">The digest's <see cref="Events"/>.</param>
    /// <param name="items">One item per event, in the same order (<see cref="EventModel.Item"/>).</param>
    /// <param name="counts">The events' <see cref="TopicCounts.Count"/>, counted once for both bodies.</param>
    public static ScriptObject Build(DigestPlan plan, MailingListOptions list, bool html, IReadOnlyList<SelectedEvent> events, IReadOnlyList<ScriptObject> items, IReadOnlyList<(string Label, int Count)> counts)
    {
        var enc = Encoder(html);
        var subscriber = plan.Subscriber;

        var topics = new ScriptArray();
        foreach (var topic in subscriber.Topics)
        {
            topics.Add(Obj(("id", enc(topic.Id)), ("label", enc(topic.Label))));
        }

        var eventArray = new ScriptArray();
        foreach (var item in items)
        {
            eventArray.Add(item);
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

    /// <summary>HTML-encodes for the HTML flavour; passes strings through raw for the text flavour.</summary>
    public static Func<string?, string> Encoder(bool html) =>
        html ? s => WebUtility.HtmlEncode(s ?? string.Empty) : s => s ?? string.Empty;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static ScriptObject Obj(params (string Name, object? Value)[] members)
    {
        var obj = new ScriptObject(members.Length);
        foreach (var (name, value) in members)
        {
            obj.SetValue(name, value, readOnly: true);
        }

        return obj;
    }
}

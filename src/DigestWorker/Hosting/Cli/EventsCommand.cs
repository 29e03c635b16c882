using System.CommandLine;
using System.Globalization;
using DigestWorker.Chronology;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;

namespace DigestWorker.Hosting.Cli;

/// <summary><c>events</c>: the events read from the source folders, chronologically, with filters.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var topic = new Option<string?>("--topic") { Description = "Only events in this topic (a topic id from subscriptions.json)" };
        var from = new Option<DateOnly?>("--from") { Description = "Only events ending on or after this date (YYYY-MM-DD)" };
        var to = new Option<DateOnly?>("--to") { Description = "Only events starting on or before this date (YYYY-MM-DD)" };
        var command = new Command("events", "List the events read from the chronology documents") { topic, from, to, CliOptions.Json };
        command.Validators.Add(result =>
        {
            // Nothing could be listed: said, instead of an empty list.
            if (Date(result.GetResult(from)) is { } first && Date(result.GetResult(to)) is { } last && first > last)
            {
                result.AddError($"--from {first:yyyy-MM-dd} is after --to {last:yyyy-MM-dd}.");
            }
        });
        command.SetAction(parse => VerbContext.WithHostAsync(parse, host =>
        {
            var catalog = host.Get<EventCatalogProvider>().Current;
            IEnumerable<ChronologyEvent> events = catalog.Events;
            TopicMatcher? matcher = null;
            if (parse.GetValue(topic) is { } topicId)
            {
                if (!host.Get<SubscriptionsMonitor>().Current.TopicsById.TryGetValue(topicId, out var t))
                {
                    Console.Error.WriteLine($"Unknown topic \"{topicId}\".");
                    return Task.FromResult(ExitCodes.ConfigurationInvalid);
                }

                matcher = new TopicMatcher(t);
            }

            var selected = events
                .Where(e => parse.GetValue(from) is not { } f || e.End >= f)
                .Where(e => parse.GetValue(to) is not { } t || e.Start <= t)
                .Select(e => (Event: e, Match: matcher?.Match(e)))
                .Where(x => matcher is null || x.Match is not null)
                .ToList();
            Console.WriteLine(parse.GetValue(CliOptions.Json) ? JsonOutput.Serialize(selected.Select(x => ToJson(x.Event, x.Match))) : Table(selected.Select(x => x.Event)));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    internal static object ToJson(ChronologyEvent e, TopicMatch? match) => new
    {
        id = e.Id,
        start = JsonOutput.Date(e.Start),
        end = JsonOutput.Date(e.End),
        kind = e.Kind,
        dates = e.DateText,
        text = e.Text,
        source = Source(e.Source),
        sources = e.Sources.Count > 1 ? e.Sources.Select(Source) : null,
        context = e.Context,
        matched = match?.Terms.Select(t => new { term = t.Term, where = t.Where, text = t.Matched }),
    };

    private static object Source(EventSource s) => new { file = s.File, line = s.Line, title = s.Title, period = s.Period, section = s.Section };

    private static string Table(IEnumerable<ChronologyEvent> events)
    {
        var lines = events.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{JsonOutput.Date(e.Start)}..{JsonOutput.Date(e.End)}  {(e.Kind == EventKind.Chronology ? "entry    " : "narrative")}  {e.Id}  {Shorten(e.Text, 100)}"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>At most <paramref name="max"/> characters, ending with an ellipsis when cut, never inside a surrogate pair.</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    // From the token: a value that does not convert already has its own error (and GetValue would throw).
    private static DateOnly? Date(System.CommandLine.Parsing.OptionResult? result) =>
        result is { Tokens: [var token] } && DateOnly.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : null;
}

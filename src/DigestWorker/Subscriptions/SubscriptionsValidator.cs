using Quartz;

namespace DigestWorker.Subscriptions;

/// <summary>Checks a parsed subscriptions document and builds the validated set, collecting every problem.</summary>
/// <param name="defaultsFile">Where <paramref name="defaults"/> come from (appsettings.json): a bad default is its problem,
/// reported once there, not once for every subscriber who did not write that field.</param>
internal sealed class SubscriptionsValidator(string file, SubscriberDefaults defaults, IReadOnlySet<string>? templateSets, string defaultsFile)
{
    private readonly List<ConfigProblem> _problems = [];

    public SubscriptionSet Validate(SubscriptionsDocument document)
    {
        CheckDefaults();
        var topics = ValidateTopics(document.Topics ?? []);
        var byId = topics.GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (document.Subscribers is null)
        {
            // Not an empty list: a save that lost it would otherwise stop every digest without a word.
            Problem("subscribers", "missing (or null): list the subscribers, or write \"subscribers\": [] for none");
        }

        var subscribers = ValidateSubscribers(document.Subscribers ?? [], byId);
        if (_problems.Count > 0)
        {
            throw new ConfigurationInvalidException(_problems);
        }

        return new SubscriptionSet(file, topics, subscribers);
    }

    private List<Topic> ValidateTopics(List<SubscriptionsDocument.TopicEntry> entries)
    {
        var topics = new List<Topic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } e)
            {
                Problem($"topics[{i}]", "null, not a topic object");
                continue;
            }

            var place = $"topics[{i}]" + (string.IsNullOrWhiteSpace(e.Id) ? string.Empty : $" (id \"{e.Id}\")");
            if (string.IsNullOrWhiteSpace(e.Id))
            {
                Problem(place + ".id", "a topic needs an id");
                continue;
            }

            if (!seen.Add(e.Id))
            {
                Problem(place + ".id", $"duplicate topic id \"{e.Id}\"");
            }

            if (e.Keywords is not { Count: > 0 })
            {
                Problem(place + ".keywords", "a topic needs at least one keyword");
            }

            topics.Add(new Topic
            {
                Id = e.Id,
                Label = string.IsNullOrWhiteSpace(e.Label) ? e.Id : e.Label,
                Keywords = Terms(e.Keywords, place + ".keywords"),
                Exclude = Terms(e.Exclude, place + ".exclude"),
            });
        }

        return topics;
    }

    // A keyword or exclude term that is empty, or has nothing but "*" in it (a "*" alone would match every word: as an
    // exclude term it would empty the topic), is reported where it is instead of being dropped or used.
    private List<string> Terms(List<string>? terms, string place)
    {
        var kept = new List<string>();
        for (var k = 0; k < (terms?.Count ?? 0); k++)
        {
            var term = terms![k];
            if (string.IsNullOrWhiteSpace(term))
            {
                Problem($"{place}[{k}]", "an empty term; remove it");
            }
            else if (term.All(c => c == '*' || char.IsWhiteSpace(c)))
            {
                Problem($"{place}[{k}]", $"\"{term}\" has no word in it (a \"*\" alone would match every word); put the start of a word before the * (e.g. \"Korea*\")");
            }
            else if (!term.EnumerateRunes().Any(System.Text.Rune.IsLetterOrDigit))
            {
                // "." or "--" would match punctuation in every event that has it, not a word.
                Problem($"{place}[{k}]", $"\"{term}\" has no letter or digit in it, so it would match punctuation, not a word");
            }
            else if (KeywordPattern.Split(term).Term.Contains('*', StringComparison.Ordinal))
            {
                // Only a trailing * means "a word starting with"; anywhere else it was matched as the character itself.
                Problem($"{place}[{k}]", $"\"{term}\" has a \"*\" that is not at its end; a \"*\" works only at the end of a term (\"Korea*\" matches Korean, Koreas)");
            }
            else
            {
                kept.Add(term);
            }
        }

        return kept;
    }

    private List<Subscriber> ValidateSubscribers(List<SubscriptionsDocument.SubscriberEntry> entries, Dictionary<string, Topic> topics)
    {
        var subscribers = new List<Subscriber>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Subscribers with the same topics or the same relationships share one list of them (and one string per title):
        // a list each cost about 200 bytes per subscriber, 20 MB at 100,000, for a few hundred distinct values.
        var topicLists = new Dictionary<string, IReadOnlyList<Topic>>(StringComparer.Ordinal);
        var relationshipLists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        // A schedule is parsed once however many subscribers write it (most use the default), and they share its string.
        var schedules = new Dictionary<string, (string Schedule, string? Error)>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } e)
            {
                Problem($"subscribers[{i}]", "null, not a subscriber object");
                continue;
            }
            var place = $"subscribers[{i}]" + (string.IsNullOrWhiteSpace(e.Id) ? string.Empty : $" (id \"{e.Id}\")");
            var ok = true;
            if (string.IsNullOrWhiteSpace(e.Id))
            {
                ok = Problem(place + ".id", "a subscriber needs an id");
            }
            else if (!seen.Add(e.Id))
            {
                ok = Problem(place + ".id", $"duplicate subscriber id \"{e.Id}\"");
            }

            if (!IsEmail(e.Email))
            {
                ok = Problem(place + ".email", $"\"{e.Email}\" is not a valid email address");
            }

            if (e.Relationships?.Any(string.IsNullOrWhiteSpace) == true)
            {
                ok = Problem(place + ".relationships", "an empty or null title (a relationship is a document title such as \"China - Russia\")");
            }

            var resolved = new List<Topic>();
            if (e.Topics is null || e.Topics.Count == 0)
            {
                ok = Problem(place + ".topics", "a subscriber needs at least one topic");
            }

            foreach (var id in e.Topics ?? [])
            {
                if (id is null)
                {
                    ok = Problem(place + ".topics", "null, not a topic id");
                    continue;
                }

                if (topics.TryGetValue(id, out var topic))
                {
                    if (resolved.Contains(topic))
                    {
                        ok = Problem(place + ".topics", $"topic \"{id}\" is listed twice");
                        continue;
                    }

                    resolved.Add(topic);
                }
                else
                {
                    ok = Problem(place + ".topics", $"unknown topic \"{id}\" (defined: {string.Join(", ", topics.Keys)})");
                }
            }

            var zoneId = e.TimeZone ?? defaults.TimeZone;
            var zone = FindZone(zoneId);
            if (zone is null)
            {
                ok = Problem(place + ".timeZone", $"unknown time zone \"{zoneId}\" (use an IANA name such as Europe/Paris)", fromDefault: e.TimeZone is null);
            }

            var written = e.Schedule ?? defaults.Schedule;
            if (!schedules.TryGetValue(written, out var checkedSchedule))
            {
                schedules[written] = checkedSchedule = (written, CronError(written));
            }

            var schedule = checkedSchedule.Schedule;
            if (checkedSchedule.Error is { } cronError)
            {
                ok = Problem(place + ".schedule", cronError, fromDefault: e.Schedule is null);
            }

            DateOnly? since = null;
            if (e.Since is not null && (since = SubscriptionsLoader.ParseDate(e.Since)) is null)
            {
                ok = Problem(place + ".since", $"\"{e.Since}\" is not a date (use YYYY-MM-DD)");
            }

            var format = defaults.Format;
            // A name only: Enum.TryParse also takes "7" and "Html, Text".
            if (e.Format is not null && !(Enum.GetNames<DigestFormat>().Any(n => n.Equals(e.Format, StringComparison.OrdinalIgnoreCase)) && Enum.TryParse(e.Format, ignoreCase: true, out format)))
            {
                ok = Problem(place + ".format", $"unknown format \"{e.Format}\" (html or text)");
            }

            var template = e.TemplateSet ?? defaults.TemplateSet;
            if (templateSets is not null && !templateSets.Contains(template))
            {
                ok = Problem(place + ".templateSet", $"unknown template set \"{template}\" (found: {string.Join(", ", templateSets)})", fromDefault: e.TemplateSet is null);
            }

            if (ok)
            {
                subscribers.Add(new Subscriber
                {
                    Id = e.Id!,
                    Email = e.Email!.Trim(),
                    Name = e.Name,
                    Topics = Shared(topicLists, resolved.Select(t => t.Id), [.. resolved]),
                    TimeZone = zone!,
                    Schedule = schedule,
                    Since = since,
                    Enabled = e.Enabled ?? true,
                    Relationships = e.Relationships is { Count: > 0 } titles ? Shared(relationshipLists, titles, [.. titles]) : [],
                    Format = format,
                    TemplateSet = template,
                    SendEmpty = e.SendEmpty ?? defaults.SendEmpty,
                });
            }
        }

        return subscribers;
    }

    // The list already made for an equal sequence, or this one, kept for the next subscriber. The key joins the values
    // with a separator a value could itself contain, so a list found under it is used only when it is really equal.
    private static IReadOnlyList<T> Shared<T>(Dictionary<string, IReadOnlyList<T>> lists, IEnumerable<string> values, T[] list)
    {
        var key = string.Join('\u001f', values);
        if (!lists.TryGetValue(key, out var known))
        {
            lists[key] = list;
            return list;
        }

        return known.SequenceEqual(list) ? known : list;
    }

    private void CheckDefaults()
    {
        if (FindZone(defaults.TimeZone) is null)
        {
            _problems.Add(new ConfigProblem(defaultsFile, "Defaults:TimeZone", $"unknown time zone \"{defaults.TimeZone}\" (use an IANA name such as Europe/Paris)"));
        }

        if (CronError(defaults.Schedule) is { } cronError)
        {
            _problems.Add(new ConfigProblem(defaultsFile, "Defaults:Schedule", cronError));
        }

        if (templateSets is not null && !templateSets.Contains(defaults.TemplateSet))
        {
            _problems.Add(new ConfigProblem(defaultsFile, "Defaults:TemplateSet", $"unknown template set \"{defaults.TemplateSet}\" (found: {string.Join(", ", templateSets)})"));
        }
    }

    // A field the subscriber left to its default: a bad default was reported once, against appsettings.json
    // (CheckDefaults), so the subscriber is only left out.
    private bool Problem(string place, string message, bool fromDefault) => !fromDefault && Problem(place, message);

    private bool Problem(string place, string message)
    {
        _problems.Add(new ConfigProblem(file, place, message));
        return false;
    }

    internal static bool IsEmail(string? value) => Delivery.EmailAddress.IsValid(value);

    internal static TimeZoneInfo? FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    // Where the check of how often a schedule fires starts, and how many fires it looks at (weekly: about 8 years).
    private static readonly DateTimeOffset ShapeFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int ShapeFires = 400;

    /// <summary>
    /// Null for a cron a digest can follow; otherwise why not: it does not parse, never fires, or fires more than once
    /// on some day (a digest covers whole days in the subscriber's zone: a second fire the same day would cover none).
    /// </summary>
    private static string? CronError(string schedule)
    {
        CronExpression cron;
        try
        {
            // Counted in UTC: how many fires a day is the cron's own shape, the same in every zone.
            cron = new CronExpression(schedule, TimeZoneInfo.Utc);
        }
        catch (FormatException ex)
        {
            return $"invalid Quartz cron \"{schedule}\": {ex.Message}";
        }

        if (cron.GetNextValidTimeAfter(ShapeFrom) is not { } previous)
        {
            return $"Quartz cron \"{schedule}\" never fires";
        }

        for (var i = 0; i < ShapeFires && cron.GetNextValidTimeAfter(previous) is { } next; i++, previous = next)
        {
            if (next.UtcDateTime.Date == previous.UtcDateTime.Date)
            {
                return $"Quartz cron \"{schedule}\" fires more than once a day ({previous:HH:mm:ss} and {next:HH:mm:ss}); " +
                       "a digest covers whole days, so a schedule may fire at most once a day";
            }
        }

        return null;
    }
}

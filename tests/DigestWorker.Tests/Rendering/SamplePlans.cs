using DigestWorker.Chronology;
using DigestWorker.Delivery;
using DigestWorker.Rendering;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Options;

namespace DigestWorker.Tests.Rendering;

/// <summary>Realistic digest plans built by hand from a "China - Russia, Sep — Dec 2017" review.</summary>
internal static class SamplePlans
{
    public static readonly Topic Military = new() { Id = "military", Label = "Military", Keywords = ["military", "exercise", "ICBM"] };
    public static readonly Topic Korea = new() { Id = "korea", Label = "Korea", Keywords = ["Korea", "ICBM", "Pyongyang"] };

    /// <summary>The repository's <c>templates</c> folder, found by walking up from the test binaries.</summary>
    public static string TemplatesRoot { get; } = FindTemplatesRoot();

    public static Subscriber Subscriber(string? name = "Anna Lindqvist", DigestFormat format = DigestFormat.Html, string set = "default", IReadOnlyList<Topic>? topics = null) => new()
    {
        Id = "anna",
        Email = "anna@example.org",
        Name = name,
        Topics = topics ?? [Military, Korea],
        TimeZone = TimeZoneInfo.Utc,
        Schedule = "0 0 7 ? * MON",
        Format = format,
        TemplateSet = set,
    };

    public static DigestPlan Plan(Subscriber subscriber, params SelectedEvent[] events) => new()
    {
        Subscriber = subscriber,
        FireTime = new DateTimeOffset(2018, 1, 8, 7, 0, 0, TimeSpan.Zero),
        Period = new DigestPeriod(new DateOnly(2017, 9, 1), new DateOnly(2018, 1, 1)),
        Events = events,
    };

    public static DigestPlan Review(Subscriber? subscriber = null) =>
        Plan(subscriber ?? Subscriber(), NarrativeIcbm(), JointSea(), Vostok(), WholeMonth());

    public static SelectedEvent JointSea() => Selected(
        Event("ev-jointsea", new(2017, 9, 18), new(2017, 9, 26), EventKind.Chronology,
            "China and Russian conduct the second stage of the Joint Sea 2017 military exercise in the Sea of Japan and the Sea of Okhotsk.",
            "Sept. 18-26, 2017", "Chronology", 212),
        (Military, [new MatchedTerm("military", MatchLocation.Text, "military"), new MatchedTerm("exercise", MatchLocation.Text, "exercise")]));

    public static SelectedEvent NarrativeIcbm() => Selected(
        Event("ev-icbm", new(2017, 11, 28), new(2017, 11, 28), EventKind.Narrative,
            "On Nov. 28, it successfully tested an ICBM, which was believed capable of reaching the US.",
            "Nov. 28", "Korea: crisis without opportunities?", 57),
        (Korea, [new MatchedTerm("ICBM", MatchLocation.Text, "ICBM"), new MatchedTerm("Korea", MatchLocation.Heading, "Korea")]),
        (Military, [new MatchedTerm("ICBM", MatchLocation.Text, "ICBM")]));

    public static SelectedEvent Vostok() => Selected(
        Event("ev-pyongyang", new(2017, 10, 31), new(2017, 11, 2), EventKind.Chronology,
            "Russian and Chinese deputy foreign ministers meet in Moscow to discuss the situation on the Korean Peninsula.",
            "Oct. 31-Nov. 2, 2017", "Chronology", 230,
            context: ["Both sides again urged Pyongyang and Washington to accept the \"double freeze\" proposal."]),
        (Korea, [new MatchedTerm("Korea", MatchLocation.Text, "Korea"), new MatchedTerm("Pyongyang", MatchLocation.Context, "Pyongyang")]));

    public static SelectedEvent WholeMonth() => Selected(
        Event("ev-december", new(2017, 12, 1), new(2017, 12, 31), EventKind.Chronology,
            "Russian and Chinese coast guards hold joint patrols along the Amur throughout the month.",
            "December 2017", "Chronology", 241),
        (Military, [new MatchedTerm("joint patrols", MatchLocation.Text, "joint patrols")]));

    public static ChronologyEvent Event(string id, DateOnly start, DateOnly end, EventKind kind, string text, string dateText, string section, int line, IReadOnlyList<string>? context = null) => new()
    {
        Id = id,
        Start = start,
        End = end,
        Kind = kind,
        Text = text,
        DateText = dateText,
        Sources = [new EventSource("china-russia-2017-3.txt", line, "China - Russia", "Sep — Dec 2017", section)],
        Context = context ?? [],
    };

    public static SelectedEvent Selected(ChronologyEvent ev, params (Topic Topic, MatchedTerm[] Terms)[] topics) =>
        new(ev, [.. topics.Select(t => new TopicMatch(t.Topic, t.Terms))]);

    public static DigestRenderer Renderer(string? templatesRoot = null, RenderingOptions? options = null)
    {
        options ??= new RenderingOptions();
        var list = new MailingListOptions
        {
            UnsubscribeUrl = "https://digests.example.org/unsubscribe?s={subscriber}&e={email}",
            ManageUrl = "https://digests.example.org/manage/{subscriber}",
        };
        return new DigestRenderer(new TemplateCatalog(templatesRoot ?? TemplatesRoot), Options.Create(options), Options.Create(list));
    }

    private static string FindTemplatesRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates", "default");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "templates");
            }
        }

        throw new DirectoryNotFoundException("templates/default not found above " + AppContext.BaseDirectory);
    }
}

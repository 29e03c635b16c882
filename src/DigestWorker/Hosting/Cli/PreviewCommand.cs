using System.CommandLine;
using System.Text;
using DigestWorker.Delivery.Messages;
using DigestWorker.Delivery.Record;
using DigestWorker.Rendering;
using DigestWorker.Scheduling;
using DigestWorker.Subscriptions;

namespace DigestWorker.Hosting.Cli;

/// <summary><c>preview</c>: the digest a subscriber would get at the latest fire time at or before an instant; changes no state.</summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var subscriber = new Option<string>("--subscriber") { Description = "Subscriber id", Required = true };
        var asOf = CliOptions.AsOf();
        var format = new Option<string>("--format") { Description = "html, text or eml (a complete RFC 5322 message)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("html", "text", "eml");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var command = new Command("preview", "Render the digest a subscriber would get, without sending or recording anything") { subscriber, asOf, format, output, CliOptions.Json };
        command.SetAction((parse, ct) => VerbContext.WithHostAsync(parse, async host =>
        {
            var id = parse.GetValue(subscriber)!;
            if (host.Get<SubscriptionsMonitor>().Current.Find(id) is not { } s)
            {
                Console.Error.WriteLine($"Unknown subscriber \"{id}\".");
                return ExitCodes.ConfigurationInvalid;
            }

            var instant = parse.GetValue(asOf) ?? host.Get<TimeProvider>().GetUtcNow();
            if (FireSchedule.For(s.Schedule, s.TimeZone).LatestAtOrBefore(instant) is not { } fire)
            {
                Console.Error.WriteLine($"Subscriber \"{id}\" has no fire time at or before {instant:o}.");
                return ExitCodes.Ok;
            }

            // Read the record only if it exists: a preview never creates state.
            var record = File.Exists(host.Get<StateOptions>().Path) ? host.Get<IDeliveryRecord>() : null;
            if (record is not null)
            {
                await record.InitializeAsync(ct);
            }

            var planner = host.Get<DigestPlanner>();
            var plan = await planner.PlanAsync(planner.CurrentIndex(), s, fire, instant, record, ct);
            if (plan.CoveredBefore)
            {
                Console.Error.WriteLine($"An earlier digest of \"{id}\" already covers {plan.Period.Start:yyyy-MM-dd}..{plan.Period.LastDay:yyyy-MM-dd} (the schedule or time zone changed since): a run sends nothing for {fire:o}.");
            }

            var text = parse.GetValue(CliOptions.Json) ? PlanJson(plan) : Render(host, plan, parse.GetValue(format)!);
            if (parse.GetValue(output) is { } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                await File.WriteAllTextAsync(file, text, new UTF8Encoding(false), ct);
                Console.Error.WriteLine($"Wrote {file}");
            }
            else
            {
                Console.WriteLine(text);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Render(Microsoft.Extensions.Hosting.IHost host, Selection.DigestPlan plan, string format)
    {
        using var rendered = host.Get<DigestRenderer>().Render(plan);
        return format switch
        {
            "html" => rendered.Html ?? rendered.Text,
            "eml" => Eml(host.Get<DigestMessageFactory>().Create(plan, rendered)),
            _ => rendered.Text,
        };
    }

    private static string Eml(PendingDigest digest)
    {
        var text = Encoding.UTF8.GetString(digest.Message.Span);
        digest.Buffer?.Release();
        return text;
    }

    private static string PlanJson(Selection.DigestPlan plan) => JsonOutput.Serialize(new
    {
        subscriber = plan.Subscriber.Id,
        fireTime = plan.FireTime,
        periodStart = JsonOutput.Date(plan.Period.Start),
        periodEnd = JsonOutput.Date(plan.Period.End),
        events = plan.Events.Select(e => new
        {
            id = e.Event.Id,
            start = JsonOutput.Date(e.Event.Start),
            end = JsonOutput.Date(e.Event.End),
            kind = e.Event.Kind,
            text = e.Event.Text,
            topics = e.Topics.Select(t => new
            {
                id = t.Topic.Id,
                label = t.Topic.Label,
                matched = t.Terms.Select(m => new { term = m.Term, where = m.Where, text = m.Matched }),
            }),
        }),
    });
}

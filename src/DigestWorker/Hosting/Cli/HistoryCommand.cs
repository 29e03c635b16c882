using System.CommandLine;
using System.Globalization;
using DigestWorker.Delivery.Record;
using DigestWorker.Subscriptions;

namespace DigestWorker.Hosting.Cli;

/// <summary><c>history</c>: the digests recorded in the delivery record.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var subscriber = new Option<string?>("--subscriber") { Description = "Only this subscriber id" };
        var status = new Option<DigestStatus?>("--status") { Description = "Only digests with this status: pending, sent or failed" };
        var command = new Command("history", "List the digests in the delivery record") { subscriber, status, CliOptions.Json };
        command.SetAction((parse, ct) => VerbContext.WithHostAsync(parse, async host =>
        {
            var record = host.Get<IDeliveryRecord>();
            await record.InitializeAsync(ct);
            var rows = new List<DigestRecord>();
            await foreach (var row in record.QueryAsync(parse.GetValue(subscriber), parse.GetValue(status), ct))
            {
                rows.Add(row);
            }

            // An empty list for a mistyped id would look like "nothing sent yet": say which it is.
            if (rows.Count == 0 && parse.GetValue(subscriber) is { } id && host.Get<SubscriptionsMonitor>().Current is var set && set.Find(id) is null)
            {
                Console.Error.WriteLine($"No digest is recorded for \"{id}\", and {set.File} has no subscriber with that id.");
            }

            if (parse.GetValue(CliOptions.Json))
            {
                Console.WriteLine(JsonOutput.Serialize(rows.Select(r => new
                {
                    subscriber = r.SubscriberId, email = r.Email, fireTime = r.FireTime, periodStart = JsonOutput.Date(r.Period.Start),
                    periodEnd = JsonOutput.Date(r.Period.End), events = r.EventIds, status = r.Status, attempts = r.Attempts,
                    lastError = r.LastError, messageId = r.MessageId, createdAt = r.CreatedAt, updatedAt = r.UpdatedAt,
                })));
                return ExitCodes.Ok;
            }

            Console.WriteLine($"{"subscriber",-16} {"fire time (UTC)",-20} {"period",-23} {"events",6} {"status",-8} {"tries",5}  error");
            foreach (var r in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.SubscriberId,-16} {r.FireTime.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {r.Period.Start:yyyy-MM-dd}..{r.Period.LastDay:yyyy-MM-dd} {r.EventIds.Count,6} {r.Status.ToString().ToLowerInvariant(),-8} {r.Attempts,5}  {r.LastError}"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}

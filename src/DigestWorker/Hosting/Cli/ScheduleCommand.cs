using System.CommandLine;
using System.Globalization;
using DigestWorker.Scheduling;
using DigestWorker.Subscriptions;

namespace DigestWorker.Hosting.Cli;

/// <summary><c>schedule</c>: each subscriber's next fire times, local and UTC, so daylight-saving changes are visible.</summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Fire times per subscriber", DefaultValueFactory = _ => 5 };
        count.Validators.Add(result =>
        {
            // Read from the token: a value that does not convert already has its own error (and GetValue would throw).
            if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1)
            {
                result.AddError("--count must be at least 1.");
            }
        });
        var asOf = CliOptions.AsOf();
        var command = new Command("schedule", "Show each subscriber's next fire times in local time and UTC") { count, asOf };
        command.SetAction(parse => VerbContext.WithHostAsync(parse, host =>
        {
            var now = parse.GetValue(asOf) ?? host.Get<TimeProvider>().GetUtcNow();
            foreach (var s in host.Get<SubscriptionsMonitor>().Current.Subscribers)
            {
                var schedule = FireSchedule.For(s.Schedule, s.TimeZone);
                Console.WriteLine($"{s.Id} ({s.Schedule}, {s.TimeZone.Id}){(s.Enabled ? string.Empty : " [disabled]")}");
                var t = now;
                for (var i = 0; i < parse.GetValue(count) && schedule.NextAfter(t) is { } next; i++, t = next)
                {
                    var local = schedule.ToLocal(next);
                    var period = schedule.PeriodFor(next);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {local:yyyy-MM-dd ddd HH:mm:ss zzz}  =  {next.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  covers {period.Start:yyyy-MM-dd}..{period.LastDay:yyyy-MM-dd}"));
                }
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

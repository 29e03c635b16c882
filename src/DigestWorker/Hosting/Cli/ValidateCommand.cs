using System.CommandLine;
using DigestWorker.Subscriptions;

namespace DigestWorker.Hosting.Cli;

/// <summary><c>validate</c>: every configuration problem at once (settings, sources, templates, subscriptions).</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check appsettings.json, subscriptions.json, the source folders and the templates; report every problem");
        command.SetAction(parse => VerbContext.WithHostAsync(parse, host =>
        {
            var set = host.Get<SubscriptionsMonitor>().Current;
            Console.WriteLine($"Configuration is valid: {set.Topics.Count} topics, {set.Subscribers.Count} subscribers ({set.Subscribers.Count(s => s.Enabled)} enabled).");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

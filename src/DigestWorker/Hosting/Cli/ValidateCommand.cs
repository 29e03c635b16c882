using System.CommandLine;
using DigestWorker.Chronology;
using DigestWorker.Rendering;
using DigestWorker.Selection;
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

            // The documents too: what a run would warn about (entries skipped, files not read) is said here, without
            // failing validation, since a run serves every entry that is valid.
            var catalog = ChronologyLoader.Load(host.Get<SourcesOptions>().EffectiveFolders);

            // Each template set and format in use, rendered once: what only shows when a template runs fails here.
            var failures = TemplateDryRun.Run(host.Get<DigestRenderer>(), new TopicIndex(catalog, set.Topics), set, host.Get<TimeProvider>().GetUtcNow());
            if (failures.Count > 0)
            {
                return Task.FromResult(StartupCheck.Report([.. failures.Select(f => new ConfigProblem(host.Get<TemplateCatalog>().Root, "template", f))]));
            }

            Console.WriteLine($"Configuration is valid: {set.Topics.Count} topics, {set.Subscribers.Count} subscribers ({set.Subscribers.Count(s => s.Enabled)} enabled); every template set and format in use rendered.");
            // Document warnings and relationships no document has as its title: counted together, listed below.
            List<string> warnings = [.. catalog.Warnings.Select(w => w.ToString()), .. RelationshipTitles.Unmatched(set.Subscribers.Where(s => s.Enabled), catalog).Select(w => $"{set.File}: {w}")];
            Console.WriteLine($"Documents: {catalog.DocumentCount} read, {catalog.Events.Count} events, {(warnings.Count == 0 ? "no warnings" : $"{warnings.Count} warning{(warnings.Count == 1 ? string.Empty : "s")}:")}");
            foreach (var warning in warnings)
            {
                Console.WriteLine("  " + warning);
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

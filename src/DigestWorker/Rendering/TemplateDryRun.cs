using DigestWorker.Scheduling;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;

namespace DigestWorker.Rendering;

/// <summary>
/// Renders every template set and format in use once, as <c>validate</c> does: for the first enabled subscriber using
/// each, a digest of up to three of their events and an empty one. What only shows when a template runs (an include of
/// a missing file, a misspelt member, an unknown function) is then found before a run fails digests with it.
/// </summary>
internal static class TemplateDryRun
{
    private const int SampleEvents = 3;

    /// <returns>One message per failure, each naming the template (path, line, column) and the subscriber used.</returns>
    public static IReadOnlyList<string> Run(DigestRenderer renderer, TopicIndex index, SubscriptionSet set, DateTimeOffset now)
    {
        var failures = new List<string>();
        var tried = new HashSet<(string, DigestFormat)>();

        // An html digest renders its text alternative too: one broken text template fails both formats, said once.
        var said = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subscriber in set.Subscribers.Where(s => s.Enabled))
        {
            if (!tried.Add((subscriber.TemplateSet, subscriber.Format)))
            {
                continue;
            }

            // Everything of theirs since the calendar's first day, as if nothing had been sent: a few real events.
            var all = DigestPlanner.Plan(index, subscriber, now, DateOnly.MinValue, new HashSet<string>());
            foreach (var events in new[] { all.Events.Take(SampleEvents).ToList(), [] })
            {
                var plan = new DigestPlan { Subscriber = subscriber, FireTime = now, Period = all.Period, Events = events };
                try
                {
                    using var rendered = renderer.Render(plan);
                }
                catch (TemplateRenderException ex)
                {
                    var at = ex.Message.IndexOf(" failed: ", StringComparison.Ordinal);
                    if (said.Add(at < 0 ? ex.Message : ex.Message[(at + 9)..]))
                    {
                        failures.Add($"{ex.Message} (rendering with {(events.Count == 0 ? "no events" : $"{events.Count} of their events")})");
                    }

                    break;
                }
            }
        }

        return failures;
    }
}

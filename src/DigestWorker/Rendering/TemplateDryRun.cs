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

        // An html digest renders its text alternative too: one broken text template fails both formats, said once
        // (its first failure; once it is mended, the next validate shows any other).
        var said = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in set.Subscribers.Where(s => s.Enabled).GroupBy(s => (s.TemplateSet, s.Format)))
        {
            // An empty digest is rendered only where a run would send one (sendEmpty): a template may rightly assume events.
            var withEvents = group.First();
            var withNone = group.FirstOrDefault(s => s.SendEmpty);
            foreach (var (subscriber, sample) in new[] { (withEvents, true), (withNone, false) })
            {
                if (subscriber is null)
                {
                    continue;
                }

                // A real fire time and its period; everything of theirs since the calendar's first day, as if nothing
                // had been sent, gives a few real events.
                var fire = FireSchedule.For(subscriber.Schedule, subscriber.TimeZone).LatestAtOrBefore(now) ?? now;
                var all = DigestPlanner.Plan(index, subscriber, fire, DateOnly.MinValue, new HashSet<string>());
                List<SelectedEvent> events = sample ? [.. all.Events.Take(SampleEvents)] : [];
                try
                {
                    using var rendered = renderer.Render(new DigestPlan { Subscriber = subscriber, FireTime = fire, Period = all.Period, Events = events });
                }
                catch (TemplateRenderException ex)
                {
                    if (said.Add(ex.TemplatePath))
                    {
                        failures.Add($"{ex.Message} (rendering with {(events.Count == 0 ? "no events" : $"{events.Count} of their events")})");
                    }
                }
            }
        }

        return failures;
    }
}

using System.Diagnostics;
using DigestWorker.Chronology;
using DigestWorker.Delivery;
using DigestWorker.Delivery.Messages;
using DigestWorker.Rendering;
using DigestWorker.Scheduling;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Options;

namespace DigestWorker.Benchmarks;

internal static class Measurements
{
    /// <summary>Parses every document of the folder in process, best of <paramref name="repeat"/> (the first also warms the JIT).</summary>
    public static void Parse(string folder, int repeat)
    {
        var bytes = Directory.EnumerateFiles(folder, "*.txt").Sum(f => new FileInfo(f).Length);
        var best = double.MaxValue;
        var entries = 0;
        for (var i = 0; i < Math.Max(1, repeat); i++)
        {
            var sw = Stopwatch.StartNew();
            var catalog = ChronologyLoader.Load([folder]);
            sw.Stop();
            entries = catalog.Events.Count;
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        Json.Line(new
        {
            section = "parse",
            files = Directory.EnumerateFiles(folder, "*.txt").Count(),
            megabytes = Json.Round(bytes / 1048576.0),
            entries,
            seconds = Json.Round(best),
            megabytesPerSecond = Json.Round(bytes / 1048576.0 / best, 1),
            entriesPerSecond = Math.Round(entries / best),
        });
    }

    /// <summary>
    /// Selection, rendering and the MIME message of the first <paramref name="limit"/> subscribers' digests for the week
    /// Sept. 4-10, 2017, on one thread, after a warm-up: what one digest costs the worker before the delivery record,
    /// in time and in bytes allocated.
    /// </summary>
    public static void Render(string folder, string templates, int limit)
    {
        var catalog = ChronologyLoader.Load([Path.Combine(folder, "chronologies")]);
        var set = SubscriptionsLoader.Load(Path.Combine(folder, "config", "subscriptions.json"), new SubscriberDefaults());
        // Matching every event against every topic, as a run does once before its first digest (cold: regex compile, JIT).
        var indexing = Stopwatch.StartNew();
        var index = new TopicIndex(catalog, set.Topics);
        indexing.Stop();
        var renderer = new DigestRenderer(
            new TemplateCatalog(templates),
            Options.Create(new RenderingOptions()),
            Options.Create(new MailingListOptions { Name = "Bilateral relations digest", UnsubscribeUrl = "https://digests.example.org/unsubscribe?s={subscriber}", ManageUrl = "https://digests.example.org/manage?s={subscriber}" }));
        var period = new DigestPeriod(new DateOnly(2017, 9, 4), new DateOnly(2017, 9, 11));
        var fire = new DateTimeOffset(2017, 9, 11, 7, 0, 0, TimeSpan.Zero);
        var messages = new DigestMessageFactory(new DeliveryOptions(), new MailingListOptions());
        // In the order a run builds them (subscribers sharing events next to each other), as the worker does.
        var subscribers = BuildOrder.For(set.Subscribers).Select(i => set.Subscribers[i]).Take(limit).ToList();
        var none = new HashSet<string>();

        foreach (var s in subscribers.Take(200))
        {
            var warm = DigestSelector.Select(index, s, fire, period, period.Start, none);
            using var warmRendered = renderer.Render(warm);
            messages.Create(warm, warmRendered).Buffer?.Release();
        }

        var select = new Stopwatch();
        var render = new Stopwatch();
        var message = new Stopwatch();
        long events = 0, bytes = 0;
        long selectAllocated = 0, renderAllocated = 0, messageAllocated = 0;
        foreach (var s in subscribers)
        {
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            select.Start();
            var plan = DigestSelector.Select(index, s, fire, period, period.Start, none);
            select.Stop();
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            events += plan.Events.Count;
            render.Start();
            using var rendered = renderer.Render(plan);
            render.Stop();
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            message.Start();
            var digest = messages.Create(plan, rendered);
            message.Stop();
            bytes += digest.Message.Length;
            digest.Buffer?.Release();
            var a3 = GC.GetAllocatedBytesForCurrentThread();
            selectAllocated += a1 - a0;
            renderAllocated += a2 - a1;
            messageAllocated += a3 - a2;
        }

        var n = Math.Max(1, subscribers.Count);
        Json.Line(new
        {
            section = "render",
            indexedEvents = catalog.Events.Count,
            topics = set.Topics.Count,
            indexSeconds = Json.Round(indexing.Elapsed.TotalSeconds),
            digests = subscribers.Count,
            eventsPerDigest = Json.Round((double)events / n, 1),
            selectMicroseconds = Json.Round(select.Elapsed.TotalMicroseconds / n, 1),
            renderMicroseconds = Json.Round(render.Elapsed.TotalMicroseconds / n, 1),
            messageMicroseconds = Json.Round(message.Elapsed.TotalMicroseconds / n, 1),
            totalMicroseconds = Json.Round((select.Elapsed.TotalMicroseconds + render.Elapsed.TotalMicroseconds + message.Elapsed.TotalMicroseconds) / n, 1),
            messageBytes = bytes / n,
            selectKilobytesAllocated = Json.Round(selectAllocated / 1024.0 / n, 1),
            renderKilobytesAllocated = Json.Round(renderAllocated / 1024.0 / n, 1),
            messageKilobytesAllocated = Json.Round(messageAllocated / 1024.0 / n, 1),
        });
    }
}

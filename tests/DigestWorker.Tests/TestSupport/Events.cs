using DigestWorker.Chronology;

namespace DigestWorker.Tests.TestSupport;

/// <summary>Hand-built events for tests that do not need the parser.</summary>
internal static class Events
{
    public static ChronologyEvent Make(
        string text,
        DateOnly start,
        DateOnly? end = null,
        EventKind kind = EventKind.Chronology,
        string? section = null,
        IReadOnlyList<string>? context = null,
        string title = "China - Russia",
        string? id = null) =>
        new()
        {
            Id = id ?? $"{start:yyyyMMdd}-{text.GetHashCode(StringComparison.Ordinal):x8}",
            Start = start,
            End = end ?? start,
            Kind = kind,
            Text = text,
            DateText = start.ToString("MMM. d, yyyy", System.Globalization.CultureInfo.InvariantCulture),
            Sources = [new EventSource("doc.txt", 1, title, "Sep — Dec 2017", section)],
            Context = context ?? [],
        };
}

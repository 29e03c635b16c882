namespace DigestWorker.Chronology.Parsing;

/// <summary>The per-document facts every event source repeats.</summary>
internal sealed record DocumentContext(string File, string Title, string PeriodText)
{
    public EventSource SourceAt(int line, string? section) => new(File, line, Title, PeriodText, section);
}

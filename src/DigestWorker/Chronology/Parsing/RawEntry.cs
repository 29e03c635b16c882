namespace DigestWorker.Chronology.Parsing;

/// <summary>A chronology entry as read, before it becomes an event: dates, text and the line it started on.</summary>
internal sealed record RawEntry(int Line, string DateText, DateSpan Dates, string Text);

namespace DigestWorker.Chronology.Parsing;

/// <summary>A day (or run of days) named in a narrative sentence, and the words that named it.</summary>
internal readonly record struct NarrativeDate(DateSpan Dates, string Text);

namespace DigestWorker.Chronology.Parsing;

/// <summary>A whole analysis sentence naming a day inside the document period.</summary>
internal sealed record NarrativeSentence(int Line, string? Section, NarrativeDate Date, string Text);

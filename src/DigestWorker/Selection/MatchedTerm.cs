namespace DigestWorker.Selection;

/// <summary>Why an event is in a topic: the configured term, where it matched and the text it matched.</summary>
public sealed record MatchedTerm(string Term, MatchLocation Where, string Matched);

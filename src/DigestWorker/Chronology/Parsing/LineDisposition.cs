namespace DigestWorker.Chronology.Parsing;

/// <summary>The role a 1-based line of the chronology section played.</summary>
internal readonly record struct LineDisposition(int Line, LineRole Role);

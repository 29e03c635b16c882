namespace DigestWorker.Chronology;

/// <summary>The document place an event was read from.</summary>
/// <param name="File">Path of the document as found in the source folder.</param>
/// <param name="Line">1-based line of the entry or sentence.</param>
/// <param name="Title">Relationship title, the document's first line (e.g. "China - Russia").</param>
/// <param name="Period">The document's period as written (e.g. "Sep — Dec 2017").</param>
/// <param name="Section">Section heading a narrative sentence sits under; the chronology heading for entries.</param>
public sealed record EventSource(string File, int Line, string Title, string Period, string? Section);

using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Chronology;

/// <summary>One chronology document as read: header, events (entries and narrative sentences) and warnings.</summary>
/// <param name="File">The document path as given to the parser.</param>
/// <param name="Title">Relationship title: the first non-empty line (e.g. "China - Russia").</param>
/// <param name="PeriodText">The period as written in the header (e.g. "Sep — Dec 2017"), or empty when none was found.</param>
/// <param name="PeriodStart">First day of the period's first month, when the period could be read.</param>
/// <param name="PeriodEnd">Last day of the period's last month, when the period could be read.</param>
/// <param name="Events">Chronology entries and narrative events, in document order of kind then line.</param>
/// <param name="Warnings">Everything that could not be read.</param>
public sealed record ParsedDocument(
    string File,
    string Title,
    string PeriodText,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    IReadOnlyList<ChronologyEvent> Events,
    IReadOnlyList<DocumentWarning> Warnings)
{
    /// <summary>
    /// What became of each line from the chronology heading on; internal so tests can prove that no
    /// line of the list is silently dropped without widening the public API.
    /// </summary>
    internal IReadOnlyList<LineDisposition> ChronologyLines { get; init; } = [];
}

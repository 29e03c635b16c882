namespace DigestWorker.Chronology.Parsing;

/// <summary>What a line of the chronology section was read as.</summary>
internal enum LineRole
{
    Blank,
    Heading,
    PeriodLine,
    Entry,
    Continuation,
    Warned,
}

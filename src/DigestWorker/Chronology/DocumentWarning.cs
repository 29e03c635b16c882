namespace DigestWorker.Chronology;

/// <summary>Something in a document that could not be read; never silently dropped.</summary>
/// <param name="File">The document path.</param>
/// <param name="Line">1-based line, or 0 for the whole file.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Raw">The raw text concerned, shortened for display.</param>
public sealed record DocumentWarning(string File, int Line, string Message, string? Raw = null)
{
    public override string ToString() =>
        Raw is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Message}: \"{Raw}\"";
}

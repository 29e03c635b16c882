namespace DigestWorker.Chronology;

/// <summary>Where chronology documents are read from. Section <c>Sources</c>.</summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Sources";

    /// <summary>Folders whose <c>*.txt</c> files are read. Default <c>data/chronologies</c>.</summary>
    /// <remarks>Empty means the default: a configured list replaces it rather than adding to it.</remarks>
    public List<string> Folders { get; set; } = [];

    /// <summary>The configured folders, or the default when none is configured.</summary>
    public IReadOnlyList<string> EffectiveFolders => Folders.Count > 0 ? Folders : ["data/chronologies"];
}

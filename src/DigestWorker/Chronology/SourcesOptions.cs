using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Chronology;

/// <summary>Where chronology documents are read from. Section <c>Sources</c>.</summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Sources";

    /// <summary>Folders whose <c>*.txt</c> files are read. Default <c>data/chronologies</c>.</summary>
    [Required]
    [MinLength(1)]
    public List<string> Folders { get; set; } = [];

    /// <summary>The configured folders, or the default when none is configured.</summary>
    public IReadOnlyList<string> EffectiveFolders => Folders.Count > 0 ? Folders : ["data/chronologies"];
}

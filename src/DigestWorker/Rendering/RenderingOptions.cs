using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Rendering;

/// <summary>Where templates live and the limits every render runs under. Section <c>Rendering</c>.</summary>
public sealed class RenderingOptions
{
    public const string SectionName = "Rendering";

    /// <summary>Templates root; each folder under it is a template set. Relative paths resolve against the working directory.</summary>
    [Required]
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>Subjects longer than this are cut and end with "…".</summary>
    [Range(10, 998)]
    public int SubjectMaxLength { get; set; } = 120;

    /// <summary>Wall-clock budget for one template render; a template that runs longer is stopped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Maximum iterations of any one loop in a template.</summary>
    [Range(1, 10_000_000)]
    public int LoopLimit { get; set; } = 10_000;

    /// <summary>Maximum size of one rendered body, in UTF-8 bytes.</summary>
    [Range(1_024, 100 * 1024 * 1024)]
    public int OutputLimitBytes { get; set; } = 1024 * 1024;
}

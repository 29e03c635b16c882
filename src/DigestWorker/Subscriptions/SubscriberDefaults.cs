using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Subscriptions;

/// <summary>Defaults for subscribers that do not set a value. Section <c>Defaults</c> of appsettings.json.</summary>
public sealed class SubscriberDefaults
{
    public const string SectionName = "Defaults";

    /// <summary>IANA time zone. Default <c>UTC</c>.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Quartz cron with seconds. Default weekly on Monday 07:00: <c>0 0 7 ? * MON</c>.</summary>
    [Required]
    public string Schedule { get; set; } = "0 0 7 ? * MON";

    /// <summary>Send a digest with no events. Default false.</summary>
    public bool SendEmpty { get; set; }

    /// <summary>Default format: <c>html</c> (with a plain-text alternative) or <c>text</c>.</summary>
    public DigestFormat Format { get; set; } = DigestFormat.Html;

    /// <summary>Default template set (folder under the templates path). Default <c>default</c>.</summary>
    [Required]
    public string TemplateSet { get; set; } = "default";
}

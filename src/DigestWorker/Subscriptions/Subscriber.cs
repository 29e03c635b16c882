namespace DigestWorker.Subscriptions;

/// <summary>A validated subscriber, as read from <c>subscriptions.json</c>.</summary>
public sealed class Subscriber
{
    /// <summary>Unique and stable: it keys the delivery record.</summary>
    public required string Id { get; init; }

    public required string Email { get; init; }

    public string? Name { get; init; }

    /// <summary>The subscriber's topics, resolved from their ids, in the order written.</summary>
    public required IReadOnlyList<Topic> Topics { get; init; }

    /// <summary>IANA time zone; default UTC.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Quartz cron with seconds; default weekly <c>0 0 7 ? * MON</c>.</summary>
    public required string Schedule { get; init; }

    /// <summary>Events ending before this date are never sent; when unset, the start of the first digest's period.</summary>
    public DateOnly? Since { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>When non-empty, only events from documents with these titles.</summary>
    public IReadOnlyList<string> Relationships { get; init; } = [];

    public DigestFormat Format { get; init; } = DigestFormat.Html;

    /// <summary>Template set: a folder under <c>templates/</c>; default <c>default</c>.</summary>
    public string TemplateSet { get; init; } = "default";

    /// <summary>Send a digest even when it has no events.</summary>
    public bool SendEmpty { get; init; }
}

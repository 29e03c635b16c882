namespace DigestWorker.Subscriptions;

/// <summary>A named set of keywords; an event is in the topic when a keyword matches and no exclude term does.</summary>
public sealed class Topic
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public required IReadOnlyList<string> Keywords { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];
}

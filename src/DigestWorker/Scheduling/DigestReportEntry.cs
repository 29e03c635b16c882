using DigestWorker.Delivery.Messages;

namespace DigestWorker.Scheduling;

/// <summary>One due digest in a run report.</summary>
public sealed record DigestReportEntry(
    string Subscriber,
    string Email,
    DateTimeOffset FireTime,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<string> Events,
    DigestOutcome Status,
    string? MessageId,
    string? Error)
{
    // Kept packed: a run's report holds an entry for every due digest until the run ends (10 MB of these strings at
    // 100,000 subscribers); the text is made again when read.
    private readonly PackedMessageId _messageId = PackedMessageId.Of(MessageId);

    public string? MessageId
    {
        get => _messageId.Text;
        init => _messageId = PackedMessageId.Of(value);
    }
}

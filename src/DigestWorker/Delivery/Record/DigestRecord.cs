using DigestWorker.Selection;

namespace DigestWorker.Delivery.Record;

/// <summary>One row of the delivery record, as <c>history</c> shows it.</summary>
public sealed record DigestRecord(
    string SubscriberId,
    string Email,
    DateTimeOffset FireTime,
    DigestPeriod Period,
    IReadOnlyList<string> EventIds,
    DigestStatus Status,
    int Attempts,
    string? LastError,
    string MessageId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

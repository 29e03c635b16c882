using DigestWorker.Delivery.Messages;
using DigestWorker.Selection;

namespace DigestWorker.Delivery.Record;

/// <summary>A built digest, ready to send: everything needed to send the identical message again after a crash.</summary>
/// <param name="SubscriberId">The subscriber; with <paramref name="FireTime"/> the unique key.</param>
/// <param name="Email">Recipient address.</param>
/// <param name="FireTime">The schedule instant (UTC).</param>
/// <param name="Period">The period the digest covers.</param>
/// <param name="EventIds">Ids of the events in the digest; marked as sent to the subscriber with the digest.</param>
/// <param name="MessageId">The Message-ID, fixed by subscriber and fire time (without angle brackets).</param>
/// <param name="Message">The complete RFC 5322 message bytes.</param>
public sealed record PendingDigest(
    string SubscriberId,
    string Email,
    DateTimeOffset FireTime,
    DigestPeriod Period,
    IReadOnlyList<string> EventIds,
    string MessageId,
    ReadOnlyMemory<byte> Message)
{
    /// <summary>
    /// The pooled array <see cref="Message"/> lies in, when it does: the dispatcher gives it back once done with the
    /// message, and nothing reads <see cref="Message"/> after that. Null for a message in an array of its own (read
    /// back from the record, or too large for the pool).
    /// </summary>
    public MessageBuffer? Buffer { get; init; }

    /// <summary>The same digest without its message, for what only records or reports it (it keeps no buffer alive).</summary>
    public PendingDigest WithoutMessage() => this with { Message = ReadOnlyMemory<byte>.Empty, Buffer = null };
}

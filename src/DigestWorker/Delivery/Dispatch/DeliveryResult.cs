namespace DigestWorker.Delivery.Dispatch;

/// <summary>The outcome of one digest in a run.</summary>
/// <param name="Attempts">Send attempts made in this run (0 when it was never tried).</param>
/// <param name="Error">The last error (the server's reply for a refusal); null when sent.</param>
public sealed record DeliveryResult(
    string SubscriberId,
    DateTimeOffset FireTime,
    string MessageId,
    DeliveryStatus Status,
    int Attempts,
    string? Error);

namespace DigestWorker.Delivery.Record;

/// <summary>A digest to claim as pending, and the subscriber's start to record with it when none is recorded yet.</summary>
/// <param name="Digest">The built digest with its message.</param>
/// <param name="SubscriberStart">The start the digest's plan assumed for a subscriber without one; null when recorded or configured.</param>
public sealed record DigestClaim(PendingDigest Digest, DateOnly? SubscriberStart);

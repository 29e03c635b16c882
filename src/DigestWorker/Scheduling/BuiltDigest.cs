using DigestWorker.Delivery.Record;

namespace DigestWorker.Scheduling;

/// <summary>What <see cref="DigestBuilder"/> made of one subscriber: a finished report entry, or a digest to claim.</summary>
internal sealed record BuiltDigest(DigestReportEntry? Entry, DigestClaim? Claim)
{
    public static BuiltDigest Done(DigestReportEntry entry) => new(entry, null);

    public static BuiltDigest ToClaim(DigestClaim claim) => new(null, claim);
}

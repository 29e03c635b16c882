using DigestWorker.Delivery.Record;
using MimeKit;

namespace DigestWorker.Delivery.Messages;

/// <summary>A built digest: the MimeKit message and the pending digest carrying its exact bytes for the record.</summary>
public sealed record DigestMessage(MimeMessage Message, PendingDigest Pending);

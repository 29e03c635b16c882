namespace DigestWorker.Delivery.Record;

/// <summary>State of a recorded digest.</summary>
public enum DigestStatus
{
    /// <summary>Built and claimed; the message is stored so the identical message can be sent again.</summary>
    Pending,

    Sent,

    /// <summary>Permanently refused (e.g. 550 for the recipient); not retried.</summary>
    Failed,
}

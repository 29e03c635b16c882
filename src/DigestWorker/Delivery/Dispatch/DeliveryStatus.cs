namespace DigestWorker.Delivery.Dispatch;

/// <summary>What one delivery run did with one digest.</summary>
public enum DeliveryStatus
{
    /// <summary>Accepted by the transport and recorded as sent.</summary>
    Sent,

    /// <summary>Permanently refused (e.g. 550 for the recipient); recorded as failed, not retried.</summary>
    Failed,

    /// <summary>Not sent in this run (transient failures, open circuit, cancellation or an aborted run); still pending.</summary>
    Deferred,
}

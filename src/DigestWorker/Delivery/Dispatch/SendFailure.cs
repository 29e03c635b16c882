namespace DigestWorker.Delivery.Dispatch;

/// <summary>What a send failure means for the digest and for the run.</summary>
internal enum SendFailure
{
    /// <summary>May work on another attempt (reconnecting): network errors, timeouts, 4xx, protocol errors.</summary>
    Transient,

    /// <summary>This message is refused for good (5xx for the recipient or the message); the others may go.</summary>
    Rejected,

    /// <summary>No message can go (sender refused, authentication failed, bad configuration): stop the run.</summary>
    Fatal,

    /// <summary>Not attempted: the circuit breaker is open after too many failures.</summary>
    CircuitOpen,

    /// <summary>The run was cancelled (shutdown, or another worker aborted it).</summary>
    Cancelled,
}

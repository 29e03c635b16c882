namespace DigestWorker.Subscriptions;

/// <summary>What a subscriber receives: HTML with a plain-text alternative (default), or plain text only.</summary>
public enum DigestFormat
{
    Html,
    Text,
}

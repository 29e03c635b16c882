namespace DigestWorker.Rendering;

/// <summary>A rendered digest: a one-line subject, the plain-text body and, unless the subscriber asked for text, the HTML body.</summary>
public sealed record RenderedDigest(string Subject, string Text, string? Html);

namespace DigestWorker.Rendering;

/// <summary>
/// A rendered digest: a one-line subject, the plain-text body and, unless the subscriber asked for text, the HTML body.
/// The bodies are held as UTF-8 in pooled arrays (<see cref="RenderedBody"/>); dispose the digest once its message is
/// built to give them back (one not disposed is simply collected).
/// </summary>
public sealed class RenderedDigest : IDisposable
{
    public RenderedDigest(string subject, string text, string? html)
        : this(subject, RenderedBody.From(text), html is null ? null : RenderedBody.From(html))
    {
    }

    internal RenderedDigest(string subject, RenderedBody text, RenderedBody? html)
    {
        Subject = subject ?? throw new ArgumentNullException(nameof(subject));
        TextBody = text ?? throw new ArgumentNullException(nameof(text));
        HtmlBody = html;
    }

    public string Subject { get; }

    /// <summary>The plain-text body, decoded from <see cref="TextBody"/> on each read.</summary>
    public string Text => TextBody.ToString();

    /// <summary>The HTML body, decoded from <see cref="HtmlBody"/> on each read; null for a text-only subscriber.</summary>
    public string? Html => HtmlBody?.ToString();

    internal RenderedBody TextBody { get; }

    internal RenderedBody? HtmlBody { get; }

    public void Dispose()
    {
        TextBody.Dispose();
        HtmlBody?.Dispose();
    }
}

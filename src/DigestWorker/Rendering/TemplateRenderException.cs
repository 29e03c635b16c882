namespace DigestWorker.Rendering;

/// <summary>A template could not be rendered for a subscriber: missing or invalid set, runtime error, or a limit was hit.</summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException()
        : this("unknown", "unknown", "template render failed")
    {
    }

    public TemplateRenderException(string message)
        : this("unknown", "unknown", message)
    {
    }

    public TemplateRenderException(string message, Exception innerException)
        : this("unknown", "unknown", message, innerException)
    {
    }

    public TemplateRenderException(string subscriberId, string templatePath, string message, Exception? innerException = null)
        : base($"Rendering {templatePath} for subscriber '{subscriberId}' failed: {message}", innerException)
    {
        SubscriberId = subscriberId;
        TemplatePath = templatePath;
    }

    /// <summary>The subscriber whose digest failed; the delivery record keys on it.</summary>
    public string SubscriberId { get; }

    /// <summary>The template file as configured (e.g. <c>templates/default/digest.html.sbn</c>).</summary>
    public string TemplatePath { get; }
}

using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace DigestWorker.Rendering;

/// <summary>
/// Resolves <c>include</c> names inside one template set folder. Only files of the set that were parsed at start-up
/// can be included: a name with a path separator or "..", or a file that was not there at load, is an error.
/// </summary>
internal sealed class TemplateSetLoader : ITemplateLoader
{
    private readonly string _folder;
    private readonly IReadOnlyDictionary<string, Template> _parsed;

    public TemplateSetLoader(string folder, IReadOnlyDictionary<string, Template> parsed)
    {
        _folder = folder;
        _parsed = parsed;
    }

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        if (string.IsNullOrWhiteSpace(templateName)
            || templateName.Contains('/', StringComparison.Ordinal)
            || templateName.Contains('\\', StringComparison.Ordinal)
            || templateName.Contains("..", StringComparison.Ordinal))
        {
            throw new ScriptRuntimeException(callerSpan, $"Include name '{templateName}' must be a file name in the same template set.");
        }

        var path = Path.Combine(_folder, templateName);
        return _parsed.ContainsKey(path)
            ? path
            : throw new ScriptRuntimeException(callerSpan, $"Include '{templateName}' is not a template of this set.");
    }

    // Every include was parsed and handed to the context's cache up front, so Scriban never needs the text;
    // reaching here means the cache was bypassed, which is a programming error rather than a template one.
    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        throw new ScriptRuntimeException(callerSpan, $"Include '{templatePath}' was not preloaded.");

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));

    /// <summary>Puts the set's parsed templates into a fresh context so includes reuse them instead of parsing again.</summary>
    public void Prime(TemplateContext context)
    {
        context.TemplateLoader = this;
        foreach (var (path, template) in _parsed)
        {
            context.CachedTemplates[path] = template;
        }
    }
}

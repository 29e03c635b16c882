using Microsoft.Extensions.Options;

namespace DigestWorker.Rendering;

/// <summary>
/// Every template set under the templates root, parsed once and reused for every digest.
/// Loading never throws for template mistakes: <see cref="Validate"/> lists them all so the operator can fix them in one go.
/// </summary>
public sealed class TemplateCatalog
{
    public const string DefaultSet = "default";

    private readonly Dictionary<string, TemplateSet> _sets = new(StringComparer.Ordinal);
    private readonly List<string> _rootErrors = [];

    public TemplateCatalog(IOptions<RenderingOptions> options)
        : this(options.Value.TemplatesPath)
    {
    }

    /// <param name="templatesRoot">The templates root as configured; relative paths resolve against the working directory.</param>
    public TemplateCatalog(string templatesRoot)
    {
        Root = templatesRoot;
        var full = Path.GetFullPath(templatesRoot);
        if (!Directory.Exists(full))
        {
            _rootErrors.Add($"{templatesRoot}: templates folder not found");
            return;
        }

        string[] folders;
        try
        {
            // Hidden folders (.git, an editor's) are not template sets.
            folders = [.. Directory.EnumerateDirectories(full).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _rootErrors.Add($"{templatesRoot}: cannot be read: {ex.Message}");
            return;
        }

        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            _sets[name] = TemplateSet.Load(name, folder, Path.Combine(templatesRoot, name));
        }

        if (!_sets.ContainsKey(DefaultSet))
        {
            _rootErrors.Add($"{Path.Combine(templatesRoot, DefaultSet)}: default template set is missing");
        }
    }

    /// <summary>The templates root as configured.</summary>
    public string Root { get; }

    /// <summary>Names of the template sets found (folder names).</summary>
    public IReadOnlyCollection<string> SetNames => _sets.Keys;

    /// <summary>All problems in all sets, as <c>path:line:column: message</c> (1-based); empty when every set is usable.</summary>
    public IReadOnlyList<string> Validate() => [.. _rootErrors, .. _sets.Values.SelectMany(s => s.Errors)];

    internal TemplateSet? Find(string name) => _sets.GetValueOrDefault(name);
}

using Scriban;

namespace DigestWorker.Rendering;

/// <summary>One folder of templates, every <c>*.sbn</c> parsed once at load, with the errors found.</summary>
internal sealed class TemplateSet
{
    public const string SubjectFile = "subject.sbn";
    public const string TextFile = "digest.txt.sbn";
    public const string HtmlFile = "digest.html.sbn";
    public const string EventTextFile = "event.txt.sbn";
    public const string EventHtmlFile = "event.html.sbn";

    private static readonly string[] RequiredFiles = [SubjectFile, TextFile, HtmlFile, EventTextFile, EventHtmlFile];

    private readonly Dictionary<string, Template> _byFile;

    private TemplateSet(string name, string displayFolder, Dictionary<string, Template> byFile, TemplateSetLoader loader, IReadOnlyList<string> errors)
    {
        Name = name;
        DisplayFolder = displayFolder;
        _byFile = byFile;
        Loader = loader;
        Errors = errors;
    }

    public string Name { get; }

    /// <summary>The folder as configured, used in messages so they point where the operator looks.</summary>
    public string DisplayFolder { get; }

    public TemplateSetLoader Loader { get; }

    /// <summary>Every problem, as <c>path:line:column: message</c> (1-based) or <c>path: message</c>.</summary>
    public IReadOnlyList<string> Errors { get; }

    public string DisplayPath(string file) => Path.Combine(DisplayFolder, file);

    /// <summary>The parsed template for a required file; null when the file is missing.</summary>
    public Template? Get(string file) => _byFile.GetValueOrDefault(file);

    public static TemplateSet Load(string name, string folder, string displayFolder)
    {
        var byFile = new Dictionary<string, Template>(StringComparer.Ordinal);
        var byPath = new Dictionary<string, Template>(StringComparer.Ordinal);
        var errors = new List<string>();

        string[] paths;
        try
        {
            paths = [.. Directory.EnumerateFiles(folder, "*.sbn").Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TemplateSet(name, displayFolder, byFile, new TemplateSetLoader(folder, byPath), [$"{displayFolder}: cannot be read: {ex.Message}"]);
        }

        foreach (var path in paths)
        {
            var file = Path.GetFileName(path);
            var display = Path.Combine(displayFolder, file);
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Reported, and not counted as missing as well.
                errors.Add($"{display}: cannot be read: {ex.Message}");
                byFile[file] = Template.Parse(string.Empty, display);
                continue;
            }

            var template = Template.Parse(text, display);
            byFile[file] = template;
            byPath[path] = template;
            if (template.HasErrors)
            {
                // Scriban spans are 0-based; editors and compilers count from 1.
                errors.AddRange(template.Messages.Select(m =>
                    $"{display}:{m.Span.Start.Line + 1}:{m.Span.Start.Column + 1}: {m.Message}"));
            }
        }

        foreach (var required in RequiredFiles.Where(f => !byFile.ContainsKey(f)))
        {
            errors.Add($"{Path.Combine(displayFolder, required)}: required template file is missing");
        }

        return new TemplateSet(name, displayFolder, byFile, new TemplateSetLoader(folder, byPath), errors);
    }
}

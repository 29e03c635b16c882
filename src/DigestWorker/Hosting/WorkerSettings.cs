using DigestWorker.Chronology;
using DigestWorker.Delivery;
using DigestWorker.Delivery.Record;
using DigestWorker.Rendering;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Configuration;

namespace DigestWorker.Hosting;

/// <summary>
/// The worker's settings read from <c>appsettings.json</c> in the config folder, overridden by environment variables
/// (<c>Section__Key</c>), bound to typed options and validated together: every problem names the file and the setting.
/// </summary>
public sealed class WorkerSettings
{
    private WorkerSettings(ConfigFolder folder, IConfiguration configuration)
    {
        Folder = folder;
        Configuration = configuration;
    }

    public ConfigFolder Folder { get; }

    public IConfiguration Configuration { get; }

    public SourcesOptions Sources { get; private set; } = new();

    public SubscriberDefaults Defaults { get; private set; } = new();

    public RenderingOptions Rendering { get; private set; } = new();

    public MailingListOptions MailingList { get; private set; } = new();

    public DeliveryOptions Delivery { get; private set; } = new();

    public StateOptions State { get; private set; } = new();

    public List<ConfigProblem> Problems { get; } = [];

    /// <summary>The template sets, parsed once: the start-up check validates them and the renderer uses the same instance.</summary>
    public TemplateCatalog Templates => _templates ??= new TemplateCatalog(Rendering.TemplatesPath);

    private TemplateCatalog? _templates;

    /// <summary>Loads and validates the settings; <paramref name="overrides"/> (e.g. from tests) win over files and environment.</summary>
    public static WorkerSettings Load(ConfigFolder folder, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        var problems = new List<ConfigProblem>();
        if (!Directory.Exists(folder.Path))
        {
            problems.Add(new ConfigProblem(folder.Path, "folder", "the config folder does not exist (set it with --config DIR)"));
        }
        else
        {
            builder.AddJsonFile(Path.GetFullPath(folder.AppSettings), optional: true, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problems.Add(FileProblem(folder.AppSettings, ex));
            configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        }

        var settings = new WorkerSettings(folder, configuration);
        settings.Problems.AddRange(problems);
        settings.Sources = settings.Bind<SourcesOptions>(SourcesOptions.SectionName);
        settings.Defaults = settings.Bind<SubscriberDefaults>(SubscriberDefaults.SectionName);
        settings.Rendering = settings.Bind<RenderingOptions>(RenderingOptions.SectionName);
        settings.MailingList = settings.Bind<MailingListOptions>(MailingListOptions.SectionName);
        settings.Delivery = settings.Bind<DeliveryOptions>(DeliveryOptions.SectionName);
        settings.State = settings.Bind<StateOptions>(StateOptions.SectionName);
        return settings;
    }

    // The JSON reader's line and column when it has them (they sit a few exceptions deep), else the file.
    private static ConfigProblem FileProblem(string file, Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: { } line } json)
            {
                var what = json.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0];
                return new ConfigProblem(file, $"line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}", $"invalid JSON: {what}");
            }
        }

        return new ConfigProblem(file, "file", ex is UnauthorizedAccessException ? $"cannot be read: {ex.Message}" : (ex.InnerException ?? ex).Message);
    }

    // The binder names only the unknown properties ("... not found on the instance of X: 'Mod', 'Hostt'"), not where
    // they are; their full keys are found among the section's own.
    private List<string> UnknownKeys(string section, InvalidOperationException ex)
    {
        const string Marker = "were not found on the instance of ";
        var at = ex.Message.IndexOf(Marker, StringComparison.Ordinal);
        var colon = at < 0 ? -1 : ex.Message.IndexOf(": ", at, StringComparison.Ordinal);
        if (colon < 0)
        {
            return [];
        }

        var names = ex.Message[(colon + 2)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim('\'')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in Configuration.GetSection(section).AsEnumerable())
        {
            // "Delivery:Smtp:Hostt" -> the path up to the first unknown name below the section.
            var parts = key.Split(':');
            var first = Array.FindIndex(parts, 1, names.Contains);
            if (first > 0)
            {
                unknown.Add(string.Join(':', parts[..(first + 1)]));
            }
        }

        return [.. unknown];
    }

    private T Bind<T>(string section)
        where T : class, new()
    {
        T options;
        try
        {
            // A key no setting has (a misspelt "Mod", or "Smtp" outside "Delivery") is an error, not a silent default.
            options = Configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            Problems.AddRange(UnknownKeys(section, ex) is { Count: > 0 } unknown
                ? unknown.Select(key => new ConfigProblem(Folder.AppSettings, key, "unknown setting (misspelt, or in the wrong section?); it would be ignored"))
                : [new ConfigProblem(Folder.AppSettings, section, ex.Message)]);
            return new T();
        }

        if (options is DeliveryOptions delivery)
        {
            // Delivery has cross-field rules (e.g. no credentials over plain text to a remote host) beyond its annotations.
            Problems.AddRange(DeliveryOptionsValidator.Errors(delivery).Select(e => new ConfigProblem(Folder.AppSettings, section, e)));
        }
        else
        {
            Problems.AddRange(OptionsChecker.Check(options, section, Folder.AppSettings));
        }

        return options;
    }
}

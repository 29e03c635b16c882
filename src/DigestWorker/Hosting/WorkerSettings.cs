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
        settings.Problems.AddRange(UnknownSections(configuration, folder.AppSettings));
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

    // The sections appsettings.json may have: a misspelt one ("Delievery") would be ignored whole. Only the file's are
    // checked: the environment holds every variable of the process.
    private static readonly HashSet<string> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        SourcesOptions.SectionName, SubscriberDefaults.SectionName, RenderingOptions.SectionName, MailingListOptions.SectionName,
        DeliveryOptions.SectionName, StateOptions.SectionName, "Logging", "$schema",
    };

    private static IEnumerable<ConfigProblem> UnknownSections(IConfiguration configuration, string file) =>
        (configuration as IConfigurationRoot)?.Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>()
            .SelectMany(p => p.GetChildKeys([], null)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(section => !Sections.Contains(section)).Order(StringComparer.Ordinal)
            .Select(section => new ConfigProblem(file, section, $"unknown section (known: {string.Join(", ", Sections)}); it would be ignored"))
        ?? [];

    // Where a key was set: appsettings.json, or the environment variable that says it (the file is the default answer,
    // also for overrides given in code).
    private string SourceOf(string key)
    {
        if (Configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Reverse())
            {
                if (provider.TryGet(key, out _) || provider.GetChildKeys([], key).Any())
                {
                    return provider is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider
                        ? $"environment variable {key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal)}"
                        : Folder.AppSettings;
                }
            }
        }

        return Folder.AppSettings;
    }

    private T Bind<T>(string section)
        where T : class, new()
    {
        // A key no setting has, or a number for a named choice, is an error, not a silent default.
        var keyProblems = SettingsKeys.Check(Configuration.GetSection(section), typeof(T)).Select(p => new ConfigProblem(SourceOf(p.Key), p.Key, p.Message)).ToList();
        Problems.AddRange(keyProblems);
        if (keyProblems.Count > 0)
        {
            return new T();
        }

        T options;
        try
        {
            options = Configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            Problems.Add(new ConfigProblem(Folder.AppSettings, section, ex.Message));
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

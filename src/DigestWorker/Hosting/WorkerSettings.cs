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
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            problems.Add(new ConfigProblem(folder.AppSettings, "file", (ex.InnerException ?? ex).Message));
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

    private T Bind<T>(string section)
        where T : class, new()
    {
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

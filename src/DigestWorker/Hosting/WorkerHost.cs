using DigestWorker.Chronology;
using DigestWorker.Delivery;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Messages;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using DigestWorker.Rendering;
using DigestWorker.Scheduling;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DigestWorker.Hosting;

/// <summary>Builds the generic host for a verb: the validated settings, logging to stderr, and the pipeline's services.</summary>
internal static class WorkerHost
{
    public static HostApplicationBuilder CreateBuilder(WorkerSettings settings, TimeProvider? timeProvider = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Environment.CurrentDirectory,
            Configuration = new ConfigurationManager(),
        });
        builder.Configuration.AddConfiguration(settings.Configuration);
        ConfigureLogging(builder);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        services.AddSingleton(settings.Sources);
        services.AddSingleton(settings.Defaults);
        services.AddSingleton(settings.Delivery);
        services.AddSingleton(settings.State);
        services.AddSingleton(Options.Create(settings.Rendering));
        services.AddSingleton(Options.Create(settings.MailingList));
        services.AddSingleton(settings.MailingList);
        services.AddSingleton<EventCatalogProvider>();
        services.AddSingleton(settings.Templates);
        services.AddSingleton(sp => new SubscriptionsMonitor(
            settings.Folder.Subscriptions,
            settings.Defaults,
            new HashSet<string>(settings.Templates.SetNames),
            sp.GetRequiredService<ILogger<SubscriptionsMonitor>>()));
        services.AddSingleton<DigestRenderer>();
        services.AddSingleton(_ => new DigestMessageFactory(settings.Delivery, settings.MailingList));
        services.AddSingleton<IDeliveryRecord>(sp => new SqliteDeliveryRecord(settings.State, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteDeliveryRecord>>()));
        services.AddSingleton<IMailTransport>(sp => settings.Delivery.Mode == DeliveryMode.Smtp
            ? new SmtpMailTransport(settings.Delivery, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SmtpMailTransport>>())
            : new PickupMailTransport(settings.Delivery, logger: sp.GetRequiredService<ILogger<PickupMailTransport>>()));
        services.AddSingleton<DigestDispatcher>();
        services.AddSingleton<DigestPlanner>();
        services.AddSingleton<DigestBuilder>();
        services.AddSingleton<DigestRunner>();
        return builder;
    }

    private static void ConfigureLogging(HostApplicationBuilder builder)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var json = string.Equals(builder.Configuration["Logging:Console:FormatterName"], ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase);
        if (json)
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}

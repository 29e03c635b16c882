using System.CommandLine;
using DigestWorker.Chronology;
using DigestWorker.Delivery.Record;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigestWorker.Hosting.Cli;

/// <summary>What every verb does first: load the settings, run the start-up checks, and build the host.</summary>
internal static class VerbContext
{
    /// <summary>Runs <paramref name="body"/> with a built host, or returns exit code 2 after printing every configuration problem.</summary>
    public static Task<int> WithHostAsync(ParseResult parse, Func<IHost, Task<int>> body) => WithHostAsync(parse, null, body);

    /// <summary>As above, letting the verb add services (e.g. the Quartz service) before the host is built.</summary>
    public static async Task<int> WithHostAsync(ParseResult parse, Action<HostApplicationBuilder>? configure, Func<IHost, Task<int>> body)
    {
        var settings = WorkerSettings.Load(CliOptions.Folder(parse));
        var problems = StartupCheck.Run(settings);
        if (problems.Count > 0)
        {
            return StartupCheck.Report(problems);
        }

        var builder = WorkerHost.CreateBuilder(settings);
        configure?.Invoke(builder);
        using var host = builder.Build();
        try
        {
            return await body(host);
        }
        catch (ConfigurationInvalidException ex)
        {
            return StartupCheck.Report(ex.Problems);
        }
        catch (Exception ex) when (ex is DeliveryRecordException or SourceFolderException)
        {
            // The state or the documents cannot be used: a clear message and a non-zero exit, never a stack trace.
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Error;
        }
    }

    public static T Get<T>(this IHost host)
        where T : notnull => host.Services.GetRequiredService<T>();
}

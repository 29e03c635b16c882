using System.CommandLine;

namespace DigestWorker.Hosting.Cli;

/// <summary>Options shared by several verbs.</summary>
internal static class CliOptions
{
    public static readonly Option<string> Config = new("--config")
    {
        Description = "Config folder holding appsettings.json and subscriptions.json",
        DefaultValueFactory = _ => "config",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table" };

    public static Option<DateTimeOffset?> AsOf() => new("--as-of")
    {
        Description = "The instant to act as of (ISO 8601, e.g. 2017-09-11T09:00:00Z); default now",
    };

    public static ConfigFolder Folder(ParseResult result) => new(result.GetValue(Config) ?? "config");
}

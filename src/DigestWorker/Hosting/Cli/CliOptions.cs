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
        Description = "The instant to act as of (ISO 8601, e.g. 2017-09-11T09:00:00Z; without an offset, UTC); default now",
        CustomParser = ParseInstant,
    };

    // UTC when no offset is written (not the host's zone, which would make the same command mean another instant on
    // another machine), and within years a schedule can be searched in (the year 1 ran fire-time arithmetic off the calendar).
    private static DateTimeOffset? ParseInstant(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
        {
            result.AddError($"--as-of: \"{text}\" is not a date and time (ISO 8601, e.g. 2017-09-11T09:00:00Z).");
            return null;
        }

        if (instant.UtcDateTime.Year is < 1900 or > 9990)
        {
            result.AddError($"--as-of: {instant:o} is outside the years 1900 to 9990.");
            return null;
        }

        return instant.ToUniversalTime();
    }

    public static ConfigFolder Folder(ParseResult result) => new(result.GetValue(Config) ?? "config");
}

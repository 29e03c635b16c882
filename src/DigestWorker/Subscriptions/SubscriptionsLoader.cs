using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigestWorker.Subscriptions;

/// <summary>
/// Reads <c>subscriptions.json</c> (comments and trailing commas allowed) and validates all of it at once.
/// Nothing half-read is ever returned: either a whole <see cref="SubscriptionSet"/> or every problem found.
/// </summary>
public static class SubscriptionsLoader
{
    /// <summary>Where the subscriber defaults come from when the caller does not say (the <c>Defaults</c> section).</summary>
    public const string DefaultsFile = "appsettings.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,

        // A property written twice is a mistake the last one would silently win (two "subscribers" lists: the
        // first list's people gone; a bad "timeZone" hidden behind a good one).
        AllowDuplicateProperties = false,
    };

    // The .NET types the document binds to, as a message should say them (the serializer names the CLR type).
    private static readonly (string Type, string Expected)[] Expectations =
    [
        (typeof(bool?).ToString(), "true or false"),
        (typeof(bool).ToString(), "true or false"),
        (typeof(string).ToString(), "a string"),
        (typeof(List<string>).ToString(), "an array of strings"),
        (typeof(List<SubscriptionsDocument.TopicEntry>).ToString(), "an array of topics"),
        (typeof(List<SubscriptionsDocument.SubscriberEntry>).ToString(), "an array of subscribers"),
        (typeof(SubscriptionsDocument.TopicEntry).ToString(), "a topic object"),
        (typeof(SubscriptionsDocument.SubscriberEntry).ToString(), "a subscriber object"),
        (typeof(SubscriptionsDocument).ToString(), "an object with \"topics\" and \"subscribers\""),
    ];

    /// <summary>Loads and validates the file; throws <see cref="ConfigurationInvalidException"/> listing every problem.</summary>
    public static SubscriptionSet Load(string path, SubscriberDefaults defaults, IReadOnlySet<string>? templateSets = null, string defaultsFile = DefaultsFile)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationInvalidException([new ConfigProblem(path, "file", $"cannot be read: {ex.Message}")]);
        }

        return Parse(path, bytes, defaults, templateSets, defaultsFile);
    }

    /// <summary>Parses and validates file content; <paramref name="path"/> is used in messages.</summary>
    public static SubscriptionSet Parse(string path, ReadOnlySpan<byte> json, SubscriberDefaults defaults, IReadOnlySet<string>? templateSets = null, string defaultsFile = DefaultsFile)
    {
        SubscriptionsDocument? document;
        try
        {
            // Editors on some systems save UTF-8 with a byte order mark, which the reader would call an invalid value.
            document = JsonSerializer.Deserialize<SubscriptionsDocument>(json.StartsWith("\uFEFF"u8) ? json[3..] : json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var place = ex.LineNumber is { } line
                ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}"
                : "file";
            var what = Plain(ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]);
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" (at {ex.Path})";
            throw new ConfigurationInvalidException([new ConfigProblem(path, place, $"invalid JSON{where}: {what}")]);
        }

        if (document is null)
        {
            throw new ConfigurationInvalidException([new ConfigProblem(path, "file", "the document is null, not an object with \"topics\" and \"subscribers\"")]);
        }

        var validator = new SubscriptionsValidator(path, defaults, templateSets, defaultsFile);
        return validator.Validate(document);
    }

    // "The JSON value could not be converted to System.Nullable`1[System.Boolean]." -> "... expected true or false."
    private static string Plain(string message)
    {
        const string Converted = "The JSON value could not be converted to ";
        if (message.StartsWith(Converted, StringComparison.Ordinal))
        {
            var type = message[Converted.Length..].TrimEnd('.', ' ');
            foreach (var (name, expected) in Expectations)
            {
                if (type == name)
                {
                    return $"wrong type of value: expected {expected}.";
                }
            }
        }

        foreach (var (name, expected) in Expectations)
        {
            message = message.Replace($"'{name}'", expected, StringComparison.Ordinal);
        }

        return message;
    }

    internal static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

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
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads and validates the file; throws <see cref="ConfigurationInvalidException"/> listing every problem.</summary>
    public static SubscriptionSet Load(string path, SubscriberDefaults defaults, IReadOnlySet<string>? templateSets = null)
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

        return Parse(path, bytes, defaults, templateSets);
    }

    /// <summary>Parses and validates file content; <paramref name="path"/> is used in messages.</summary>
    public static SubscriptionSet Parse(string path, ReadOnlySpan<byte> json, SubscriberDefaults defaults, IReadOnlySet<string>? templateSets = null)
    {
        SubscriptionsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SubscriptionsDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var place = ex.LineNumber is { } line
                ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}"
                : "file";
            var what = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" (at {ex.Path})";
            throw new ConfigurationInvalidException([new ConfigProblem(path, place, $"invalid JSON{where}: {what}")]);
        }

        var validator = new SubscriptionsValidator(path, defaults, templateSets);
        return validator.Validate(document ?? new SubscriptionsDocument());
    }

    internal static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace DigestWorker.Hosting;

/// <summary>
/// Checks the keys under one settings section against the options type they bind to, before binding: a key no setting
/// has (a misspelt <c>Delivery:Mod</c>, <c>Host</c> written outside <c>Smtp</c>) and a value for a named choice that is
/// not one of its names (<c>Mode=1</c>, <c>"Html, Text"</c>: the binder would take the number, or OR the names) are
/// problems, every one of them at once. The binder's own check stops at the first object and names no path.
/// </summary>
internal static class SettingsKeys
{
    public static IEnumerable<(string Key, string Message)> Check(IConfigurationSection section, Type optionsType)
    {
        var unknown = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.AsEnumerable().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var parts = key.Split(ConfigurationPath.KeyDelimiter);
            if (FirstUnknown(parts, optionsType, out var type) is var at and >= 0)
            {
                unknown.Add(string.Join(ConfigurationPath.KeyDelimiter, parts[..(at + 1)]));
                continue;
            }

            if (value is null || parts.Length == 1)
            {
                continue;
            }

            if (!IsLeaf(type) && value.Length > 0)
            {
                // Sources__Folders=/srv/data: the binder ignores a single value given for a list or a section.
                yield return (key, $"is a list or a section, not a single value (a list's first item is {key}:0, as an environment variable {key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal)}__0)");
            }
            else if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } choice
                && !(value.Length == 0 && Nullable.GetUnderlyingType(type) is not null)
                && !Enum.GetNames(choice).Any(name => name.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                yield return (key, $"\"{value}\" is not one of {string.Join(", ", Enum.GetNames(choice))}");
            }
        }

        foreach (var key in unknown)
        {
            yield return (key, "unknown setting (misspelt, or in the wrong section?); it would be ignored");
        }
    }

    // The index of the first part of the key (after the section's own name) that no setting has, or -1; type is what
    // the whole key binds to when it is known.
    private static int FirstUnknown(string[] parts, Type optionsType, out Type type)
    {
        type = optionsType;
        for (var i = 1; i < parts.Length; i++)
        {
            if (IsLeaf(type))
            {
                return i; // below a value: "Delivery:Smtp:Port:X"
            }

            if (ElementType(type) is { } element)
            {
                // A list item's key is its index.
                if (!int.TryParse(parts[i], out _))
                {
                    return i;
                }

                type = element;
                continue;
            }

            // What the binder fills: a property with a public setter, or a list or section it fills in place.
            var property = type.GetProperty(parts[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (property.SetMethod?.IsPublic != true && !FilledInPlace(property.PropertyType)))
            {
                return i;
            }

            type = property.PropertyType;
        }

        return -1;
    }

    // A get-only property the binder fills: a concrete class it can add to or set members of (not an interface such
    // as IReadOnlyList, not an array, not a value).
    private static bool FilledInPlace(Type type) => type is { IsClass: true, IsArray: false, IsAbstract: false } && !IsLeaf(type);

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(Uri);
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type.GetGenericArguments() is [var element]
            && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type) ? element : null;
    }
}

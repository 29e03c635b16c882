using System.Collections;
using System.ComponentModel.DataAnnotations;
using DigestWorker.Subscriptions;

namespace DigestWorker.Hosting;

/// <summary>Validates an options object and its nested options with their DataAnnotations, naming each setting as <c>Section:Key</c>.</summary>
internal static class OptionsChecker
{
    public static IEnumerable<ConfigProblem> Check(object options, string section, string file)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                yield return new ConfigProblem(file, member.Length == 0 ? section : $"{section}:{member}", result.ErrorMessage ?? "invalid value");
            }
        }

        foreach (var property in options.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(string)
                || !property.PropertyType.IsClass || typeof(IEnumerable).IsAssignableFrom(property.PropertyType)
                || property.PropertyType.Namespace?.StartsWith("DigestWorker", StringComparison.Ordinal) != true)
            {
                continue;
            }

            if (property.GetValue(options) is { } nested)
            {
                foreach (var problem in Check(nested, $"{section}:{property.Name}", file))
                {
                    yield return problem;
                }
            }
        }
    }
}

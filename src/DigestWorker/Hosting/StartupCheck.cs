using DigestWorker.Subscriptions;

namespace DigestWorker.Hosting;

/// <summary>
/// The checks every verb runs before doing anything: settings, source folders, templates and subscriptions,
/// all problems at once, each naming the file and the place.
/// </summary>
public static class StartupCheck
{
    public static IReadOnlyList<ConfigProblem> Run(WorkerSettings settings)
    {
        var problems = new List<ConfigProblem>(settings.Problems);
        foreach (var folder in settings.Sources.EffectiveFolders)
        {
            if (!Directory.Exists(folder))
            {
                problems.Add(new ConfigProblem(settings.Folder.AppSettings, "Sources:Folders", $"source folder \"{folder}\" does not exist (relative to {Environment.CurrentDirectory})"));
            }
            else
            {
                try
                {
                    _ = Directory.EnumerateFiles(folder, "*.txt").FirstOrDefault();
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
                {
                    problems.Add(new ConfigProblem(settings.Folder.AppSettings, "Sources:Folders", $"source folder \"{folder}\" cannot be read: {ex.Message}"));
                }
            }
        }

        if (settings.Delivery.Mode == Delivery.DeliveryMode.Pickup && File.Exists(settings.Delivery.PickupFolder))
        {
            // Every message would fail with "already exists" and stay pending, run after run.
            problems.Add(new ConfigProblem(settings.Folder.AppSettings, "Delivery:PickupFolder", $"\"{settings.Delivery.PickupFolder}\" is a file, not a folder"));
        }

        HashSet<string>? sets = null;
        if (Directory.Exists(settings.Rendering.TemplatesPath))
        {
            var catalog = settings.Templates;
            problems.AddRange(catalog.Validate().Select(e => new ConfigProblem(settings.Rendering.TemplatesPath, "template", e)));
            sets = [.. catalog.SetNames];
        }
        else
        {
            problems.Add(new ConfigProblem(settings.Folder.AppSettings, "Rendering:TemplatesPath", $"templates folder \"{settings.Rendering.TemplatesPath}\" does not exist"));
        }

        try
        {
            _ = SubscriptionsLoader.Load(settings.Folder.Subscriptions, settings.Defaults, sets, settings.Folder.AppSettings);
        }
        catch (ConfigurationInvalidException ex)
        {
            problems.AddRange(ex.Problems);
        }

        return problems;
    }

    /// <summary>Prints the problems to stderr; returns the exit code for invalid configuration.</summary>
    public static int Report(IReadOnlyList<ConfigProblem> problems)
    {
        Console.Error.WriteLine($"Configuration is invalid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}); nothing was done:");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("  " + problem);
        }

        return ExitCodes.ConfigurationInvalid;
    }
}

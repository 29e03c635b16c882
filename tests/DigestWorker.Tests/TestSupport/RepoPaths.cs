namespace DigestWorker.Tests.TestSupport;

/// <summary>Finds the repository root (the folder holding DigestWorker.sln) from the test output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample => Path.Combine(Root, "data", "chronologies");

    public static string Config => Path.Combine(Root, "config");

    public static string Templates => Path.Combine(Root, "templates");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DigestWorker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DigestWorker.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace DigestWorker.Tests.Chronology;

/// <summary>Locates the checked-in sample by walking up to the folder holding DigestWorker.sln.</summary>
internal static class SampleDocument
{
    public const string RelativePath = "data/chronologies/000_38276b7c24a0592b.txt";

    public static string RepositoryRoot()
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

    public static string FullPath => Path.Combine(RepositoryRoot(), RelativePath);

    public static string Text() => File.ReadAllText(FullPath);
}

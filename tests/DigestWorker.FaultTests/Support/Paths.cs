namespace DigestWorker.FaultTests.Support;

/// <summary>The repository root (the folder holding DigestWorker.sln) and the built worker.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    /// <summary>src/DigestWorker/bin/&lt;same configuration as this test build&gt;/net10.0/DigestWorker.dll.</summary>
    public static string WorkerDll { get; } = FindWorker();

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

    private static string FindWorker()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Root, "src", "DigestWorker", "bin", configuration, "net10.0", "DigestWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the worker first (dotnet build)", dll);
    }
}

using DigestWorker.Delivery.Transport;

namespace DigestWorker.Tests.Delivery;

public sealed class FolderSyncTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("folder-sync-tests-").FullName;

    [Fact]
    public void Flush_AnExistingFolder_Succeeds()
    {
        File.WriteAllText(Path.Combine(root, "a.eml"), "x");

        FolderSync.Flush(root);

        Assert.True(File.Exists(Path.Combine(root, "a.eml")));
    }

    [Fact]
    public void Flush_AMissingFolder_ThrowsNamingIt()
    {
        // Linux (CI, the container) and macOS only: Windows has no folder to flush.
        var missing = Path.Combine(root, "gone");

        var error = Assert.Throws<IOException>(() => FolderSync.Flush(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("open", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

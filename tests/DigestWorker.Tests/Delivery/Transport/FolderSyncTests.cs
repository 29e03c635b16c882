using DigestWorker.Delivery.Transport;

namespace DigestWorker.Tests.Delivery.Transport;

public sealed class FolderSyncTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("folder-sync-tests-").FullName;

    [Fact]
    public void TryFlush_AnExistingFolder_Flushes()
    {
        File.WriteAllText(Path.Combine(root, "a.eml"), "x");

        Assert.True(FolderSync.TryFlush(root, out var notFlushable));

        Assert.Null(notFlushable);
        Assert.True(File.Exists(Path.Combine(root, "a.eml")));
    }

    [Fact]
    public void TryFlush_AMissingFolder_ThrowsNamingItAndTheCall()
    {
        // Linux (CI, the container) and macOS: Windows has no folder to flush, and returns true.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var missing = Path.Combine(root, "gone");

        var error = Assert.Throws<IOException>(() => FolderSync.TryFlush(missing, out _));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("open: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

using DigestWorker.Chronology;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigestWorker.Tests.Chronology;

public sealed class EventCatalogProviderTests
{
    private const string Doc = ChronologyLoaderTests.Doc;

    private static EventCatalogProvider For(string folder) =>
        new(new SourcesOptions { Folders = [folder] }, NullLogger<EventCatalogProvider>.Instance);

    [Fact]
    public void Current_UnchangedFolder_KeepsTheCatalog()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", Doc + "Sept. 6, 2017: First.\n");
        var provider = For(folder.Path);

        var first = provider.Current;

        Assert.Same(first, provider.Current);
    }

    [Fact]
    public void Current_DocumentAddedRewrittenOrDeleted_ReadsTheFolderAgain()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.txt", Doc + "Sept. 6, 2017: First.\n");
        var provider = For(folder.Path);
        Assert.Equal(["First."], provider.Current.Events.Select(e => e.Text));

        folder.Write("b.txt", Doc + "Sept. 7, 2017: Second.\n");
        Assert.Equal(["First.", "Second."], provider.Current.Events.Select(e => e.Text));

        // Same size, new content: the write time tells.
        var before = provider.Current;
        folder.Write("a.txt", Doc + "Sept. 6, 2017: Fixed.\n");
        File.SetLastWriteTimeUtc(a, File.GetLastWriteTimeUtc(a).AddSeconds(5));
        Assert.NotSame(before, provider.Current);
        Assert.Equal(["Fixed.", "Second."], provider.Current.Events.Select(e => e.Text));

        File.Delete(a);
        Assert.Equal(["Second."], provider.Current.Events.Select(e => e.Text));
    }

    [Fact]
    public void Current_FolderMissing_ThrowsNamingIt()
    {
        using var folder = new TempFolder();
        var provider = For(Path.Combine(folder.Path, "nope"));

        var error = Assert.Throws<SourceFolderException>(() => provider.Current);

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }
}

using System.Text;
using DigestWorker.Chronology;

namespace DigestWorker.Tests.Chronology;

public sealed class ChronologyLoaderTests
{
    internal const string Doc = "China - Russia\n\nSep — Dec 2017\n\nChronology of China - Russia Relations\n\n";

    [Fact]
    public void LoadFiles_SameEntryInTwoDocuments_MergesSources()
    {
        using var folder = new TempFolder();
        var b = folder.Write("b.txt", Doc + "Sept. 6, 2017: Putin meets “Wang”  in Vladivostok.\n");
        var a = folder.Write("a.txt", Doc + "\n\nSept. 6, 2017: Putin meets \"Wang\" in Vladivostok.\nSept. 7, 2017: Other.\n");

        var catalog = ChronologyLoader.LoadFiles([b, a]);

        Assert.Equal(2, catalog.Events.Count);
        var merged = catalog.Events[0];
        Assert.Equal([(a, 9), (b, 7)], merged.Sources.Select(s => (s.File, s.Line)));
        Assert.Equal(2, catalog.DocumentCount);
        Assert.Empty(catalog.Warnings);
    }

    // A catalogue keeps every event of every document: the few distinct dates as written, and the empty list of
    // restating sentences most events have, are one object each, however many events carry them.
    [Fact]
    public void LoadFiles_EqualDateTextsAndEmptyContexts_AreSharedAcrossDocuments()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.txt", Doc + "Sept. 6, 2017: First.\nSept. 6, 2017: Second.\nSept. 7, 2017: Third.\n");
        var b = folder.Write("b.txt", Doc + "Sept. 6, 2017: Fourth.\n");

        var catalog = ChronologyLoader.LoadFiles([a, b]);

        Assert.Equal(["Sept. 6, 2017", "Sept. 6, 2017", "Sept. 6, 2017", "Sept. 7, 2017"], catalog.Events.Select(e => e.DateText));
        Assert.Equal(2, catalog.Events.Select(e => e.DateText).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.All(catalog.Events, e => Assert.Empty(e.Context));
        Assert.Single(catalog.Events.Select(e => e.Context).Distinct(ReferenceEqualityComparer.Instance));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_SampleSavedAsUtf16WithItsMark_SameEventsAsUtf8(bool bigEndian)
    {
        // It was refused as "binary content (NUL bytes)".
        var sample = Directory.GetFiles(Path.Combine(DigestWorker.Tests.TestSupport.RepoPaths.Sample), "*.txt").Single();
        using var folder = new TempFolder();
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        folder.WriteBytes("sample.txt", [.. encoding.GetPreamble(), .. encoding.GetBytes(File.ReadAllText(sample))]);

        var utf16 = ChronologyLoader.Load([folder.Path]);
        var utf8 = ChronologyLoader.LoadFiles([sample]);

        Assert.Empty(utf16.Warnings);
        Assert.Equal(utf8.Events.Select(e => (e.Id, e.Text)), utf16.Events.Select(e => (e.Id, e.Text)));
    }

    [Fact]
    public void LoadFiles_Utf32LittleEndian_RefusedNotReadAsUtf16()
    {
        // Its mark starts like UTF-16LE's: read as UTF-16 it would be text full of NUL characters, without a word.
        using var folder = new TempFolder();
        var encoding = new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        var file = folder.WriteBytes("utf32.txt", [.. encoding.GetPreamble(), .. encoding.GetBytes(Doc + "Sept. 6, 2017: Entry.\n")]);

        var catalog = ChronologyLoader.LoadFiles([file]);

        Assert.Empty(catalog.Events);
        Assert.Contains("binary content", Assert.Single(catalog.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderWithoutDocuments_WarnsNamingIt()
    {
        // An unmounted volume gave a run of empty digests and exit 0, with one line at information level.
        using var empty = new TempFolder();
        using var full = new TempFolder();
        full.Write("one.txt", Doc + "Sept. 6, 2017: Entry.\n");

        var catalog = ChronologyLoader.Load([empty.Path, full.Path]);

        var warning = Assert.Single(catalog.Warnings);
        Assert.Equal(empty.Path, warning.File);
        Assert.Contains("no *.txt documents", warning.Message, StringComparison.Ordinal);
        Assert.Single(catalog.Events);
    }

    [Fact]
    public void Load_Folder_SortsByStartEndId()
    {
        using var folder = new TempFolder();
        folder.Write("one.txt", Doc + "Dec. 1, 2017: Late.\nSept. 3-5, 2017: Long.\nSept. 3, 2017: Short.\n");
        folder.Write("ignored.md", Doc + "Sept. 1, 2017: Not a txt file.\n");

        var catalog = ChronologyLoader.Load([folder.Path]);

        Assert.Equal(["Short.", "Long.", "Late."], catalog.Events.Select(e => e.Text));
        Assert.Equal(1, catalog.DocumentCount);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsNamingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-chronology-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<SourceFolderException>(() => ChronologyLoader.Load([missing]));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Equal(missing, ex.Folder);
    }

    [Fact]
    public void Load_InvalidUtf8AndBinaryFiles_WarnAndSkipOthersLoad()
    {
        using var folder = new TempFolder();
        var good = Encoding.UTF8.GetBytes(Doc + "Sept. 6, 2017: Ключ 关键 entry.\n");
        folder.WriteBytes("good.txt", [0xEF, 0xBB, 0xBF, .. good]);
        var truncated = folder.WriteBytes("truncated.txt", [.. Encoding.UTF8.GetBytes(Doc + "Sept. 6, 2017: x"), 0xE5, 0x85]);
        var binary = folder.WriteBytes("binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]);

        var catalog = ChronologyLoader.Load([folder.Path]);

        Assert.Equal("Ключ 关键 entry.", Assert.Single(catalog.Events).Text);
        Assert.Equal(1, catalog.DocumentCount);
        Assert.Equal(
            [binary, truncated],
            catalog.Warnings.Select(w => w.File).Order(StringComparer.Ordinal));
        Assert.Contains(catalog.Warnings, w => w.Message.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Contains(catalog.Warnings, w => w.Message.Contains("binary", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TenThousandSmallDocuments_AllLoad()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 10_000; i++)
        {
            folder.Write($"{i:D5}.txt", Doc + $"Oct. {(i % 28) + 1}, 2017: Entry number {i}.\n");
        }

        var catalog = ChronologyLoader.Load([folder.Path]);

        Assert.Equal(10_000, catalog.DocumentCount);
        Assert.Equal(10_000, catalog.Events.Count);
        Assert.Empty(catalog.Warnings);
    }
}

using System.Runtime.Versioning;
using DigestWorker.Delivery.Record;
using Microsoft.Data.Sqlite;
using static DigestWorker.Tests.Delivery.Record.RecordTestData;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class SqliteDeliveryRecordFailureTests : IDisposable
{
    private const UnixFileMode ReadAndEnter = UnixFileMode.UserRead | UnixFileMode.UserExecute;
    private readonly TempFolder _folder = new();
    private readonly string _file;

    public SqliteDeliveryRecordFailureTests() => _file = _folder.File("digests.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InitializeAsync_RandomBytesFile_ThrowsNamingPathAndNotADatabase()
    {
        var bytes = new byte[16384];
        new Random(42).NextBytes(bytes);
        await File.WriteAllBytesAsync(_file, bytes);

        var error = await InitializeFailsAsync(_file);

        Assert.Equal($"The delivery record '{_file}' is not a valid SQLite database (file is not a database).", error.Message);
    }

    [Fact]
    public async Task InitializeAsync_DamagedPages_ThrowsNamingPathAndCorrupt()
    {
        await using (var record = await OpenAsync(_file))
        {
            for (int i = 0; i < 200; i++)
            {
                await record.TryClaimAsync(Digest($"sub-{i}"), CancellationToken.None);
            }
        }

        // Keep the 100-byte header valid; overwrite the rest of the first page (the schema's b-tree) and the second.
        await using (var stream = new FileStream(_file, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 100;
            stream.Write(Enumerable.Repeat((byte)0xA5, 8000).ToArray());
        }

        var error = await InitializeFailsAsync(_file);

        Assert.Contains($"'{_file}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InitializeAsync_FolderPathIsAFile_ThrowsNamingPath()
    {
        string blocker = _folder.File("not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        string file = Path.Combine(blocker, "digests.db");

        var error = await InitializeFailsAsync(file);

        Assert.StartsWith($"The delivery record '{file}' cannot be created: its folder '{blocker}' cannot be created", error.Message, StringComparison.Ordinal);
    }

    [ChmodEffectiveFact]
    [UnsupportedOSPlatform("windows")] // the attribute skips it there
    public async Task InitializeAsync_UnwritableFolder_ThrowsNamingPath()
    {
        string folder = _folder.File("locked-down");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, ReadAndEnter);
        string file = Path.Combine(folder, "digests.db");

        var error = await InitializeFailsAsync(file);

        Assert.Contains($"'{file}'", error.Message, StringComparison.Ordinal);
    }

    [ChmodEffectiveFact]
    [UnsupportedOSPlatform("windows")] // the attribute skips it there
    public async Task InitializeAsync_ReadOnlyFile_ThrowsNamingPathAndReadOnly()
    {
        await (await OpenAsync(_file)).DisposeAsync();
        File.SetUnixFileMode(_file, UnixFileMode.UserRead);

        var error = await InitializeFailsAsync(_file);

        Assert.Contains($"'{_file}' is read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_FileWriteLockedBeyondBusyTimeout_ThrowsNamingPathAndLocked()
    {
        await (await OpenAsync(_file)).DisposeAsync();
        using var other = TempFolder.Open(_file);
        using var hold = other.BeginTransaction(deferred: false);
        using (var write = new SqliteCommand("INSERT INTO subscribers VALUES ('holder', '2025-01-01');", other, hold))
        {
            write.ExecuteNonQuery();
        }

        var error = await InitializeFailsAsync(_file, busyTimeout: TimeSpan.FromMilliseconds(50));

        Assert.Equal($"The delivery record '{_file}' is locked by another process beyond the busy timeout (database is locked).", error.Message);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWalJournal()
    {
        await (await OpenAsync(_file)).DisposeAsync();

        using var raw = TempFolder.Open(_file);
        using var mode = new SqliteCommand("PRAGMA journal_mode;", raw);
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public async Task FindAsync_BeforeInitialize_Throws()
    {
        await using var record = RecordTestData.Record(_file);

        await Assert.ThrowsAsync<InvalidOperationException>(() => record.FindAsync("a", Now, CancellationToken.None));
    }

    private static async Task<DeliveryRecordException> InitializeFailsAsync(string file, TimeSpan? busyTimeout = null)
    {
        await using var record = RecordTestData.Record(file, busyTimeout: busyTimeout);
        return await Assert.ThrowsAsync<DeliveryRecordException>(() => record.InitializeAsync(CancellationToken.None));
    }
}

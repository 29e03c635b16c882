using Microsoft.Data.Sqlite;

namespace DigestWorker.Tests.Delivery.Record;

/// <summary>A fresh folder under the system temp folder for one test's SQLite files, deleted (with its files) afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("digest-record-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A raw connection to inspect or tamper with a file behind the record's back (unpooled, so it really closes).</summary>
    public static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        // Undo any chmod a test made so the folder can be removed.
        foreach (string entry in Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories).Prepend(Path))
        {
            if (!OperatingSystem.IsWindows())
            {
                System.IO.File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(Path, recursive: true);
    }
}

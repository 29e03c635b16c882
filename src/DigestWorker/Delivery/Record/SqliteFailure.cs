using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DigestWorker.Delivery.Record;

/// <summary>
/// Turns SQLite and file-system failures into <see cref="DeliveryRecordException"/>s that name the file and say
/// what is wrong in words an operator can act on; the original exception is always kept as the inner one.
/// </summary>
internal static class SqliteFailure
{
    public static DeliveryRecordException Describe(string path, SqliteException exception)
    {
        // Extended codes (e.g. SQLITE_BUSY_SNAPSHOT) carry their primary code in the low byte.
        int primary = exception.SqliteErrorCode & 0xFF;
        string? what = primary switch
        {
            raw.SQLITE_BUSY or raw.SQLITE_LOCKED => "is locked by another process beyond the busy timeout",
            raw.SQLITE_READONLY => "is read-only (the file or its folder cannot be written)",
            raw.SQLITE_CANTOPEN => "cannot be opened or created (does its folder exist and is it writable?)",
            raw.SQLITE_PERM or raw.SQLITE_AUTH => "cannot be accessed (permission denied)",
            raw.SQLITE_NOTADB => "is not a valid SQLite database",
            raw.SQLITE_CORRUPT => "is corrupt",
            raw.SQLITE_FULL => "cannot be written: the disk is full",
            raw.SQLITE_IOERR => "cannot be read or written (I/O error)",
            _ => null,
        };

        return what is null
            ? new DeliveryRecordException($"The delivery record '{path}' failed: {exception.Message}", exception)
            : new DeliveryRecordException($"The delivery record '{path}' {what} ({raw.sqlite3_errstr(primary).utf8_to_string()}).", exception);
    }

    public static DeliveryRecordException FolderUnusable(string path, string folder, Exception exception) =>
        new($"The delivery record '{path}' cannot be created: its folder '{folder}' cannot be created ({exception.Message}).", exception);

    public static DeliveryRecordException ReadOnly(string path) =>
        new($"The delivery record '{path}' is read-only (the file or its folder cannot be written); nothing can be sent that cannot be recorded.");

    public static DeliveryRecordException Corrupt(string path, string report) =>
        new($"The delivery record '{path}' is corrupt (quick_check: {report}).");

    public static DeliveryRecordException TooNew(string path, long version, long supported) =>
        new($"The delivery record '{path}' has schema version {version}, newer than this build supports ({supported}).");
}

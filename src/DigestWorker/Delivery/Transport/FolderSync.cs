using System.Runtime.InteropServices;
using System.Text;

namespace DigestWorker.Delivery.Transport;

/// <summary>
/// Makes a folder's entries durable: on Linux and macOS a file renamed into a folder survives a power loss only once
/// the folder itself is flushed (fsync of the folder), which .NET has no API for. On Windows there is nothing to do here.
/// </summary>
/// <remarks>
/// Some file systems cannot flush a folder (fsync answers EINVAL, EBADF or ENOTSUP), and a write-only drop folder
/// cannot be opened to flush it (EACCES): as PostgreSQL does, those are "cannot be flushed here", not failures.
/// On macOS this is a plain fsync, weaker than the F_FULLFSYNC .NET uses for files.
/// </remarks>
internal static class FolderSync
{
    private const int ReadOnly = 0;
    private const int EBADF = 9;
    private const int EACCES = 13;
    private const int EINVAL = 22;
    private const int ENOTSUP_MACOS = 45;
    private const int ENOTSUP_LINUX = 95;

    /// <summary>
    /// Flushes <paramref name="folder"/>'s entries to disk. Returns false with the reason when the folder cannot be
    /// flushed on this file system or with these permissions; throws <see cref="IOException"/> when flushing failed.
    /// </summary>
    public static bool TryFlush(string folder, out string? notFlushable)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        notFlushable = null;
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var path = Encoding.UTF8.GetBytes(folder + "\0");
        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            return NotFlushable("open", Marshal.GetLastPInvokeError(), folder, out notFlushable);
        }

        try
        {
            return Fsync(fd) == 0 || NotFlushable("fsync", Marshal.GetLastPInvokeError(), folder, out notFlushable);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // False with the reason for an error that means "cannot be flushed here"; throws for any other.
    private static bool NotFlushable(string call, int errno, string folder, out string reason)
    {
        reason = $"{call}: {Marshal.GetPInvokeErrorMessage(errno)}";
        var here = call == "open"
            ? errno == EACCES
            : errno is EINVAL or EBADF || errno == (OperatingSystem.IsMacOS() ? ENOTSUP_MACOS : ENOTSUP_LINUX);
        return here ? false : throw new IOException($"Flushing the folder '{folder}' to disk failed ({reason}).");
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}

using System.Runtime.InteropServices;
using System.Text;

namespace DigestWorker.Delivery.Transport;

/// <summary>
/// Makes a folder's entries durable: on Linux and macOS a file renamed into a folder survives a power loss only once
/// the folder itself is flushed (fsync of the folder), which .NET has no API for. On Windows there is nothing to do here.
/// </summary>
internal static class FolderSync
{
    private const int ReadOnly = 0;

    /// <summary>Flushes <paramref name="folder"/>'s entries to disk; throws <see cref="IOException"/> when that fails.</summary>
    public static void Flush(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(folder + "\0");
        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            throw Failure("open", folder);
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw Failure("fsync", folder);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string folder) =>
        new($"Flushing the folder '{folder}' to disk failed ({call}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}).");

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

namespace DigestWorker.Delivery.Record;

/// <summary>
/// An exclusive lock beside the state file (<c>digests.db.lock</c>) held for a whole run, so two processes sharing
/// a state file never run at once: one cannot re-send a pending digest that the other is sending. The operating
/// system releases the lock when its holder exits or is killed, so a crash never leaves a stale lock.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; throws <see cref="TimeoutException"/> naming the file when another run holds it.</summary>
    public static async Task<RunLock> AcquireAsync(string statePath, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(statePath) + ".lock";
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (IsHeldElsewhere(ex) && time.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }
            catch (IOException ex) when (IsHeldElsewhere(ex))
            {
                throw new TimeoutException($"Another run holds the lock '{path}' (waited {timeout}); nothing was sent by this run.", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DeliveryRecordException($"The run lock '{path}' cannot be created: {ex.Message}", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    // EWOULDBLOCK from flock on Linux/macOS; ERROR_SHARING_VIOLATION on Windows.
    private static bool IsHeldElsewhere(IOException ex) =>
        ex.GetType() == typeof(IOException) && (ex.HResult == 11 || ex.HResult == 35 || (ex.HResult & 0xFFFF) == 32);
}

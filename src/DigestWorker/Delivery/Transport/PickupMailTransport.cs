using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DigestWorker.Delivery.Record;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigestWorker.Delivery.Transport;

/// <summary>
/// Writes each message as a complete <c>.eml</c> file into the pickup folder, named
/// <c>{subscriber}_{periodStart:yyyy-MM-dd}_{fireTimeUtc:yyyyMMddTHHmmssZ}.eml</c> so a listing sorts by subscriber
/// and period. Files are written to a temporary name and renamed, so a crash never leaves a partial message for a
/// pickup reader, and a re-send replaces the same file. The file and then the folder are flushed to disk before a send
/// returns (and the digest is recorded as sent). The transport is its own session.
/// </summary>
internal sealed class PickupMailTransport : IMailTransport, IMailSession
{
    private readonly string folder;
    private readonly ILogger logger;
    private readonly FolderFlush flush;

    // Whether the folder is flushed after each message: decided once, by the first session to open (under the lock, so
    // sessions opening together check and warn once); a folder this file system cannot flush is not.
    private readonly Lock decide = new();
    private bool? flushFolder;

    /// <param name="baseDirectory">Resolves a relative <see cref="DeliveryOptions.PickupFolder"/>; default the current directory.</param>
    public PickupMailTransport(DeliveryOptions options, string? baseDirectory = null, ILogger? logger = null)
        : this(options, baseDirectory, logger, FolderSync.TryFlush)
    {
    }

    /// <param name="flush">Flushes the folder (tests stand in for the file system's answers).</param>
    internal PickupMailTransport(DeliveryOptions options, string? baseDirectory, ILogger? logger, FolderFlush flush)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(flush);
        folder = Path.GetFullPath(options.PickupFolder, baseDirectory ?? Directory.GetCurrentDirectory());
        this.logger = logger ?? NullLogger.Instance;
        this.flush = flush;
    }

    /// <summary>Flushes a folder to disk; false with the reason where it cannot be flushed, <see cref="IOException"/> when flushing failed.</summary>
    internal delegate bool FolderFlush(string folder, out string? notFlushable);

    /// <summary>Files are independent; a few writers keep a slow disk busy without thrashing it.</summary>
    public int MaxParallelism => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public string Folder => folder;

    public ValueTask<IMailSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);

        // Before any message is written: a folder that cannot be flushed at all fails here and stops the run, instead
        // of each message being written, then failing, then written again by every retry.
        // A check that throws decides nothing: the run stops, and the next session to open checks again.
        lock (decide)
        {
            if (flushFolder is null)
            {
                flushFolder = flush(folder, out var reason);
                if (flushFolder == false)
                {
                    logger.LogWarning("The pickup folder {Folder} cannot be flushed to disk here ({Reason}): each message is still flushed, but its name in the folder may not survive a power loss.", folder, reason);
                }
            }
        }

        return ValueTask.FromResult<IMailSession>(this);
    }

    public async ValueTask SendAsync(PendingDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var path = Path.Combine(folder, FileName(digest));

        // A dot-prefixed temp name in the same folder: pickup readers skip it, and the rename stays on one volume (atomic).
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await stream.WriteAsync(digest.Message, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);

            // The file's bytes are on disk (above); its name in the folder too only once the folder is flushed. Only then
            // is the digest recorded as sent, so a power loss cannot lose a message the record calls delivered.
            if (flushFolder != false)
            {
                flush(folder, out _);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The file name of a digest; ids changed by sanitising get a short hash so two ids never share a file.</summary>
    public static string FileName(PendingDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var id = Sanitise(digest.SubscriberId);
        if (!string.Equals(id, digest.SubscriberId, StringComparison.Ordinal))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(digest.SubscriberId));
            id = $"{id}~{Convert.ToHexStringLower(hash)[..8]}";
        }

        var start = digest.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fire = digest.FireTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return $"{id}_{start}_{fire}.eml";
    }

    private static string Sanitise(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-');
        }

        // A leading dot would hide the file and collide with the temp-name convention.
        var result = builder.ToString().TrimStart('.');
        return result.Length == 0 ? "-" : result;
    }
}

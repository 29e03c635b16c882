using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Chronology;

/// <summary>
/// The events currently in the source folders. Re-reads the documents only when the folder listing changed
/// (a file added, removed or rewritten), so a long-running service picks up new documents without a restart.
/// </summary>
public sealed class EventCatalogProvider(SourcesOptions options, ILogger<EventCatalogProvider> logger)
{
    private readonly Lock _gate = new();
    private string? _fingerprint;
    private EventCatalog? _catalog;

    /// <summary>The current catalog; throws <see cref="SourceFolderException"/> when a folder is missing.</summary>
    public EventCatalog Current
    {
        get
        {
            lock (_gate)
            {
                var fingerprint = Fingerprint();
                if (_catalog is null || fingerprint != _fingerprint)
                {
                    _catalog = ChronologyLoader.Load(options.EffectiveFolders);
                    _fingerprint = fingerprint;
                    foreach (var warning in _catalog.Warnings)
                    {
                        logger.LogWarning("Document problem: {Warning}", warning.ToString());
                    }

                    logger.LogInformation("Loaded {Events} events from {Documents} documents", _catalog.Events.Count, _catalog.DocumentCount);
                }

                return _catalog;
            }
        }
    }

    // A hash of every document's path, size and write time: the listing itself would be kept between runs, 1 MB for
    // 5,000 documents.
    private string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var folder in options.EffectiveFolders)
        {
            if (!Directory.Exists(folder))
            {
                Append(hash, $"{folder}:missing\n");
                continue;
            }

            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.txt").OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                Append(hash, $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}\n");
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string part) => hash.AppendData(Encoding.UTF8.GetBytes(part));
}

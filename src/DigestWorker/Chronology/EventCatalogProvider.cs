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

    private string Fingerprint()
    {
        var parts = new List<string>();
        foreach (var folder in options.EffectiveFolders)
        {
            if (!Directory.Exists(folder))
            {
                parts.Add(folder + ":missing");
                continue;
            }

            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.txt").OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                parts.Add($"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}");
            }
        }

        return string.Join('\n', parts);
    }
}

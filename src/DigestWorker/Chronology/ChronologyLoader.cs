using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Chronology;

/// <summary>
/// Loads every chronology document of the source folders into one catalog: duplicates across documents merge
/// into one event with every source, events are ordered by start, end, then id.
/// </summary>
public static class ChronologyLoader
{
    /// <summary>
    /// Loads the <c>*.txt</c> files directly inside each folder (not recursive), in ordinal path order.
    /// </summary>
    /// <exception cref="SourceFolderException">A folder is missing or cannot be listed.</exception>
    public static EventCatalog Load(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var files = new List<string>();
        var empty = new List<DocumentWarning>();
        foreach (var folder in folders)
        {
            var listed = ListDocuments(folder);
            if (listed.Count == 0)
            {
                // Not an error (a new deployment may have none yet), but said: an unmounted volume looks the same.
                empty.Add(new DocumentWarning(folder, 0, "no *.txt documents in this source folder (empty, or a volume not mounted?)"));
            }

            files.AddRange(listed);
        }

        var catalog = LoadFiles(files);
        return empty.Count == 0 ? catalog : new EventCatalog(catalog.Events, [.. empty, .. catalog.Warnings], catalog.DocumentCount);
    }

    /// <summary>
    /// Loads the given files. A file that cannot be read, is binary or is not valid UTF-8 is skipped with a
    /// warning naming it (line 0); the other documents still load. <see cref="EventCatalog.DocumentCount"/>
    /// counts the documents actually parsed.
    /// </summary>
    public static EventCatalog LoadFiles(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var events = new List<ChronologyEvent>();
        var warnings = new List<DocumentWarning>();
        var documents = 0;
        var pool = new TextPool();
        foreach (var file in files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var text = Read(file, warnings);
            if (text is null)
            {
                continue;
            }

            var parsed = ChronologyParser.Parse(file, text, pool);
            documents++;
            events.AddRange(parsed.Events);
            warnings.AddRange(parsed.Warnings);
        }

        var merged = EventMerger.Merge(events);
        merged.Sort(static (a, b) =>
        {
            var order = a.Start.CompareTo(b.Start);
            order = order != 0 ? order : a.End.CompareTo(b.End);
            return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
        });
        return new EventCatalog(merged, warnings, documents);
    }

    private static List<string> ListDocuments(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SourceFolderException(folder, "does not exist");
        }

        try
        {
            return Directory.EnumerateFiles(folder, "*.txt", SearchOption.TopDirectoryOnly).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new SourceFolderException(folder, $"cannot be read: {ex.Message}", ex);
        }
    }

    private static string? Read(string file, List<DocumentWarning> warnings)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            warnings.Add(new DocumentWarning(file, 0, $"cannot be read ({ex.Message}); document skipped"));
            return null;
        }

        var text = DocumentDecoder.TryDecode(bytes, out var problem);
        if (text is null)
        {
            warnings.Add(new DocumentWarning(file, 0, problem ?? "unreadable; document skipped"));
        }

        return text;
    }
}

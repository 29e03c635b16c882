using Microsoft.Extensions.Logging;

namespace DigestWorker.Subscriptions;

/// <summary>
/// Holds the subscriptions in force. A reload that fails validation is logged with every problem and the last
/// valid set stays in force: nothing is ever served from a half-read or invalid file, and the worker does not stop.
/// </summary>
public sealed class SubscriptionsMonitor : IDisposable
{
    private readonly string _path;
    private readonly SubscriberDefaults _defaults;
    private readonly IReadOnlySet<string>? _templateSets;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private SubscriptionSet _current;

    /// <summary>Loads the file; throws <see cref="ConfigurationInvalidException"/> when the first load is invalid.</summary>
    public SubscriptionsMonitor(string path, SubscriberDefaults defaults, IReadOnlySet<string>? templateSets, ILogger<SubscriptionsMonitor> logger)
    {
        _path = path;
        _defaults = defaults;
        _templateSets = templateSets;
        _logger = logger;
        _current = SubscriptionsLoader.Load(path, defaults, templateSets);
    }

    /// <summary>Raised after a valid reload replaced the subscriptions.</summary>
    public event Action<SubscriptionSet>? Changed;

    /// <summary>Raised after an invalid reload was rejected; the previous subscriptions stay in force.</summary>
    public event Action<ConfigurationInvalidException>? Rejected;

    public SubscriptionSet Current => Volatile.Read(ref _current);

    /// <summary>Re-reads the file; returns true when the new subscriptions are in force.</summary>
    public bool Reload()
    {
        // Saves can come in quick succession: reloads run one at a time so an older read never wins.
        lock (_reloading)
        {
            return ReloadCore();
        }
    }

    private bool ReloadCore()
    {
        try
        {
            var next = SubscriptionsLoader.Load(_path, _defaults, _templateSets);
            Volatile.Write(ref _current, next);
            _logger.LogInformation("Subscriptions reloaded from {File}: {Subscribers} subscribers, {Topics} topics", _path, next.Subscribers.Count, next.Topics.Count);
            Changed?.Invoke(next);
            return true;
        }
        catch (ConfigurationInvalidException ex)
        {
            foreach (var problem in ex.Problems)
            {
                _logger.LogError("Subscriptions not reloaded, the last valid ones stay in force: {Problem}", problem.ToString());
            }

            Rejected?.Invoke(ex);
            return false;
        }
        catch (Exception ex)
        {
            // Runs on a timer thread: an unexpected error must not take the service down with it.
            _logger.LogError(ex, "Subscriptions not reloaded from {File}, the last valid ones stay in force", _path);
            return false;
        }
    }

    /// <summary>Watches the file and reloads it shortly after it is saved (editors write in several steps).</summary>
    public void Watch(TimeSpan debounce)
    {
        var full = Path.GetFullPath(_path);
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        FileSystemEventHandler onChange = (_, _) => _debounce.Change(debounce, Timeout.InfiniteTimeSpan);
        _watcher.Changed += onChange;
        _watcher.Created += onChange;
        _watcher.Renamed += (_, _) => _debounce.Change(debounce, Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Delivery.Record;

/// <summary>
/// Copies the record's write-ahead log back into the database file on a connection and thread of its own, at most once
/// per <see cref="Interval"/> while commits come in. By default SQLite does this inside the commit that takes the log
/// past 1,000 pages, with the record's write gate held through the copy and its two fsyncs, so every builder and
/// sender of a run waited for the disk; a 100,000-digest run spent about a tenth of its time so. A checkpoint here runs
/// beside the commits (SQLite's PASSIVE mode: it copies what no reader still needs and never blocks a writer).
/// </summary>
/// <remarks>
/// Nothing depends on it for safety: a commit is durable in the log the moment it returns, and the log is read like the
/// file. Should checkpoints here fail or fall behind, the writer still copies the log itself once it holds
/// <see cref="BackstopPages"/>, and closing the last connection copies and deletes it, as before.
/// </remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The writer's own checkpoint threshold (SQLite's <c>wal_autocheckpoint</c>, default 1,000 pages): the backstop.</summary>
    public const int BackstopPages = 16_384;

    /// <summary>
    /// The shortest time between two checkpoints: a run writes about 20 MB of log a second, which a checkpoint a second
    /// copies in one go (a page rewritten within that second is copied once), well below the backstop.
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long? _lastSignal;

    /// <param name="connection">An open connection of its own to the record's file; disposed with this.</param>
    public WalCheckpointer(SqliteConnection connection, string path, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _path = path;
        _time = time;
        _logger = logger;
        _checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(PASSIVE);", connection);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Told each checkpoint's outcome: the log's pages and how many of them are now in the file (tests).</summary>
    internal Action<WalCheckpoint>? Checkpointed { get; set; }

    /// <summary>
    /// Called after each commit, inside the record's write gate (so never by two at once): asks for a checkpoint unless
    /// one was asked for within <see cref="Interval"/>. Returns at once; the checkpoint runs on this type's own thread.
    /// </summary>
    public void Committed()
    {
        var now = _time.GetTimestamp();
        if (_lastSignal is { } last && _time.GetElapsedTime(last, now) < Interval)
        {
            return;
        }

        _lastSignal = now;

        // The loop only takes; a request still waiting covers this commit too.
        if (_due.CurrentCount == 0)
        {
            _due.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _checkpoint.Dispose();
        await _connection.DisposeAsync();
        _stop.Dispose();
        _due.Dispose();
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                await _due.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                using var row = _checkpoint.ExecuteReader();
                if (row.Read())
                {
                    // busy = 1 when another connection was checkpointing: that one copies the log.
                    var outcome = new WalCheckpoint(Busy: row.GetInt64(0) != 0, LogPages: row.GetInt64(1), CopiedPages: row.GetInt64(2));
                    Checkpointed?.Invoke(outcome);
                }
            }
            catch (SqliteException exception)
            {
                _logger.LogWarning(
                    exception,
                    "Copying the write-ahead log of the delivery record {Path} into the file failed; commits do it themselves once it holds {Pages} pages.",
                    _path,
                    BackstopPages);
            }
        }
    }
}

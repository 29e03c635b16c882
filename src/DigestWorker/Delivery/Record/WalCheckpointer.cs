using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DigestWorker.Delivery.Record;

/// <summary>
/// Copies the record's write-ahead log back into the database file on a connection of its own, beside the commits: the
/// first commit after a quiet spell starts a checkpoint at once, and commits that follow within <see cref="Interval"/>
/// share one more at its end, so the last commits of a run are in the file within a second. By default SQLite copies the
/// log inside the commit that takes it past 1,000 pages, holding the record's write gate through the copy and its two
/// fsyncs while every builder and sender of a run waits for the disk. A checkpoint here is SQLite's PASSIVE mode: it
/// copies what no reader still needs and never blocks a writer.
/// </summary>
/// <remarks>
/// While commits keep coming the log is seldom all copied between two of them, which SQLite needs to start it over;
/// the writer's own checkpoint does that when the log reaches <see cref="BackstopPages"/> (about 64 MB, the size the
/// log file then keeps until the record is closed), copying only what came after the last checkpoint here. Nothing
/// depends on this type for safety: a commit is in the log when it returns (safe from a crash of the process; with
/// synchronous=NORMAL, safe from a power cut once a checkpoint has run), and the log is read like the file. Should
/// checkpoints here fail, the writer's own still bound the log, and closing the last connection copies and deletes it,
/// as before.
/// </remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The writer's own checkpoint threshold (SQLite's <c>wal_autocheckpoint</c>, default 1,000 pages): the backstop.</summary>
    public const int BackstopPages = 16_384;

    /// <summary>The shortest time between the starts of two checkpoints.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    // 1 when a commit came after the loop last decided to checkpoint.
    private int _dirty;

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
    internal Action<WalCheckpointResult>? Checkpointed { get; set; }

    /// <summary>
    /// Called after each commit, inside the record's write gate (so never by two at once). Returns at once; the
    /// checkpoint runs in the loop, on the thread pool.
    /// </summary>
    public void Committed()
    {
        // A full fence: the flag is set before the count is read, so a loop that takes a waiting count sees it.
        Interlocked.Exchange(ref _dirty, 1);

        // Only this caller gives and the loop only takes, so the count never passes 1.
        if (_due.CurrentCount == 0)
        {
            _due.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        finally
        {
            // Closed whatever the loop ended with, so that the record's last connection to close deletes the log.
            _checkpoint.Dispose();
            await _connection.DisposeAsync();
            _stop.Dispose();
            _due.Dispose();
        }
    }

    // Never throws: a checkpoint that fails is logged and the next commit asks again.
    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await _due.WaitAsync(_stop.Token);
                while (Interlocked.Exchange(ref _dirty, 0) == 1)
                {
                    // Started before the checkpoint, so the interval counts from its start.
                    var pause = Task.Delay(Interval, _time, _stop.Token);
                    Checkpoint();
                    await pause;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private void Checkpoint()
    {
        try
        {
            using var row = _checkpoint.ExecuteReader();
            if (row.Read())
            {
                // Busy when another connection was checkpointing (the writer's backstop, another process): that one copies the log.
                Checkpointed?.Invoke(new WalCheckpointResult(Busy: row.GetInt64(0) != 0, LogPages: row.GetInt64(1), CopiedPages: row.GetInt64(2)));
            }
        }
        catch (Exception exception)
        {
            _logger.LogWarning(
                exception,
                "Copying the write-ahead log of the delivery record {Path} into the file failed; commits do it themselves once it holds {Pages} pages.",
                _path,
                BackstopPages);
        }
    }
}

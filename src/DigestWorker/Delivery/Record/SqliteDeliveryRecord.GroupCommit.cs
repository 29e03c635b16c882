using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace DigestWorker.Delivery.Record;

/// <summary>
/// Group commit: every write is queued, and whichever caller holds the gate next runs all queued writes in one
/// transaction, each inside its own savepoint, then commits once. A caller returns only after the transaction holding
/// its write committed, so the outbox order (claimed before sent, sent before marked) holds exactly as with one
/// transaction per write; concurrent builders and senders just share the cost of a commit.
/// </summary>
internal sealed partial class SqliteDeliveryRecord
{
    // Bounds one transaction (and so how long readers wait behind it); a write left over goes in the next one.
    private const int MaxWritesPerCommit = 256;

    private readonly ConcurrentQueue<QueuedWrite> _writes = new();

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction, possibly shared with other callers' writes. Not cancellable
    /// once queued: another caller may already be committing it, so the caller must wait for the outcome either way.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var write = new QueuedWrite<T>(work);
        _writes.Enqueue(write);
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            // Usually one pass: this caller's write is in the first batch unless more than a batch was queued before it.
            while (!write.Task.IsCompleted)
            {
                CommitQueued();
            }
        }
        finally
        {
            _gate.Release();
        }

        return await write.Task;
    }

    // Inside the gate.
    private void CommitQueued()
    {
        var batch = new List<QueuedWrite>();
        while (batch.Count < MaxWritesPerCommit && _writes.TryDequeue(out var queued))
        {
            batch.Add(queued);
        }

        var connection = _connection;
        if (connection is null)
        {
            var closed = new InvalidOperationException($"The delivery record '{_path}' is not open; call InitializeAsync first.");
            batch.ForEach(w => w.Fail(closed));
            return;
        }

        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var write in batch)
            {
                // A write that fails is undone alone (e.g. the UPDATE of a mark-sent whose INSERT failed); the others commit.
                Command(connection, "SAVEPOINT digest_write;", transaction).ExecuteNonQuery();
                try
                {
                    write.Run(connection, transaction);
                    Command(connection, "RELEASE digest_write;", transaction).ExecuteNonQuery();
                }
                catch (Exception exception)
                {
                    Command(connection, "ROLLBACK TO digest_write;", transaction).ExecuteNonQuery();
                    Command(connection, "RELEASE digest_write;", transaction).ExecuteNonQuery();
                    write.Fail(exception is SqliteException sqlite ? SqliteFailure.Describe(_path, sqlite) : exception);
                }
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            // Nothing of this batch committed (the transaction could not start, a savepoint failed, or the commit did):
            // every write in it fails with the reason, so no caller waits for an outcome that will never come.
            var failure = exception is SqliteException sqlite ? SqliteFailure.Describe(_path, sqlite) : exception;
            batch.ForEach(w => w.Fail(failure));
            return;
        }

        batch.ForEach(w => w.Complete());

        // Outside the try above, which would report a committed batch as failed.
        _checkpointer?.Committed();
    }

    private abstract class QueuedWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : QueuedWrite
    {
        // Continuations run on the thread pool, not inside the gate of whoever committed this write.
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private Exception? _failure;

        public Task<T> Task => _outcome.Task;

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Complete()
        {
            if (_failure is not null)
            {
                _outcome.TrySetException(_failure);
            }
            else
            {
                _outcome.TrySetResult(_result);
            }
        }

        public override void Fail(Exception exception)
        {
            _failure = exception;
            _outcome.TrySetException(exception);
        }
    }
}

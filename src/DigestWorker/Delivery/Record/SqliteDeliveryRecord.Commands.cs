using Microsoft.Data.Sqlite;

namespace DigestWorker.Delivery.Record;

/// <summary>The gate around the reading connection and the caches of prepared commands.</summary>
internal sealed partial class SqliteDeliveryRecord
{
    /// <summary>
    /// Runs the read-only <paramref name="work"/> alone on the reading connection. The work is synchronous on purpose:
    /// Microsoft.Data.Sqlite's async methods complete synchronously, and no caller code runs while the gate is held,
    /// so nothing can re-enter it. It sees what was committed when it starts; writes go through the group commit.
    /// </summary>
    private async Task<T> UseAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken);
        try
        {
            var connection = _reader
                ?? throw new InvalidOperationException($"The delivery record '{_path}' is not open; call InitializeAsync first.");
            return work(connection);
        }
        catch (SqliteException exception)
        {
            throw SqliteFailure.Describe(_path, exception);
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <summary>
    /// The command for <paramref name="sql"/>, compiled on first use and reused after: SqliteCommand keeps its prepared
    /// statement while its text is unchanged, so only the parameter values are bound again. Call only inside the gate of that connection.
    /// </summary>
    private SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var commands = ReferenceEquals(connection, _reader) ? _readCommands : _commands;
        if (!commands.TryGetValue(sql, out var command))
        {
#pragma warning disable CA2100 // every statement is a constant in this class; values are always bound as parameters
            command = new SqliteCommand(sql, connection);
#pragma warning restore CA2100
            commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    // One-off statements (set-up) are not cached.
    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
#pragma warning disable CA2100 // constant set-up statements only
        using var command = new SqliteCommand(sql, connection, transaction);
#pragma warning restore CA2100
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
#pragma warning disable CA2100 // constant set-up statements only
        using var command = new SqliteCommand(sql, connection, transaction);
#pragma warning restore CA2100
        return command.ExecuteScalar();
    }

    private string Now() => SqliteValues.Instant(_time.GetUtcNow());
}

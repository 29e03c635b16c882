using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SQLitePCL;

namespace DigestWorker.Delivery.Record;

/// <summary>
/// The delivery record in one embedded SQLite file (WAL, synchronous=NORMAL), safe to share between processes.
/// </summary>
/// <remarks>
/// Two open connections for the work, each guarded by a <see cref="SemaphoreSlim"/>, with their commands prepared once
/// and reused: one writes (see the group commit), one reads, so a run's look-ups never wait behind a commit (WAL lets a
/// reader see the last committed state while a write is in progress). 100,000 look-ups per run then cost a bind and a step
/// each instead of an open, pragma set-up and statement compile per call. Other processes coordinate through the
/// file's locks; the busy timeout makes them wait for each other's short transactions. A third connection copies the
/// write-ahead log into the file beside the commits (<see cref="WalCheckpointer"/>).
/// </remarks>
internal sealed partial class SqliteDeliveryRecord : IDeliveryRecord
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _busyTimeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteCommand> _readCommands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private SqliteConnection? _reader;
    private WalCheckpointer? _checkpointer;

    public SqliteDeliveryRecord(string path, TimeProvider timeProvider, ILogger<SqliteDeliveryRecord>? logger = null, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _path = path;
        _time = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _busyTimeout = busyTimeout ?? new StateOptions().BusyTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_busyTimeout, TimeSpan.Zero, nameof(busyTimeout));
    }

    public SqliteDeliveryRecord(StateOptions options, TimeProvider timeProvider, ILogger<SqliteDeliveryRecord>? logger = null)
        : this(options?.Path ?? throw new ArgumentNullException(nameof(options)), timeProvider, logger, options.BusyTimeout)
    {
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not null)
            {
                return;
            }

            CreateFolder();
            var connection = Connection();
            SqliteConnection? reader = null;
            SqliteConnection? checkpoints = null;
            try
            {
                connection.Open();
                Prepare(connection);

                // Opened after the writer made sure the file, its schema and WAL mode are there.
                reader = Connection();
                reader.Open();
                Execute(reader, $"PRAGMA busy_timeout = {(long)Math.Ceiling(_busyTimeout.TotalMilliseconds)};");
                checkpoints = Connection();
                checkpoints.Open();
            }
            catch
            {
                checkpoints?.Dispose();
                reader?.Dispose();
                connection.Dispose();
                throw;
            }

            _connection = connection;
            _reader = reader;
            _checkpointer = new WalCheckpointer(checkpoints, _path, _time, _logger);
            _logger.LogInformation("Delivery record {Path} opened (schema version {Version}).", _path, SqliteSchema.Version);
        }
        catch (SqliteException exception)
        {
            throw SqliteFailure.Describe(_path, exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteConnection Connection() => new(new SqliteConnectionStringBuilder
    {
        DataSource = _path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // Not pooled: disposing the record must really close the file (and release its locks).
        Pooling = false,
        // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout (whole seconds, 0 = forever).
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_busyTimeout.TotalSeconds)),
    }.ToString());

    private void CreateFolder()
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw SqliteFailure.FolderUnusable(_path, folder, exception);
        }
    }

    private void Prepare(SqliteConnection connection)
    {
        // A file opened read-write falls back to read-only when the OS denies writing; refuse that up front.
        if (raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw SqliteFailure.ReadOnly(_path);
        }

        Execute(connection, $"PRAGMA busy_timeout = {(long)Math.Ceiling(_busyTimeout.TotalMilliseconds)};");
        string? journal = Scalar(connection, "PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogWarning("Delivery record {Path} could not use WAL (journal mode {Mode}); concurrent readers will wait.", _path, journal);
        }

        Execute(connection, "PRAGMA synchronous = NORMAL;");

        // The writer copies the log into the file itself only as a backstop; the checkpointer does it beside the commits.
        Execute(connection, $"PRAGMA wal_autocheckpoint = {WalCheckpointer.BackstopPages};");

        // Finds corruption before anything is sent that could not then be recorded.
        string report = Scalar(connection, "PRAGMA quick_check;") as string ?? "no result";
        if (!string.Equals(report, "ok", StringComparison.Ordinal))
        {
            throw SqliteFailure.Corrupt(_path, report);
        }

        using var transaction = connection.BeginTransaction();
        long version = (long)(Scalar(connection, "PRAGMA user_version;", transaction) ?? 0L);
        if (version > SqliteSchema.Version)
        {
            throw SqliteFailure.TooNew(_path, version, SqliteSchema.Version);
        }

        if (version is > 0 and < SqliteSchema.Version)
        {
            Execute(connection, SqliteSchema.Upgrade, transaction);
        }

        Execute(connection, SqliteSchema.Create, transaction);
        Execute(connection, $"PRAGMA user_version = {SqliteSchema.Version};", transaction);
        transaction.Commit();
    }

    /// <summary>The background checkpointer while the record is open (tests).</summary>
    internal WalCheckpointer? Checkpointer => _checkpointer;

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        await _readGate.WaitAsync();
        try
        {
            // First, so that the writer's connection, closed last, copies what is left of the log and deletes it.
            if (_checkpointer is not null)
            {
                await _checkpointer.DisposeAsync();
            }
        }
        finally
        {
            _checkpointer = null;
            CloseConnections();
            _readGate.Release();
            _gate.Release();
        }
    }

    private void CloseConnections()
    {
        foreach (var command in _commands.Values.Concat(_readCommands.Values))
        {
            command.Dispose();
        }

        _commands.Clear();
        _readCommands.Clear();
        _reader?.Dispose();
        _reader = null;
        _connection?.Dispose();
        _connection = null;
    }
}

using DigestWorker.Delivery.Record;
using Microsoft.Data.Sqlite;
using static DigestWorker.Tests.Delivery.Record.RecordTestData;

namespace DigestWorker.Tests.Delivery.Record;

/// <summary>
/// The record's log is copied into its file by the background checkpointer, at most once a second, never by a commit
/// (below the backstop). What reached the file is read from a copy of the file alone, without its log.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly string _file;

    public WalCheckpointerTests() => _file = _folder.File("digests.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Commits_AreCopiedIntoTheFileBesideThem_AtMostOnceAnIntervalAndOnceMoreAtItsEnd()
    {
        var clock = Clock();
        await using var record = await OpenAsync(_file, clock);
        var checkpointer = Assert.IsType<WalCheckpointer>(record.Checkpointer);
        var first = Next(checkpointer);

        // The first commit starts a checkpoint at once, which copies it into the file.
        Assert.True(await record.TryClaimAsync(Digest("a"), CancellationToken.None));
        var outcome = await first.WaitAsync(Patience);
        Assert.False(outcome.Busy);
        Assert.Equal(outcome.LogPages, outcome.CopiedPages);
        Assert.Equal(["a"], SubscribersInFile());

        // Within the interval a commit waits for its end, and does not copy the log itself: "b" is only in the log.
        var second = Next(checkpointer);
        Assert.True(await record.TryClaimAsync(Digest("b"), CancellationToken.None));
        Assert.Equal(["a"], SubscribersInFile());
        Assert.Equal(["a", "b"], (await record.QueryAsync(null, null, CancellationToken.None).ToListAsync()).Select(d => d.SubscriberId).Order());
        Assert.False(second.IsCompleted);

        // At the interval's end it is copied without another commit: the last commits of a run do not wait for the next.
        clock.Advance(WalCheckpointer.Interval);
        await second.WaitAsync(Patience);
        Assert.Equal(["a", "b"], SubscribersInFile());
    }

    [Fact]
    public async Task RecordDisposeAsync_ClosesTheCheckpointersConnection_SoTheLastCloseCopiesAndDeletesTheLog()
    {
        var record = await OpenAsync(_file);
        Assert.True(await record.TryClaimAsync(Digest("a"), CancellationToken.None));

        await record.DisposeAsync();

        Assert.False(File.Exists(_file + "-wal"));
        Assert.Equal(["a"], SubscribersInFile());
    }

    private static Task<WalCheckpointResult> Next(WalCheckpointer checkpointer)
    {
        var next = new TaskCompletionSource<WalCheckpointResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        checkpointer.Checkpointed = outcome => next.TrySetResult(outcome);
        return next.Task;
    }

    // The subscribers whose digests are in the database file itself: a copy of it without its log.
    private string[] SubscribersInFile()
    {
        var copy = _folder.File($"copy-{Guid.NewGuid():N}.db");
        File.Copy(_file, copy);
        using var connection = TempFolder.Open(copy);
        using var command = new SqliteCommand("SELECT subscriber_id FROM digests ORDER BY subscriber_id;", connection);
        using var row = command.ExecuteReader();
        var found = new List<string>();
        while (row.Read())
        {
            found.Add(row.GetString(0));
        }

        return [.. found];
    }
}

using System.Diagnostics;
using DigestWorker.Delivery.Record;
using DigestWorker.Selection;

namespace DigestWorker.Benchmarks;

/// <summary>
/// The delivery record alone, on a fresh SQLite file: claims in the run's batches, then mark-sent one digest at a
/// time by 1 and by 4 concurrent callers (as 1 and 4 SMTP connections do), with messages of the given size.
/// </summary>
internal static class RecordMeasurement
{
    public static async Task RunAsync(string folder, int count, int messageBytes)
    {
        Directory.CreateDirectory(folder);
        var message = new byte[messageBytes];
        new Random(7).NextBytes(message);
        var fire = new DateTimeOffset(2017, 9, 11, 7, 0, 0, TimeSpan.Zero);
        var period = new DigestPeriod(new DateOnly(2017, 9, 4), new DateOnly(2017, 9, 11));
        foreach (var writers in new[] { 1, 4 })
        {
            var path = Path.Combine(folder, $"record-{writers}.db");
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            await using var record = new SqliteDeliveryRecord(path, TimeProvider.System);
            await record.InitializeAsync(CancellationToken.None);
            var digests = Enumerable.Range(0, count).Select(i => new PendingDigest(
                $"s{i:D6}", $"s{i}@example.org", fire, period,
                [.. Enumerable.Range(0, 14).Select(k => $"{(i * 7) + (k * 131):x16}")], $"m{i}@example.org", message)).ToList();

            var claim = Stopwatch.StartNew();
            foreach (var batch in digests.Chunk(32))
            {
                await record.TryClaimAsync([.. batch.Select(d => new DigestClaim(d, period.Start))], CancellationToken.None);
            }

            claim.Stop();
            var mark = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < digests.Count)
                {
                    await record.MarkSentAsync(digests[i].SubscriberId, fire, CancellationToken.None);
                }
            })));
            mark.Stop();
            Json.Line(new
            {
                section = "record",
                digests = count,
                messageBytes,
                writers,
                claimMicroseconds = Json.Round(claim.Elapsed.TotalMicroseconds / count, 1),
                markSentMicroseconds = Json.Round(mark.Elapsed.TotalMicroseconds / count, 1),
            });
        }
    }
}

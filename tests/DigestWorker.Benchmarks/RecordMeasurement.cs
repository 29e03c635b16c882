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
    /// <param name="folder">Where the record files are made.</param>
    /// <param name="count">Digests per measurement.</param>
    /// <param name="messageFile">A real digest (.eml) to use as every message; null for a made-up one.</param>
    public static async Task RunAsync(string folder, int count, string? messageFile)
    {
        Directory.CreateDirectory(folder);
        var message = messageFile is null ? MadeUp() : await File.ReadAllBytesAsync(messageFile);
        var messageBytes = message.Length;
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

    // About the size and make-up of a digest: repeated inline-styled markup around varied text.
    private static byte[] MadeUp()
    {
        var random = new Random(7);
        var text = new System.Text.StringBuilder();
        while (text.Length < 24_000)
        {
            text.Append("<tr><td class=3D\"dw-rule\" style=3D\"padding:18px 20px;border-bottom:1px solid #dfe3e8;\">\r\n<p>");
            for (var w = 0; w < 60; w++)
            {
                text.Append((char)('a' + random.Next(26))).Append((char)('a' + random.Next(26))).Append(' ');
            }

            text.Append("</p></td></tr>\r\n");
        }

        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }
}

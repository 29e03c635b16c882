using System.Text;
using DigestWorker.Delivery.Record;
using DigestWorker.Selection;
using Microsoft.Extensions.Time.Testing;

namespace DigestWorker.Tests.Delivery.Record;

internal static class RecordTestData
{
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 7, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static SqliteDeliveryRecord Record(string file, TimeProvider? time = null, TimeSpan? busyTimeout = null) =>
        new(file, time ?? Clock(), logger: null, busyTimeout: busyTimeout);

    public static async Task<SqliteDeliveryRecord> OpenAsync(string file, TimeProvider? time = null)
    {
        var record = Record(file, time);
        await record.InitializeAsync(CancellationToken.None);
        return record;
    }

    public static PendingDigest Digest(string subscriber = "sub-1", DateTimeOffset? fireTime = null, params string[] eventIds)
    {
        var fire = fireTime ?? new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero);
        var period = new DigestPeriod(DateOnly.FromDateTime(fire.UtcDateTime).AddDays(-7), DateOnly.FromDateTime(fire.UtcDateTime));
        string messageId = $"{subscriber}.{fire.ToUnixTimeSeconds()}@digests.test";
        byte[] message = Encoding.UTF8.GetBytes($"Message-ID: <{messageId}>\r\nSubject: Digest\r\n\r\nBody \u00e9\u0000\u00ff\r\n");
        return new PendingDigest(subscriber, $"{subscriber}@example.test", fire, period,
            eventIds.Length == 0 ? ["evt-1", "evt-2"] : eventIds, messageId, message);
    }
}

using DigestWorker.Delivery;
using DigestWorker.Delivery.Messages;
using DigestWorker.Delivery.Record;
using DigestWorker.Rendering;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;

namespace DigestWorker.Tests.Delivery;

/// <summary>Builds plans, messages and options for the delivery tests.</summary>
internal static class TestDigests
{
    public static readonly DateTimeOffset FireTime = new(2024, 3, 4, 7, 0, 0, TimeSpan.Zero);

    public static DigestPlan Plan(string id, string? email = null, string? name = null, DateTimeOffset? fireTime = null) => new()
    {
        Subscriber = new Subscriber
        {
            Id = id,
            Email = email ?? $"{id}@example.test",
            Name = name,
            Topics = [],
            TimeZone = TimeZoneInfo.Utc,
            Schedule = "0 0 7 ? * MON",
        },
        FireTime = fireTime ?? FireTime,
        Period = new DigestPeriod(new DateOnly(2024, 2, 26), new DateOnly(2024, 3, 4)),
        Events = [],
    };

    public static RenderedDigest Rendered(bool html = true, string subject = "Your weekly digest: 3 events") =>
        new(subject, "Plain text body.\nSecond line: ünïcödé.", html ? "<p>HTML body: ünïcödé</p>" : null);

    public static MailingListOptions List(string? unsubscribe = "https://lists.example.test/unsubscribe?s={subscriber}") => new()
    {
        Name = "Weekly digests",
        Id = "digests.example.test",
        UnsubscribeUrl = unsubscribe,
    };

    public static DeliveryOptions SmtpOptions(int port, Action<DeliveryOptions>? change = null)
    {
        var options = new DeliveryOptions { Mode = DeliveryMode.Smtp, FromAddress = "digests@example.test" };
        options.Smtp.Host = "127.0.0.1";
        options.Smtp.Port = port;
        options.Smtp.Security = SmtpSecurity.None;
        options.Smtp.Timeout = TimeSpan.FromSeconds(5);
        options.Smtp.MaxConnections = 2;

        // Tiny real delays keep the retry tests fast; the circuit stays closed unless a test lowers the throughput.
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxTotalTime = TimeSpan.FromSeconds(30);
        options.Retry.MinimumThroughput = 1000;
        change?.Invoke(options);
        return options;
    }

    /// <summary>
    /// A built digest whose message is an array of its own, so a test can read it after delivery (the dispatcher gives
    /// a pooled message's buffer back once sent, after which another test's digest may be written into it).
    /// </summary>
    public static PendingDigest Pending(string id, DeliveryOptions? options = null, DateTimeOffset? fireTime = null, bool html = true, RenderedDigest? rendered = null)
    {
        var built = Pooled(id, options, fireTime, html, rendered);
        var own = OwnCopy(built);
        built.Buffer?.Release();
        return own;
    }

    /// <summary>The digest with its message copied into an array of its own (no pooled buffer), as a record stores it.</summary>
    public static PendingDigest OwnCopy(PendingDigest digest) => digest with { Message = digest.Message.ToArray(), Buffer = null };

    /// <summary>A built digest as the factory makes it: its message in a pooled <see cref="MessageBuffer"/>.</summary>
    public static PendingDigest Pooled(string id, DeliveryOptions? options = null, DateTimeOffset? fireTime = null, bool html = true, RenderedDigest? rendered = null) =>
        new DigestMessageFactory(options ?? new DeliveryOptions(), List()).Create(Plan(id, fireTime: fireTime), rendered ?? Rendered(html));

    /// <summary>Claims the digests in a fresh in-memory record, as the caller does before dispatching.</summary>
    public static async Task<InMemoryDeliveryRecord> RecordWith(IEnumerable<PendingDigest> digests)
    {
        var record = new InMemoryDeliveryRecord();
        foreach (var digest in digests)
        {
            Assert.True(await record.TryClaimAsync(digest, CancellationToken.None));
        }

        return record;
    }
}

using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigestWorker.Tests.Delivery.Transport;

/// <summary>Broken connections, a dead server and a crash between sending and recording.</summary>
public sealed class SmtpDeliveryFailureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task DeliverAsync_ConnectionDroppedMidData_ReconnectsAndDeliversOnce()
    {
        await using var server = new DroppingSmtpServer(dropFirst: 1);
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = SmtpDeliveryTests.Digests(options, "ada", "bob");
        var record = await TestDigests.RecordWith(digests);

        var results = await SmtpDeliveryTests.CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.Equal(2, results[0].Attempts);
        Assert.Equal(1, results[1].Attempts);
        Assert.Equal(2, server.Accepted.Count);
        Assert.Contains(digests[0].MessageId, server.Accepted[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ServerStallsPastTimeout_TimesOutAndRetries()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port) { StallFirst = 1 });
        var options = TestDigests.SmtpOptions(server.Port, o =>
        {
            o.Smtp.MaxConnections = 1;
            // The stall lasts until the server is disposed, so any timeout ends the first attempt. Long enough that the
            // retry (connect, EHLO, DATA) never runs out too on a loaded 2-core CI machine, as 300 ms once did.
            o.Smtp.Timeout = TimeSpan.FromSeconds(2);
        });
        var digests = SmtpDeliveryTests.Digests(options, "ada");
        var record = await TestDigests.RecordWith(digests);

        var results = await SmtpDeliveryTests.CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        var result = Assert.Single(results);
        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Single(server.Accepted);
    }

    [Fact]
    public async Task DeliverAsync_DeadServer_OpensCircuitAndDefersTheRestWithoutAttempts()
    {
        var options = TestDigests.SmtpOptions(LoopbackSmtpServer.FreePort(), o =>
        {
            o.Smtp.MaxConnections = 1;
            o.Retry.MaxAttempts = 2;
            o.Retry.MinimumThroughput = 2;
            o.Retry.FailureRatio = 0.5;
            o.Retry.SamplingDuration = TimeSpan.FromSeconds(30);
            o.Retry.BreakDuration = TimeSpan.FromSeconds(30);
        });
        var digests = SmtpDeliveryTests.Digests(options, "ada", "bob", "cy", "dee");
        var record = await TestDigests.RecordWith(digests);

        var results = await SmtpDeliveryTests.CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.False(results.IsAborted);
        Assert.All(results, r => Assert.Equal(DeliveryStatus.Deferred, r.Status));
        Assert.Equal([2, 0, 0, 0], results.Select(r => r.Attempts));
        Assert.All(digests, d => Assert.Equal(DigestStatus.Pending, record[d.SubscriberId, d.FireTime].Status));
        Assert.Equal(1, record["ada", TestDigests.FireTime].Attempts);
        Assert.Equal(0, record["bob", TestDigests.FireTime].Attempts);
    }

    [Fact]
    public async Task DeliverAsync_CrashAfterServerAcceptedBeforeMarkSent_ResendsOnlyThatDigestWithSameMessageId()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port));
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = SmtpDeliveryTests.Digests(options, "ada", "bob", "cy");
        var record = await TestDigests.RecordWith(digests);
        var smtp = new SmtpMailTransport(options, TimeProvider.System, NullLogger<SmtpMailTransport>.Instance);

        var first = await SmtpDeliveryTests.CreateSut(options, record, new CrashAfterSendTransport(smtp, "bob")).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.True(first.IsAborted);
        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Deferred, DeliveryStatus.Deferred], first.Select(r => r.Status));
        Assert.Equal(DigestStatus.Pending, record["bob", TestDigests.FireTime].Status);

        var second = await SmtpDeliveryTests.CreateSut(options, record).DeliverAsync(record.GetPendingAsync(None), None);

        Assert.Equal(["bob", "cy"], second.Select(r => r.SubscriberId).Order());
        Assert.All(second, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        var ids = server.Accepted.Select(m => SmtpDeliveryTests.Parse(m).MessageId).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(2, ids.Count(id => id == digests[1].MessageId));
        Assert.Equal(1, ids.Count(id => id == digests[0].MessageId));
        Assert.Equal(1, ids.Count(id => id == digests[2].MessageId));
        var bobCopies = server.Accepted.Where(m => SmtpDeliveryTests.Parse(m).MessageId == digests[1].MessageId).ToList();
        Assert.Equal(SmtpDeliveryTests.Parse(bobCopies[0]).Date, SmtpDeliveryTests.Parse(bobCopies[1]).Date);
    }

    [Fact]
    public async Task DeliverAsync_CancelledMidRun_FinishesInFlightAndLeavesRestPending()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port));
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = SmtpDeliveryTests.Digests(options, "ada", "bob", "cy");
        var record = await TestDigests.RecordWith(digests);
        using var shutdown = new CancellationTokenSource();
        var smtp = new SmtpMailTransport(options, TimeProvider.System, NullLogger<SmtpMailTransport>.Instance);

        // SIGTERM arrives while the first message is on the wire.
        var transport = new CallbackTransport(smtp, before: _ => shutdown.Cancel());
        var results = await SmtpDeliveryTests.CreateSut(options, record, transport).DeliverAsync(digests.ToAsyncEnumerable(), shutdown.Token);

        Assert.Equal(DeliveryStatus.Sent, results[0].Status);
        Assert.All(results.Skip(1), r => Assert.Equal(DeliveryStatus.Deferred, r.Status));
        Assert.Equal(DigestStatus.Sent, record["ada", TestDigests.FireTime].Status);
        Assert.Equal(DigestStatus.Pending, record["bob", TestDigests.FireTime].Status);
        Assert.Single(server.Accepted);
    }
}

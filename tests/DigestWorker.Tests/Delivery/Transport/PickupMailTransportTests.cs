using DigestWorker.Delivery;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace DigestWorker.Tests.Delivery.Transport;

public sealed class PickupMailTransportTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("pickup-tests-").FullName;

    private (PickupMailTransport Transport, DeliveryOptions Options) CreateSut()
    {
        var options = new DeliveryOptions { PickupFolder = "out/mail", FromAddress = "digests@example.test" };
        return (new PickupMailTransport(options, root), options);
    }

    [Fact]
    public async Task DeliverAsync_Pickup_WritesCompleteSortableEmlFiles()
    {
        var (transport, options) = CreateSut();
        PendingDigest[] digests =
        [
            TestDigests.Pending("bob", options),
            TestDigests.Pending("ada", options, TestDigests.FireTime.AddDays(7)),
            TestDigests.Pending("ada", options),
            TestDigests.Pending("odd", options) with { SubscriberId = "odd id/../x" },
        ];
        var record = await TestDigests.RecordWith(digests);
        var dispatcher = new DigestDispatcher(transport, record, options, TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var results = await dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        var files = Directory.GetFiles(transport.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, files.Count);
        Assert.Equal("ada_2024-02-26_20240304T070000Z.eml", files[0]);
        Assert.Equal("ada_2024-02-26_20240311T070000Z.eml", files[1]);
        Assert.Equal("bob_2024-02-26_20240304T070000Z.eml", files[2]);
        Assert.Matches("^odd-id-..-x~[0-9a-f]{8}_2024-02-26_20240304T070000Z\\.eml$", files[3]);
        var ada = await MimeMessage.LoadAsync(Path.Combine(transport.Folder, files[0]!));
        Assert.Equal(digests[2].MessageId, ada.MessageId);
        Assert.Equal(digests[2].Message.ToArray(), await File.ReadAllBytesAsync(Path.Combine(transport.Folder, files[0]!)));
    }

    [Fact]
    public async Task SendAsync_SameDigestAgain_OverwritesSameFileAndLeavesNoTempFiles()
    {
        var (transport, options) = CreateSut();
        var digest = TestDigests.Pending("ada", options);
        var changed = digest with { Message = TestDigests.Pending("ada", options, html: false).Message };
        await using var session = await transport.OpenSessionAsync(CancellationToken.None);

        await session.SendAsync(digest, CancellationToken.None);
        await session.SendAsync(changed, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(transport.Folder, "*", SearchOption.AllDirectories));
        Assert.Equal(changed.Message.ToArray(), await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task DeliverAsync_FlushesTheFolderOnceMessageFileIsInPlace()
    {
        var options = new DeliveryOptions { PickupFolder = "out/mail", FromAddress = "digests@example.test" };
        var seen = new List<string[]>();
        var transport = new PickupMailTransport(options, root, null, (string folder, out string? reason) =>
        {
            lock (seen)
            {
                seen.Add([.. Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]);
            }

            reason = null;
            return true;
        });
        PendingDigest[] digests = [TestDigests.Pending("ada", options), TestDigests.Pending("bob", options)];
        var dispatcher = new DigestDispatcher(transport, await TestDigests.RecordWith(digests), options, TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var results = await dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        // One flush per session opened (each worker opens one on its first digest), then one after each message's
        // rename: the last one sees both files in place.
        Assert.InRange(seen.Count, 1 + digests.Length, transport.MaxParallelism + digests.Length);
        Assert.Empty(seen[0]);
        Assert.Equal(["ada_2024-02-26_20240304T070000Z.eml", "bob_2024-02-26_20240304T070000Z.eml"], seen[^1]);
    }

    [Fact]
    public async Task DeliverAsync_FolderThatCannotBeFlushedHere_SendsAllAndWarnsOnce()
    {
        var options = new DeliveryOptions { PickupFolder = "out/mail", FromAddress = "digests@example.test" };
        var calls = 0;
        var logger = new ListLogger<PickupMailTransport>();
        var transport = new PickupMailTransport(options, root, logger, (string folder, out string? reason) =>
        {
            Interlocked.Increment(ref calls);
            reason = "open: Permission denied";
            return false;
        });
        PendingDigest[] digests = [TestDigests.Pending("ada", options), TestDigests.Pending("bob", options), TestDigests.Pending("cy", options)];
        var dispatcher = new DigestDispatcher(transport, await TestDigests.RecordWith(digests), options, TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var results = await dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.Equal(3, Directory.GetFiles(transport.Folder).Length);
        Assert.InRange(calls, 1, transport.MaxParallelism);
        var warning = Assert.Single(logger.Lines);
        Assert.StartsWith("Warning:", warning, StringComparison.Ordinal);
        Assert.Contains("open: Permission denied", warning, StringComparison.Ordinal);
        Assert.Contains(transport.Folder, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_FolderFlushFailing_StopsTheRunBeforeWritingAnyMessage()
    {
        var options = new DeliveryOptions { PickupFolder = "out/mail", FromAddress = "digests@example.test" };
        var transport = new PickupMailTransport(options, root, null, (string folder, out string? reason) =>
            throw new IOException($"Flushing the folder '{folder}' to disk failed (fsync: Input/output error)."));
        PendingDigest[] digests = [TestDigests.Pending("ada", options), TestDigests.Pending("bob", options)];
        var dispatcher = new DigestDispatcher(transport, await TestDigests.RecordWith(digests), options, TimeProvider.System, NullLogger<DigestDispatcher>.Instance);

        var results = await dispatcher.DeliverAsync(digests.ToAsyncEnumerable(), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(DeliveryStatus.Deferred, r.Status));
        Assert.Contains("Input/output error", results.Abort!.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(transport.Folder));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

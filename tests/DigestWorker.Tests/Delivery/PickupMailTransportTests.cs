using DigestWorker.Delivery;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace DigestWorker.Tests.Delivery;

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

    public void Dispose() => Directory.Delete(root, recursive: true);
}

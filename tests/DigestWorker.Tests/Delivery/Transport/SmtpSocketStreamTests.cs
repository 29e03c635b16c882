using System.Net;
using System.Net.Sockets;
using System.Text;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Time.Testing;

namespace DigestWorker.Tests.Delivery.Transport;

public sealed class SmtpSocketStreamTests : IAsyncLifetime
{
    // Guards only: a broken stream fails a test instead of hanging it.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider time = new();
    private Socket peer = null!;
    private SmtpSocketStream stream = null!;

    public async Task InitializeAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accept = listener.AcceptSocketAsync();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        peer = await accept;
        stream = new SmtpSocketStream(client, time);
    }

    public async Task DisposeAsync()
    {
        await stream.DisposeAsync();
        peer.Dispose();
    }

    [Fact]
    public async Task WriteAsync_BlocksBelowTheLimit_AreHeldUntilFlushThenArriveInOrder()
    {
        byte[] data = Bytes(3 * 4096);

        for (var offset = 0; offset < data.Length; offset += 4096)
        {
            await stream.WriteAsync(data.AsMemory(offset, 4096), CancellationToken.None);
        }

        // Nothing was handed to the socket yet, so nothing can have reached the peer.
        Assert.Equal(0, peer.Available);
        await stream.FlushAsync(CancellationToken.None);
        Assert.Equal(data, await ReceiveAsync(data.Length));
    }

    [Fact]
    public async Task ReadAsync_WithWritesNotFlushed_SendsThemFirst()
    {
        // MailKit skips the flush when its own buffer is empty; the request must still leave before the reply is awaited.
        await stream.WriteAsync("DATA\r\n"u8.ToArray(), CancellationToken.None);
        var reply = new byte[64];
        var read = stream.ReadAsync(reply, CancellationToken.None).AsTask();

        Assert.Equal("DATA\r\n", Encoding.ASCII.GetString(await ReceiveAsync(6)));
        await peer.SendAsync("354 go ahead\r\n"u8.ToArray(), CancellationToken.None);
        Assert.Equal("354 go ahead\r\n", Encoding.ASCII.GetString(reply, 0, await read.WaitAsync(Guard)));
    }

    [Fact]
    public async Task WriteAsync_PastTheLimit_SendsWithoutWaitingForFlush()
    {
        byte[] small = Bytes(100);
        byte[] large = Bytes(SmtpSocketStream.GatherLimit + 1);

        await stream.WriteAsync(small, CancellationToken.None);
        await stream.WriteAsync(large, CancellationToken.None);

        byte[] received = await ReceiveAsync(small.Length + large.Length);
        Assert.Equal([.. small, .. large], received);
    }

    [Fact]
    public async Task WriteAsync_ExactlyTheLimit_GoesStraightOut()
    {
        byte[] data = Bytes(SmtpSocketStream.GatherLimit);

        await stream.WriteAsync(data, CancellationToken.None);

        Assert.Equal(data, await ReceiveAsync(data.Length));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsOperationCanceledAndClosesTheConnection()
    {
        using var cancel = new CancellationTokenSource();
        var read = stream.ReadAsync(new byte[16], cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Guard));
        await AssertPeerSeesCloseAsync();
    }

    [Fact]
    public void Read_Synchronous_SendsWhatIsGatheredThenReadsTheReply()
    {
        peer.ReceiveTimeout = (int)Guard.TotalMilliseconds;
        stream.Write("NOOP\r\n"u8);
        peer.Send("250 ok\r\n"u8);
        var reply = new byte[16];

        // The peer's reply is already queued, so the read returns at once; the request left before it.
        Assert.Equal("250 ok\r\n", Encoding.ASCII.GetString(reply, 0, stream.Read(reply)));
        var request = new byte[6];
        Assert.Equal(6, peer.Receive(request));
        Assert.Equal("NOOP\r\n", Encoding.ASCII.GetString(request));
    }

    [Fact]
    public async Task ReadAsync_ServerSilentPastReadTimeout_ThrowsTimeoutExceptionAndClosesTheConnection()
    {
        stream.ReadTimeout = 1000;
        var read = stream.ReadAsync(new byte[16], CancellationToken.None).AsTask();

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => read.WaitAsync(Guard));
        Assert.Equal("The SMTP server did not answer within 1000 ms.", timeout.Message);
        await Assert.ThrowsAsync<TimeoutException>(() => stream.WriteAsync(Bytes(1), CancellationToken.None).AsTask());
        await AssertPeerSeesCloseAsync();
    }

    [Fact]
    public async Task ReadAsync_ReplyWithinTimeout_TimerDoesNotFireLater()
    {
        stream.ReadTimeout = 1000;
        await peer.SendAsync("250 ok\r\n"u8.ToArray(), CancellationToken.None);
        Assert.Equal(8, await stream.ReadAsync(new byte[16], CancellationToken.None));

        // Disarmed after the read: the connection idles between messages without timing out.
        time.Advance(TimeSpan.FromMinutes(5));
        await stream.WriteAsync("NOOP\r\n"u8.ToArray(), CancellationToken.None);
        await stream.FlushAsync(CancellationToken.None);
        Assert.Equal("NOOP\r\n", Encoding.ASCII.GetString(await ReceiveAsync(6)));
    }

    [Fact]
    public async Task WriteAsync_AfterThePeerReset_ThrowsIOException()
    {
        peer.LingerState = new LingerOption(true, 0);
        peer.Close();

        // The reset arrives after the first send at the latest; the next sends see it.
        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await stream.WriteAsync(Bytes(1024), CancellationToken.None);
                await stream.FlushAsync(CancellationToken.None);
                _ = await stream.ReadAsync(new byte[16], CancellationToken.None).AsTask().WaitAsync(Guard);
            }
        });
        Assert.IsType<SocketException>(failure.InnerException);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Timeouts_NotPositiveNorInfinite_AreRefused(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.ReadTimeout = value);
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.WriteTimeout = value);
    }

    // Closed with a read pending, the socket may end with a reset instead of an orderly end of stream.
    private async Task AssertPeerSeesCloseAsync()
    {
        try
        {
            Assert.Equal(0, await peer.ReceiveAsync(new byte[16], CancellationToken.None).AsTask().WaitAsync(Guard));
        }
        catch (SocketException reset) when (reset.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
    }

    private async Task<byte[]> ReceiveAsync(int count)
    {
        var received = new byte[count];
        var total = 0;
        while (total < count)
        {
            int n = await peer.ReceiveAsync(received.AsMemory(total), CancellationToken.None).AsTask().WaitAsync(Guard);
            Assert.NotEqual(0, n);
            total += n;
        }

        return received;
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)('a' + (i % 26)))];
}

using System.Net.Sockets;

namespace DigestWorker.Delivery.Transport;

/// <summary>
/// The stream MailKit speaks SMTP through, over a connected socket. MailKit hands its stream 4 KB blocks and flushes
/// after each command group and at the end of a message; this stream gathers what it is given and sends it at the
/// flush, so a 25 KB digest leaves in one send instead of seven (each a system call and, on loopback, a wake-up of the
/// server). Whatever is gathered is also sent before every read: MailKit skips the flush when its own buffer happens
/// to be empty (a message whose end fills its last 4 KB block exactly), and a client only reads after a request, whose
/// reply cannot come before the request has left. Reads and writes time out as with MailKit's own stream (the socket is closed and a
/// <see cref="TimeoutException"/> thrown), with one timer per stream re-armed per operation instead of a timer, two
/// token sources and a task source allocated per operation.
/// </summary>
internal sealed class SmtpSocketStream : Stream
{
    // Larger writes go straight out; a digest of average size (25 KB) fits with its headers.
    internal const int GatherLimit = 64 * 1024;

    private readonly Socket socket;
    private readonly TimeProvider timeProvider;
    private readonly ITimer timer;

    // Guards the timer's state against its callback, which may run late (after the operation it was armed for).
    private readonly Lock timing = new();
    private readonly byte[] gathered = new byte[GatherLimit];
    private int gatheredCount;
    private int readTimeout = Timeout.Infinite;
    private int writeTimeout = Timeout.Infinite;
    private int armedTimeout;
    private bool armed;
    private long armedAt;
    private string armedFor = "answer";
    private volatile bool timedOut;
    private bool disposed;

    /// <param name="socket">A connected socket; the stream owns it from now on.</param>
    /// <param name="timeProvider">Measures the read and write timeouts.</param>
    public SmtpSocketStream(Socket socket, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.socket = socket;
        this.timeProvider = timeProvider;
        timer = timeProvider.CreateTimer(static state => ((SmtpSocketStream)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override bool CanRead => !disposed;

    public override bool CanWrite => !disposed;

    public override bool CanSeek => false;

    public override bool CanTimeout => true;

    public override int ReadTimeout
    {
        get => readTimeout;
        set => readTimeout = CheckTimeout(value);
    }

    public override int WriteTimeout
    {
        get => writeTimeout;
        set => writeTimeout = CheckTimeout(value);
    }

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Flush();
        Arm(readTimeout, "answer");
        try
        {
            return socket.Receive(buffer, SocketFlags.None);
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
        finally
        {
            Disarm();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        Arm(readTimeout, "answer");
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
        finally
        {
            Disarm();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!TryGather(buffer))
        {
            Flush();
            if (!TryGather(buffer))
            {
                Send(buffer);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!TryGather(buffer.Span))
        {
            await FlushAsync(cancellationToken);
            if (!TryGather(buffer.Span))
            {
                await SendAsync(buffer, cancellationToken);
            }
        }
    }

    public override void Flush()
    {
        if (TakeGathered() is > 0 and var count)
        {
            Send(gathered.AsSpan(0, count));
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (TakeGathered() is > 0 and var count)
        {
            await SendAsync(gathered.AsMemory(0, count), cancellationToken);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (timing)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                timer.Dispose();
            }

            socket.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Adds <paramref name="buffer"/> to what waits for the next flush, unless that would reach the limit: then the
    /// caller sends what is gathered first, and gathers or sends <paramref name="buffer"/> after it.
    /// </summary>
    private bool TryGather(ReadOnlySpan<byte> buffer)
    {
        CheckOpen();
        if (gatheredCount + buffer.Length >= GatherLimit)
        {
            return false;
        }

        buffer.CopyTo(gathered.AsSpan(gatheredCount));
        gatheredCount += buffer.Length;
        return true;
    }

    // Cleared before the send: after a failed send the connection is dropped, and nothing gathered may go out later.
    private int TakeGathered()
    {
        int count = gatheredCount;
        gatheredCount = 0;
        return count;
    }

    private void Send(ReadOnlySpan<byte> buffer)
    {
        Arm(writeTimeout, "take what was sent");
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[socket.Send(buffer, SocketFlags.None)..];
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
        finally
        {
            Disarm();
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        Arm(writeTimeout, "take what was sent");
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[await socket.SendAsync(buffer, SocketFlags.None, cancellationToken)..];
            }
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
        finally
        {
            Disarm();
        }
    }

    // A stream that timed out says so on every later use, not only the one that was waiting.
    private void CheckOpen()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (timedOut)
        {
            throw TimedOut(null);
        }
    }

    private void Arm(int timeout, string operation)
    {
        CheckOpen();
        lock (timing)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            armedTimeout = timeout;
            armedFor = operation;
            armed = timeout != Timeout.Infinite;
            if (armed)
            {
                armedAt = timeProvider.GetTimestamp();
                timer.Change(TimeSpan.FromMilliseconds(timeout), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Disarm()
    {
        lock (timing)
        {
            if (armed && !disposed)
            {
                timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            armed = false;
        }
    }

    /// <summary>
    /// The timer's callback. It can come late: after its operation finished (nothing armed), or while a later
    /// operation is armed whose own time is not up. Only an operation past its own deadline is timed out; otherwise the
    /// timer is set again for what is left, so no operation is left without a deadline.
    /// </summary>
    private void Expire()
    {
        lock (timing)
        {
            if (!armed || disposed)
            {
                return;
            }

            var left = TimeSpan.FromMilliseconds(armedTimeout) - timeProvider.GetElapsedTime(armedAt);
            if (left > TimeSpan.Zero)
            {
                timer.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }

            timedOut = true;
        }

        // Closing the socket ends the pending operation, which then reports the timeout.
        socket.Dispose();
    }

    /// <summary>
    /// What the caller sees instead of <paramref name="exception"/>, or null to let it through. As with MailKit's
    /// stream: a timeout is a <see cref="TimeoutException"/>, a socket error an <see cref="IOException"/>, and after
    /// either, or a cancellation, the socket is closed (the conversation's state is unknown).
    /// </summary>
    private Exception? Translate(Exception exception)
    {
        socket.Dispose();
        if (timedOut)
        {
            return TimedOut(exception);
        }

        return exception switch
        {
            SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } => TimedOut(exception),
            SocketException socketError => new IOException(socketError.Message, socketError),
            ObjectDisposedException disposedError => new IOException("The SMTP connection was closed.", disposedError),
            _ => null,
        };
    }

    private TimeoutException TimedOut(Exception? inner) =>
        new($"The SMTP server did not {armedFor} within {armedTimeout} ms.", inner);

    private static int CheckTimeout(int value) =>
        value > 0 || value == Timeout.Infinite ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout is positive or Timeout.Infinite.");
}

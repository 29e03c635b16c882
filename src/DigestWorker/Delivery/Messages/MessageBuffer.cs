using System.Buffers;

namespace DigestWorker.Delivery.Messages;

/// <summary>
/// The array a built message's bytes are kept in while the digest is in flight (claimed, queued, sent), rented from a
/// pool and given back once the dispatcher is done with the message. A digest's message (about 23 KB) lives for the
/// milliseconds between its build and its send: long enough, as a fresh array, to survive a collection or two and die
/// in the old generation, which then grew between collections by far more than the run's own data. Rented, the same
/// few arrays serve the whole run.
/// </summary>
/// <remarks>
/// Whoever releases it must be the last reader of the bytes: after <see cref="Release"/> the array may already hold
/// another digest's message. Releasing again does nothing.
/// </remarks>
public sealed class MessageBuffer
{
    // Larger messages are rare; they are allocated as they were before and left to the GC.
    private const int MaxPooledLength = 1 << 20;

    // The shared pool: an array never given back (a run that stops with digests still queued) is simply collected,
    // while a pool that counts what it lent out would lose that slot for the rest of the process. It keeps a few dozen
    // arrays per size and core; past that, a given-back array is dropped and a rent allocates, as before pooling.
    private static ArrayPool<byte> Pool => ArrayPool<byte>.Shared;

    private byte[]? array;

    private MessageBuffer(byte[] array) => this.array = array;

    /// <summary>True once given back (or never pooled).</summary>
    public bool IsReleased => Volatile.Read(ref array) is null;

    /// <summary>A copy of <paramref name="bytes"/>: in a pooled array with its buffer, or a plain array (and no buffer) when too large.</summary>
    public static (ReadOnlyMemory<byte> Bytes, MessageBuffer? Buffer) Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxPooledLength)
        {
            return (bytes.ToArray(), null);
        }

        var rented = Pool.Rent(bytes.Length);
        bytes.CopyTo(rented);
        return (new ReadOnlyMemory<byte>(rented, 0, bytes.Length), new MessageBuffer(rented));
    }

    /// <summary>Gives the array back to the pool; once only, whoever calls.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref array, null) is { } rented)
        {
            Pool.Return(rented);
        }
    }
}

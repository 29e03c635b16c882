using DigestWorker.Delivery.Messages;

namespace DigestWorker.Tests.Delivery.Messages;

public sealed class MessageBufferTests
{
    [Fact]
    public void Copy_SmallMessage_PooledWithTheSameBytes()
    {
        byte[] source = [.. Enumerable.Range(0, 23_000).Select(i => (byte)(i % 251))];

        var (bytes, buffer) = MessageBuffer.Copy(source);

        Assert.NotNull(buffer);
        Assert.False(buffer.IsReleased);
        Assert.Equal(source, bytes.ToArray());
        buffer.Release();
        Assert.True(buffer.IsReleased);
    }

    [Fact]
    public void Release_Twice_GivesTheArrayBackOnce()
    {
        var (_, first) = MessageBuffer.Copy(new byte[5000]);
        first!.Release();
        first.Release();

        // Given back once, the array serves one new message, not two at the same time.
        var (a, bufferA) = MessageBuffer.Copy(new byte[5000]);
        var (b, bufferB) = MessageBuffer.Copy(new byte[5000]);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(a, out var arrayA));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(b, out var arrayB));
        Assert.NotSame(arrayA.Array, arrayB.Array);
        bufferA!.Release();
        bufferB!.Release();
    }

    [Fact]
    public void Copy_MessageOverAMegabyte_OwnArrayWithoutBuffer()
    {
        var source = new byte[(1 << 20) + 1];
        source[^1] = 42;

        var (bytes, buffer) = MessageBuffer.Copy(source);

        Assert.Null(buffer);
        Assert.Equal(source.Length, bytes.Length);
        Assert.Equal(42, bytes.Span[^1]);
    }
}

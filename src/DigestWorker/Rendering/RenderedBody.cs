using System.Buffers;
using System.Text;

namespace DigestWorker.Rendering;

/// <summary>
/// A rendered digest body as UTF-8 with the template's LF line ends, in an array rented from the shared pool: the
/// message factory reads it as it is (no UTF-16 copy of a 20-40 KB body per digest), and <see cref="Dispose"/> gives
/// the array back once the message is built. Not thread-safe; read by the thread that rendered or built it.
/// </summary>
internal sealed class RenderedBody : IDisposable
{
    private byte[]? array;

    internal RenderedBody(byte[] rented, int length)
    {
        array = rented;
        Length = length;
    }

    /// <summary>The body's length in UTF-8 bytes.</summary>
    public int Length { get; }

    /// <summary>The body's UTF-8 bytes; only until <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Utf8 => (array ?? throw new ObjectDisposedException(nameof(RenderedBody))).AsSpan(0, Length);

    /// <summary>A body of <paramref name="text"/> (tests, and callers that already hold the text).</summary>
    public static RenderedBody From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var output = new Utf8Output(Encoding.UTF8.GetByteCount(text));
        output.Write(text, 0, text.Length);
        return output.Detach();
    }

    /// <summary>The body as text (the preview command and tests).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Utf8);

    public void Dispose()
    {
        if (array is { } rented)
        {
            array = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

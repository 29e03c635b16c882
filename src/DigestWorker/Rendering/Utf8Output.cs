using System.Buffers;
using System.Text;
using Scriban.Runtime;

namespace DigestWorker.Rendering;

/// <summary>
/// A Scriban output that encodes what a template writes straight to UTF-8, in an array rented from the shared pool.
/// A digest body rendered to Scriban's usual output was a StringBuilder's chunks, then a string of 20-40 KB per body
/// (a fifth of everything a run allocated), then its UTF-8 bytes for the message; written here, it is the bytes alone.
/// </summary>
/// <remarks>
/// <see cref="Scriban.Template.Render(Scriban.TemplateContext)"/> returns the output's <see cref="ToString"/>, which
/// here is empty: the text is what <see cref="Detach"/> hands over. A surrogate pair split between two writes is
/// encoded whole; a lone surrogate becomes U+FFFD, as encoding the whole text at once would make it.
/// </remarks>
internal sealed class Utf8Output : IScriptOutput, IDisposable
{
    private byte[]? buffer;
    private int length;
    private char pendingHigh;

    public Utf8Output(int capacity) => buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    /// <summary>UTF-8 bytes written so far, a held-back high surrogate counted as the 3 it will be if no low one follows.</summary>
    public int Length => length + (pendingHigh != '\0' ? 3 : 0);

    public void Write(string text, int offset, int count)
    {
        var chars = text.AsSpan(offset, count);
        if (chars.IsEmpty)
        {
            return;
        }

        if (pendingHigh != '\0')
        {
            Span<char> pair = [pendingHigh, chars[0]];
            pendingHigh = '\0';
            var whole = char.IsLowSurrogate(pair[1]);
            Append(whole ? pair : pair[..1]);
            chars = whole ? chars[1..] : chars;
            if (chars.IsEmpty)
            {
                return;
            }
        }

        if (char.IsHighSurrogate(chars[^1]))
        {
            pendingHigh = chars[^1];
            chars = chars[..^1];
        }

        Append(chars);
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    /// <summary>The bytes written, as a body that now owns the array; this output holds nothing after.</summary>
    public RenderedBody Detach()
    {
        if (pendingHigh != '\0')
        {
            Append([pendingHigh]);
            pendingHigh = '\0';
        }

        var body = new RenderedBody(buffer ?? throw new ObjectDisposedException(nameof(Utf8Output)), length);
        buffer = null;
        return body;
    }

    /// <summary>Empty: the text is in <see cref="Detach"/>'s body (see remarks).</summary>
    public override string ToString() => string.Empty;

    /// <summary>Gives the array back unless <see cref="Detach"/> handed it over (a render that failed).</summary>
    public void Dispose()
    {
        if (buffer is { } rented)
        {
            buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        var current = buffer ?? throw new ObjectDisposedException(nameof(Utf8Output));
        var needed = length + Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (needed > current.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, current.Length * 2));
            current.AsSpan(0, length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(current);
            buffer = current = grown;
        }

        length += Encoding.UTF8.GetBytes(chars, current.AsSpan(length));
    }
}

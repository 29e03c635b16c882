using MimeKit;
using MimeKit.Text;

namespace DigestWorker.Delivery.Messages;

/// <summary>
/// A text part whose content is held exactly as it goes on the wire: in its transfer encoding, with CRLF line ends.
/// MimeKit writes a part's content through a line-end filter (LF to CRLF) into a fresh output buffer every time the
/// part is written; for such content the filter can only copy it, so this part writes the content as it is. That is
/// once when a digest is built (<see cref="DigestMessageFactory"/>) and once per send of the recorded message, whose
/// text parts the SMTP session parses as this type (<see cref="Register"/>); the bytes sent stay the bytes recorded, and
/// the SMTP client's own filter (dot-stuffing) still sees every byte.
/// </summary>
/// <remarks>
/// Anything else takes MimeKit's own path: a part re-encoded before sending (7-bit for a server without 8BITMIME), any
/// line-end format other than CRLF, and a message's only part whose content does not end with a line end (MimeKit adds
/// one there when it writes a message for SMTP). The session parses a recorded message this way only when it is CRLF
/// throughout (<see cref="HasBareLineFeed"/>), as every message this worker writes is; a bare LF would otherwise go out
/// as it is, and servers refuse it.
/// </remarks>
internal sealed class WireTextPart : TextPart
{
    /// <summary>The constructor MimeKit's parser calls for a registered type.</summary>
    public WireTextPart(MimeEntityConstructorArgs args)
        : base(args)
    {
    }

    public WireTextPart(TextFormat format)
        : base(format)
    {
    }

    /// <summary>
    /// Whether this part is its message's whole body (a plain-text digest), where MimeKit makes sure the content ends
    /// with a line end; set by whoever puts it there.
    /// </summary>
    public bool IsMessageBody { get; set; }

    /// <summary>Marks <paramref name="body"/>, a message's whole body, as such when it is one of these parts.</summary>
    public static void MarkAsMessageBody(MimeEntity? body)
    {
        if (body is WireTextPart part)
        {
            part.IsMessageBody = true;
        }
    }

    /// <summary>Registers this type for a digest's text parts with <paramref name="options"/>.</summary>
    public static ParserOptions Register(ParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RegisterMimeType("text/plain", typeof(WireTextPart));
        options.RegisterMimeType("text/html", typeof(WireTextPart));
        return options;
    }

    /// <summary>
    /// Whether <paramref name="message"/> has a line feed without its carriage return. Every message this worker records
    /// is CRLF throughout; one that is not (written by something else) must not have its text parts sent as they are.
    /// </summary>
    public static bool HasBareLineFeed(ReadOnlySpan<byte> message)
    {
        var offset = 0;
        int found;
        while ((found = message[offset..].IndexOf((byte)'\n')) >= 0)
        {
            var at = offset + found;
            if (at == 0 || message[at - 1] != '\r')
            {
                return true;
            }

            offset = at + 1;
        }

        return false;
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        if (!AsItIs(options))
        {
            base.WriteTo(options, stream, contentOnly, cancellationToken);
            return;
        }

        if (!contentOnly)
        {
            Headers.WriteTo(options, stream, cancellationToken);
        }

        Content!.WriteTo(stream, cancellationToken);
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        if (!AsItIs(options))
        {
            await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
            return;
        }

        if (!contentOnly)
        {
            await Headers.WriteToAsync(options, stream, cancellationToken);
        }

        await Content!.WriteToAsync(stream, cancellationToken);
    }

    // Content already in the transfer encoding it is written in (not one MimeKit frames with extra lines, as uuencode),
    // written with CRLF line ends, and, as a message's only part, ending with one.
    private bool AsItIs(FormatOptions options) =>
        Content is { } content
        && content.Encoding == ContentTransferEncoding
        && ContentTransferEncoding is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.QuotedPrintable or ContentEncoding.Base64
        && options.NewLineFormat == NewLineFormat.Dos
        && (!IsMessageBody || EndsWithLineEnd(content.Stream));

    private static bool EndsWithLineEnd(Stream? content)
    {
        if (content is not { CanSeek: true, Length: > 0 })
        {
            return false;
        }

        var position = content.Position;
        content.Seek(-1, SeekOrigin.End);
        var last = content.ReadByte();
        content.Position = position;
        return last == '\n';
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using DigestWorker.Delivery.Record;
using DigestWorker.Rendering;
using DigestWorker.Selection;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace DigestWorker.Delivery.Messages;

/// <summary>
/// Builds the RFC 5322 message of a digest. Everything that identifies it is deterministic: the Message-ID comes
/// from (subscriber, fire time) and <c>Date</c> is the fire time, so the message says when the digest was due,
/// not when a retry happened to build it. Every config or document value reaches a header only through MimeKit's
/// encoders after <see cref="HeaderText.Clean"/>, so none can add a header.
/// </summary>
internal sealed class DigestMessageFactory
{
    // Never changed after this, so shared by every thread that writes a message.
    private static readonly FormatOptions Dos = CreateDos();

    private const int MaxKeptBuffer = 1 << 20;

    [ThreadStatic]
    private static MemoryStream? t_buffer;

    [ThreadStatic]
    private static byte[]? t_text;

    [ThreadStatic]
    private static byte[]? t_html;

    private readonly DeliveryOptions delivery;
    private readonly MailingListOptions list;
    private readonly string idDomain;

    /// <param name="idDomain">Right-hand side of Message-IDs; default the domain of <see cref="DeliveryOptions.FromAddress"/>,
    /// which, unlike a machine name, stays the same when another machine re-sends.</param>
    public DigestMessageFactory(DeliveryOptions delivery, MailingListOptions list, string? idDomain = null)
    {
        this.delivery = delivery ?? throw new ArgumentNullException(nameof(delivery));
        this.list = list ?? throw new ArgumentNullException(nameof(list));
        this.idDomain = string.IsNullOrWhiteSpace(idDomain) ? DigestMessageId.DomainOf(delivery.FromAddress) : HeaderText.CleanToken(idDomain);
    }

    /// <summary>The digest ready to claim and send, carrying its exact message bytes.</summary>
    public PendingDigest Create(DigestPlan plan, RenderedDigest rendered)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rendered);
        var subscriber = plan.Subscriber;
        var fireTime = plan.FireTime.ToUniversalTime();
        var messageId = DigestMessageId.For(subscriber.Id, fireTime, idDomain);

        // Disposed once written: a MimeMessage and its parts have finalizers, and 100,000 of them waiting for the
        // finalizer thread would each survive a collection for nothing.
        // Built from no headers: the parameterless constructor would first set a Date from the local clock and
        // generate a random Message-ID, both replaced below (a seventh of the cost of building the message).
        using var message = new MimeMessage((IEnumerable<Header>)[]);
        message.From.Add(Mailbox(delivery.FromName, delivery.FromAddress, "Delivery:FromAddress"));
        if (!string.IsNullOrWhiteSpace(delivery.ReplyTo))
        {
            message.ReplyTo.Add(Mailbox(null, delivery.ReplyTo, "Delivery:ReplyTo"));
        }

        message.To.Add(Mailbox(subscriber.Name, subscriber.Email, $"email of subscriber '{HeaderText.Clean(subscriber.Id)}'"));
        message.Subject = HeaderText.Clean(rendered.Subject);
        message.MessageId = messageId;
        message.Date = fireTime;

        var headers = message.Headers;
        headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        headers.Add(HeaderId.ListId, $"{Encoding.ASCII.GetString(Rfc2047.EncodePhrase(Encoding.UTF8, HeaderText.Clean(list.Name)))} <{HeaderText.CleanToken(list.Id)}>");
        var unsubscribe = HeaderText.CleanToken(list.UnsubscribeFor(subscriber.Id, subscriber.Email));
        if (unsubscribe.Length > 0)
        {
            headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");

            // RFC 8058: one-click only for an https URL, which a mail client can POST to.
            if (unsubscribe.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
            }
        }

        headers.Add("X-Digest-Subscriber", Encoding.UTF8, HeaderText.Clean(subscriber.Id));
        headers.Add("X-Digest-Fire-Time", fireTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        message.Body = Body(rendered);

        var (bytes, buffer) = ToBytes(message, SizeHint(rendered));
        return new PendingDigest(
            subscriber.Id,
            subscriber.Email,
            fireTime,
            plan.Period,
            plan.EventIds(),
            messageId,
            bytes)
        {
            Buffer = buffer,
        };
    }

    /// <summary>The message as sent: CRLF line ends, as SMTP and .eml readers expect.</summary>
    /// <remarks>
    /// Written into a buffer this thread keeps from message to message, then copied once into a pooled array
    /// (<see cref="MessageBuffer"/>) that the dispatcher gives back after sending.
    /// </remarks>
    private static (ReadOnlyMemory<byte> Bytes, MessageBuffer? Buffer) ToBytes(MimeMessage message, int sizeHint)
    {
        var buffer = t_buffer ??= new MemoryStream(sizeHint);
        buffer.SetLength(0);
        message.WriteTo(Dos, buffer);
        var bytes = MessageBuffer.Copy(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));

        // A rare huge digest does not pin its buffers to the thread for the rest of the run.
        t_buffer = buffer.Capacity > MaxKeptBuffer ? null : buffer;
        t_text = Kept(t_text);
        t_html = Kept(t_html);
        return bytes;
    }

    private static byte[]? Kept(byte[]? buffer) => buffer?.Length > MaxKeptBuffer ? null : buffer;

    private static FormatOptions CreateDos()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    // Enough for the headers and both bodies even as quoted-printable (mostly ASCII), so the buffer is not regrown.
    private static int SizeHint(RenderedDigest rendered) =>
        ((rendered.TextBody.Length + (rendered.HtmlBody?.Length ?? 0)) * 9 / 8) + 4096;

    private static MimeEntity Body(RenderedDigest rendered)
    {
        var text = Part(TextFormat.Plain, rendered.TextBody, ref t_text);
        if (rendered.HtmlBody is null)
        {
            WireTextPart.MarkAsMessageBody(text);
            return text;
        }

        return new MultipartAlternative { text, Part(TextFormat.Html, rendered.HtmlBody, ref t_html) };
    }

    private static TextPart Part(TextFormat format, RenderedBody body, ref byte[]? buffer)
    {
        var encoding = TransferEncoding(body.Utf8);
        if (encoding != ContentEncoding.EightBit)
        {
            var encoded = new TextPart(format) { ContentTransferEncoding = encoding };
            encoded.SetText(Encoding.UTF8, body.ToString());
            return encoded;
        }

        // 8bit content is the UTF-8 text itself with CRLF line ends, written straight into this thread's buffer for the
        // part (read only while the message is written, on this thread) and from there as it is (WireTextPart).
        var length = Crlf(body.Utf8, ref buffer);
        var part = new WireTextPart(format) { ContentTransferEncoding = ContentEncoding.EightBit };
        part.ContentType.Charset = "utf-8";
        part.Content = new MimeContent(new MemoryStream(buffer, 0, length, writable: false), ContentEncoding.EightBit);
        return part;
    }

    // UTF-8 whose lines end with LF, with CRLF line ends; the buffer grows to fit and is kept unless huge.
    private static int Crlf(ReadOnlySpan<byte> content, [NotNull] ref byte[]? buffer)
    {
        var max = content.Length * 2;
        if (buffer is null || buffer.Length < max)
        {
            buffer = new byte[Math.Max(max, 16 * 1024)];
        }

        var written = 0;
        var rest = content;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            line.CopyTo(buffer.AsSpan(written));
            written += line.Length;
            if (end < 0)
            {
                break;
            }

            buffer[written++] = (byte)'\r';
            buffer[written++] = (byte)'\n';
            rest = rest[(end + 1)..];
        }

        return written;
    }

    /// <summary>
    /// 8bit (the UTF-8 text as it is) when RFC 6152 allows it: no line longer than 998 octets, no NUL, no CR (line
    /// ends are LF here and become CRLF when written). Otherwise quoted-printable, which keeps any text within those
    /// limits. 8bit skips encoding a digest (a sixth of the CPU of building one) and keeps it smaller; a server without
    /// 8BITMIME still gets 7-bit: MailKit re-encodes such parts when the server does not announce it.
    /// </summary>
    internal static ContentEncoding TransferEncoding(ReadOnlySpan<byte> utf8)
    {
        const int MaxLineOctets = 998;
        var rest = utf8;
        if (rest.IndexOfAny((byte)'\0', (byte)'\r') >= 0)
        {
            return ContentEncoding.QuotedPrintable;
        }

        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)'\n');
            if ((end < 0 ? rest.Length : end) > MaxLineOctets)
            {
                return ContentEncoding.QuotedPrintable;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return ContentEncoding.EightBit;
    }

    private static MailboxAddress Mailbox(string? name, string address, string what)
    {
        var cleaned = HeaderText.Clean(address);
        if (!MailboxAddress.TryParse(cleaned, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new FormatException($"The {what} '{cleaned}' is not a single email address.");
        }

        return new MailboxAddress(HeaderText.Clean(name), parsed.Address);
    }
}

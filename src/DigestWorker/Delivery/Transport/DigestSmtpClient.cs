using MailKit.Net.Smtp;
using MimeKit;

namespace DigestWorker.Delivery.Transport;

/// <summary>
/// MailKit's SMTP client, minus two passes over each message that a recorded digest does not need.
/// <list type="bullet">
/// <item>Before sending, MailKit re-scans every 8bit part to check it is within the server's limits
/// (<see cref="MimeEntity.Prepare"/>). A digest's parts were checked against exactly those limits when its message was
/// built (<see cref="Messages.DigestMessageFactory.TransferEncoding"/>: 8bit only with no line over 998 octets, no CR or
/// NUL; quoted-printable otherwise), so where the server takes 8bit the scan can only agree, and the message goes out as
/// recorded. A server without 8BITMIME still gets every part re-encoded to 7-bit by MailKit, as before.</item>
/// <item>When the server announces SIZE (Postfix does), MailKit writes the whole message once into a counting stream
/// to declare its size in MAIL FROM. A message that goes out as recorded has the recorded size, so that is declared
/// instead (<see cref="RecordedSize"/>); a re-encoded one is still counted.</item>
/// </list>
/// </summary>
internal sealed class DigestSmtpClient : SmtpClient
{
    private bool asRecorded;

    /// <summary>
    /// The size of the recorded message about to be sent (set by the session before each send, null when unknown):
    /// declared as the SIZE when the message goes out unchanged.
    /// </summary>
    public long? RecordedSize { get; set; }

    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        asRecorded = constraint != EncodingConstraint.SevenBit;
        if (!asRecorded)
        {
            base.Prepare(options, message, constraint, maxLineLength);
        }
    }

    protected override long GetSize(FormatOptions options, MimeMessage message, CancellationToken cancellationToken) =>
        DeclaredSize ?? base.GetSize(options, message, cancellationToken);

    protected override Task<long> GetSizeAsync(FormatOptions options, MimeMessage message, CancellationToken cancellationToken) =>
        DeclaredSize is { } size ? Task.FromResult(size) : base.GetSizeAsync(options, message, cancellationToken);

    // The recorded size when the message goes out as recorded, and only for DATA: with BDAT (never chosen for a digest:
    // no binary parts, PreferSendAsBinaryData off) the size frames the data itself, so it is always counted.
    private long? DeclaredSize => asRecorded && !PreferSendAsBinaryData ? RecordedSize : null;
}

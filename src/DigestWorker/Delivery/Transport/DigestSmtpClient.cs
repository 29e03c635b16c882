using MailKit.Net.Smtp;
using MimeKit;

namespace DigestWorker.Delivery.Transport;

/// <summary>
/// MailKit's SMTP client, minus one pass over each message: before sending, MailKit re-scans every 8bit part to check
/// it is within the server's limits (<see cref="MimeEntity.Prepare"/>). A digest's parts were checked against exactly
/// those limits when its message was built (<see cref="Messages.DigestMessageFactory.TransferEncoding"/>: 8bit only
/// with no line over 998 octets, no CR or NUL; quoted-printable otherwise), so where the server takes 8bit the scan
/// can only agree, and the message goes out as recorded. A server without 8BITMIME still gets every part re-encoded to
/// 7-bit by MailKit, as before.
/// </summary>
internal sealed class DigestSmtpClient : SmtpClient
{
    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        if (constraint == EncodingConstraint.SevenBit)
        {
            base.Prepare(options, message, constraint, maxLineLength);
        }
    }
}

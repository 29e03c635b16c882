namespace DigestWorker.Delivery;

/// <summary>Transport security of the SMTP connection; mapped onto MailKit's <c>SecureSocketOptions</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it (default).</summary>
    Auto,

    /// <summary>STARTTLS is required; the connection fails when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>Plain text: only for a relay on loopback or a trusted network.</summary>
    None,
}

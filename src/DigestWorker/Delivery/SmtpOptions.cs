using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Delivery;

/// <summary>
/// The SMTP server digests are sent through. Section <c>Delivery:Smtp</c>.
/// The password is deliberately not an option: options get logged and dumped, so it is read at connection time
/// from <see cref="PasswordFile"/> or the <see cref="PasswordEnvironmentVariable"/>.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>Server host name or address. Default <c>localhost</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "localhost";

    /// <summary>Server port. Default 25.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>Connection security. Default <see cref="SmtpSecurity.Auto"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>User name to authenticate with; no authentication when unset.</summary>
    public string? UserName { get; set; }

    /// <summary>Environment variable holding the password. Default <c>DIGESTWORKER_SMTP_PASSWORD</c>.</summary>
    public string? PasswordEnvironmentVariable { get; set; } = "DIGESTWORKER_SMTP_PASSWORD";

    /// <summary>File holding the password (e.g. a mounted secret); wins over the environment variable when set.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// Allow sending credentials over an unencrypted connection to a host other than loopback. Default false:
    /// such a run stops with a configuration error instead of leaking the password.
    /// </summary>
    public bool AllowCredentialsOverUnencryptedConnection { get; set; }

    /// <summary>Connections (sessions) open at once; each carries many messages. Default 4.</summary>
    [Range(1, 64)]
    public int MaxConnections { get; set; } = 4;

    /// <summary>Messages per second over all connections; null (default) for no limit.</summary>
    [Range(0.01, 10_000)]
    public double? MessagesPerSecond { get; set; }

    /// <summary>Time one SMTP operation (connect, a command, the message data) may take. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

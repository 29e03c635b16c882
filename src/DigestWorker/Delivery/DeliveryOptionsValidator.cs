using System.ComponentModel.DataAnnotations;
using System.Net;
using MimeKit;

namespace DigestWorker.Delivery;

/// <summary>
/// Validates <see cref="DeliveryOptions"/> with its nested sections and the rules that span fields,
/// reporting every error at once, each naming its setting.
/// </summary>
internal static class DeliveryOptionsValidator
{
    /// <summary>Every problem with the options, empty when they are usable.</summary>
    public static IReadOnlyList<string> Errors(DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Annotations(options, "Delivery", errors);
        Annotations(options.Smtp, "Delivery:Smtp", errors);
        Annotations(options.Retry, "Delivery:Retry", errors);

        if (!IsMailbox(options.FromAddress))
        {
            errors.Add($"Delivery:FromAddress '{options.FromAddress}' is not a single email address.");
        }

        if (!string.IsNullOrWhiteSpace(options.ReplyTo) && !IsMailbox(options.ReplyTo))
        {
            errors.Add($"Delivery:ReplyTo '{options.ReplyTo}' is not a single email address.");
        }

        if (options.Retry.MaxDelay < options.Retry.BaseDelay)
        {
            errors.Add($"Delivery:Retry:MaxDelay ({options.Retry.MaxDelay}) is shorter than Delivery:Retry:BaseDelay ({options.Retry.BaseDelay}).");
        }

        var smtp = options.Smtp;
        if (options.Mode == DeliveryMode.Smtp && !string.IsNullOrEmpty(smtp.UserName))
        {
            if (string.IsNullOrWhiteSpace(smtp.PasswordFile) && string.IsNullOrWhiteSpace(smtp.PasswordEnvironmentVariable))
            {
                errors.Add("Delivery:Smtp:UserName is set but neither Delivery:Smtp:PasswordFile nor Delivery:Smtp:PasswordEnvironmentVariable says where the password is.");
            }

            // Known at start-up for None; Auto is checked again once connected, when it is known whether TLS was negotiated.
            if (smtp.Security == SmtpSecurity.None && !smtp.AllowCredentialsOverUnencryptedConnection && !IsLoopback(smtp.Host))
            {
                errors.Add($"Delivery:Smtp:Security is None, so the password would cross the network to '{smtp.Host}' unencrypted; use StartTls or SslOnConnect, or set Delivery:Smtp:AllowCredentialsOverUnencryptedConnection.");
            }
        }

        return errors;
    }

    /// <summary>True for <c>localhost</c> and loopback addresses, where credentials never leave the machine.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static bool IsMailbox(string? value) => EmailAddress.IsValid(value);

    private static void Annotations(object section, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = string.Join(", ", result.MemberNames.Select(member => $"{path}:{member}"));
            errors.Add($"{members}: {result.ErrorMessage}");
        }
    }
}

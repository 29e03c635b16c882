using MimeKit;

namespace DigestWorker.Delivery;

/// <summary>
/// The one rule for an email address, shared by the config validators and the message builder: what MimeKit parses
/// as exactly one address (no display name, no group) with a domain. An address that passes here can be sent to.
/// </summary>
internal static class EmailAddress
{
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        return MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            && string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal)
            && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
            && at < mailbox.Address.Length - 1;
    }
}

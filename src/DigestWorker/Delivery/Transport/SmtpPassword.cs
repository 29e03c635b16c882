namespace DigestWorker.Delivery.Transport;

/// <summary>
/// Reads the SMTP password at connection time, so it is never part of options that get bound, logged or dumped.
/// Errors name where the password was looked for, never what was found.
/// </summary>
internal static class SmtpPassword
{
    public static string Read(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.PasswordFile))
        {
            string content;
            try
            {
                content = File.ReadAllText(options.PasswordFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The inner exception names the path only; file contents never reach a message.
                throw new DeliveryConfigurationException($"Delivery:Smtp:PasswordFile '{options.PasswordFile}' cannot be read: {ex.Message}", ex);
            }

            // Secret files are usually written with a trailing newline that is not part of the password.
            var password = content.TrimEnd('\r', '\n');
            return password.Length > 0
                ? password
                : throw new DeliveryConfigurationException($"Delivery:Smtp:PasswordFile '{options.PasswordFile}' is empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.PasswordEnvironmentVariable))
        {
            var password = Environment.GetEnvironmentVariable(options.PasswordEnvironmentVariable);
            if (!string.IsNullOrEmpty(password))
            {
                return password;
            }
        }

        throw new DeliveryConfigurationException(
            $"Delivery:Smtp:UserName is set but no password was found: set the environment variable '{options.PasswordEnvironmentVariable}' or Delivery:Smtp:PasswordFile.");
    }
}

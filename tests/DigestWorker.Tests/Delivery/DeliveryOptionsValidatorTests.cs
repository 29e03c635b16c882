using DigestWorker.Delivery;

namespace DigestWorker.Tests.Delivery;

public sealed class DeliveryOptionsValidatorTests
{
    [Fact]
    public void Errors_Defaults_None()
    {
        Assert.Empty(DeliveryOptionsValidator.Errors(new DeliveryOptions()));
    }

    [Fact]
    public void Errors_SeveralProblems_ListsEveryOneNamingTheSetting()
    {
        var options = new DeliveryOptions { Mode = DeliveryMode.Smtp, FromAddress = "not an address", ReplyTo = "also\r\nbad" };
        options.Smtp.Host = "mail.example.test";
        options.Smtp.Security = SmtpSecurity.None;
        options.Smtp.UserName = "digests";
        options.Smtp.MaxConnections = 0;
        options.Retry.BaseDelay = TimeSpan.FromMinutes(2);
        options.Retry.MinimumThroughput = 1;

        var errors = DeliveryOptionsValidator.Errors(options);

        Assert.Contains(errors, e => e.Contains("Delivery:FromAddress", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Delivery:ReplyTo", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Delivery:Smtp:MaxConnections", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Delivery:Retry:MinimumThroughput", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Delivery:Retry:MaxDelay", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("AllowCredentialsOverUnencryptedConnection", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Errors_CredentialsInPlainTextToLoopback_Allowed(string host)
    {
        var options = new DeliveryOptions { Mode = DeliveryMode.Smtp };
        options.Smtp.Host = host;
        options.Smtp.Security = SmtpSecurity.None;
        options.Smtp.UserName = "digests";

        Assert.Empty(DeliveryOptionsValidator.Errors(options));
    }
}

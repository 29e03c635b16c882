using System.Net.Sockets;
using DigestWorker.Delivery.Dispatch;
using MailKit.Net.Smtp;
using MailKit.Security;
using Polly.CircuitBreaker;

namespace DigestWorker.Tests.Delivery.Dispatch;

public sealed class SmtpFailureClassifierTests
{
    public static TheoryData<Exception, string> Cases() => new()
    {
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, (SmtpStatusCode)451, "try later"), nameof(SendFailure.Transient) },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, (SmtpStatusCode)450, "greylisted"), nameof(SendFailure.Transient) },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "no such user"), nameof(SendFailure.Rejected) },
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, (SmtpStatusCode)552, "too big"), nameof(SendFailure.Rejected) },
        { new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable, "not you"), nameof(SendFailure.Fatal) },
        { new AuthenticationException("535 bad credentials"), nameof(SendFailure.Fatal) },
        { new SmtpProtocolException("bad reply"), nameof(SendFailure.Transient) },
        { new SocketException((int)SocketError.ConnectionRefused), nameof(SendFailure.Transient) },
        { new IOException("reset"), nameof(SendFailure.Transient) },
        { new TimeoutException(), nameof(SendFailure.Transient) },
        { new OperationCanceledException(), nameof(SendFailure.Transient) },
        { new BrokenCircuitException(), nameof(SendFailure.CircuitOpen) },
        { new InvalidOperationException("bug"), nameof(SendFailure.Fatal) },
        { new MimeKit.ParseException("Invalid addr-spec token at offset 0", 0, 0), nameof(SendFailure.Rejected) },
        { new FormatException("bad address"), nameof(SendFailure.Rejected) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Exception_MapsToFailure(Exception exception, string expected)
    {
        // By name: SendFailure is internal and a public theory cannot take it as a parameter.
        Assert.Equal(expected, SmtpFailureClassifier.Classify(exception, CancellationToken.None).ToString());
    }

    [Fact]
    public void Classify_CancelledByRunToken_IsCancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Equal(SendFailure.Cancelled, SmtpFailureClassifier.Classify(new OperationCanceledException(cts.Token), cts.Token));
    }
}

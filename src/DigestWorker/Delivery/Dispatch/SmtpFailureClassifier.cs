using System.Net.Sockets;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using MailKit;
using MailKit.Net.Smtp;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DigestWorker.Delivery.Dispatch;

/// <summary>
/// Sorts send failures into <see cref="SendFailure"/>. MailKit separates "the command failed, the connection is fine"
/// (<see cref="SmtpCommandException"/>, judged by its status code) from "reconnect" (protocol and I/O errors).
/// Anything unrecognised is fatal: stopping with everything pending is safer than marking digests failed for a bug.
/// </summary>
internal static class SmtpFailureClassifier
{
    /// <param name="runToken">The run's token: a cancellation from it is a shutdown, any other is a timeout.</param>
    public static SendFailure Classify(Exception exception, CancellationToken runToken) => exception switch
    {
        OperationCanceledException when runToken.IsCancellationRequested => SendFailure.Cancelled,
        BrokenCircuitException => SendFailure.CircuitOpen,
        TimeoutRejectedException => SendFailure.Transient,
        SmtpCommandException command => Classify(command),
        MailKit.Security.AuthenticationException => SendFailure.Fatal,
        DeliveryConfigurationException or DeliveryRecordException => SendFailure.Fatal,

        // This one message cannot be read or addressed (a stored message or address that does not parse): fail it,
        // go on with the others, rather than stopping every future run on the same row.
        MimeKit.ParseException or FormatException => SendFailure.Rejected,
        SmtpProtocolException or ServiceNotConnectedException => SendFailure.Transient,
        SocketException or IOException or TimeoutException or OperationCanceledException => SendFailure.Transient,
        _ => SendFailure.Fatal,
    };

    /// <summary>The error as recorded: the server's reply for SMTP errors, the type and message otherwise.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static SendFailure Classify(SmtpCommandException exception)
    {
        // Compare the number: the StatusCode enum lacks some codes servers send.
        var code = (int)exception.StatusCode;
        if (code < 500)
        {
            // 4xx asks for a retry; anything else below 500 is a reply out of sequence, which a fresh connection may cure.
            return SendFailure.Transient;
        }

        return exception.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted => SendFailure.Rejected,

            // SenderNotAccepted refuses every message; an unexpected 5xx is not tied to one message either.
            _ => SendFailure.Fatal,
        };
    }
}

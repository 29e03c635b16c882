using DigestWorker.Delivery;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using SmtpServer.Protocol;

namespace DigestWorker.Tests.Delivery.Transport;

/// <summary>The dispatcher over MailKit against a real SMTP server on loopback.</summary>
public sealed class SmtpDeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    internal static DigestDispatcher CreateSut(DeliveryOptions options, IDeliveryRecord record, IMailTransport? transport = null, ListLogger<DigestDispatcher>? logger = null) =>
        new(transport ?? new SmtpMailTransport(options, TimeProvider.System, NullLogger<SmtpMailTransport>.Instance), record, options, TimeProvider.System, logger ?? new ListLogger<DigestDispatcher>());

    internal static PendingDigest[] Digests(DeliveryOptions options, params string[] ids) =>
        [.. ids.Select((id, i) => TestDigests.Pending(id, options, html: i % 2 == 0))];

    internal static MimeMessage Parse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return MimeMessage.Load(stream);
    }

    [Fact]
    public async Task DeliverAsync_HealthyServer_SendsEachDigestOnceOverFewConnections()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port));
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = Digests(options, "ada", "bob", "cy", "dee");
        var record = await TestDigests.RecordWith(digests);

        var results = await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.False(results.IsAborted);
        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.Equal(["ada", "bob", "cy", "dee"], results.Select(r => r.SubscriberId));
        Assert.All(digests, d => Assert.Equal(DigestStatus.Sent, record[d.SubscriberId, d.FireTime].Status));
        Assert.Equal(1, server.Sessions);
        var messages = server.Accepted.Select(Parse).ToList();
        Assert.Equal(digests.Select(d => d.MessageId).Order(), messages.Select(m => m.MessageId).Order());
        var ada = messages.Single(m => m.MessageId == digests[0].MessageId);
        Assert.Equal(2, Assert.IsType<MultipartAlternative>(ada.Body).Count);
        Assert.Equal("Weekly digests <digests.example.test>", ada.Headers[HeaderId.ListId]);
        Assert.Equal("<https://lists.example.test/unsubscribe?s=ada>", ada.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", ada.Headers[HeaderId.ListUnsubscribePost]);
        Assert.Equal("auto-generated", ada.Headers[HeaderId.AutoSubmitted]);
        Assert.Matches("^digest\\.[0-9a-f]{24}@example\\.test$", ada.MessageId);
        Assert.IsType<TextPart>(messages.Single(m => m.MessageId == digests[1].MessageId).Body);
    }

    [Fact]
    public async Task DeliverAsync_MessagesAroundAFourKilobyteBlockBoundary_EachSentWithoutWaitingForTheTimeout()
    {
        // MailKit writes in 4 KB blocks and skips its flush when the end of the data fills a block exactly; one of these
        // sizes lands there (the data ends with ".\r\n"), and that message must still leave at once, not after the timeout.
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port));
        var options = TestDigests.SmtpOptions(server.Port, o =>
        {
            o.Smtp.MaxConnections = 1;
            o.Retry.MaxAttempts = 1;
        });
        var template = TestDigests.Pending("ada", options);
        var digests = Enumerable.Range(8192 - 3 - 10, 21)
            .Select(size => template with { SubscriberId = $"s{size}", FireTime = template.FireTime.AddMinutes(size), Message = PlainMessage(size) })
            .ToArray();
        var record = await TestDigests.RecordWith(digests);

        var results = await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
        // Every byte arrived: the server keeps the data without the line end before the closing dot.
        Assert.Equal(digests.Select(d => d.Message.Length - 2), server.Accepted.Select(a => a.Length));
        // The server announces SIZE: each MAIL FROM declared exactly the recorded message's size.
        Assert.Equal(digests.Select(d => d.Message.Length), server.DeclaredSizes);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task DeliverAsync_PooledMessages_EachSentIntactThroughARetryThenItsBufferGivenBack()
    {
        // As the factory builds them: each message in a pooled buffer the dispatcher gives back once done with it. The
        // first DATA gets a 451, so ada's buffer must still hold ada's message for the retry; bob is refused for good.
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port)
        {
            TransientFailuresFirst = 1,
            RefusedRecipients = new HashSet<string> { "bob@example.test" },
        });
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        PendingDigest[] digests = [TestDigests.Pooled("ada", options), TestDigests.Pooled("bob", options), TestDigests.Pooled("cy", options)];
        Assert.All(digests, d => Assert.False(d.Buffer!.IsReleased));
        var expected = digests.ToDictionary(d => d.SubscriberId, d => d.Message[..^2].ToArray());
        var record = await TestDigests.RecordWith(digests);
        var releasedAtSend = new List<bool>();
        var transport = new CallbackTransport(
            new SmtpMailTransport(options, TimeProvider.System, NullLogger<SmtpMailTransport>.Instance),
            d => releasedAtSend.Add(d.Buffer!.IsReleased));

        var results = await CreateSut(options, record, transport).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Failed, DeliveryStatus.Sent], results.Select(r => r.Status));
        Assert.Equal(2, results[0].Attempts);
        Assert.Equal([false, false, false, false], releasedAtSend);
        Assert.Equal([expected["ada"], expected["cy"]], server.Accepted);
        Assert.All(digests, d => Assert.True(d.Buffer!.IsReleased));
    }

    [Fact]
    public async Task DeliverAsync_ServerWith8BitMime_GetsThe8BitBodyAsStored()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port));
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = Digests(options, "ada");
        var record = await TestDigests.RecordWith(digests);

        await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        var accepted = Assert.Single(server.Accepted);
        var raw = System.Text.Encoding.UTF8.GetString(accepted);
        Assert.Contains("Content-Transfer-Encoding: 8bit", raw, StringComparison.Ordinal);
        Assert.Contains("Second line: ünïcödé.", raw, StringComparison.Ordinal);
        // Byte for byte the recorded message (the server keeps the data without the line end before the closing dot),
        // its size declared in MAIL FROM.
        Assert.Equal(digests[0].Message[..^2].ToArray(), accepted);
        Assert.Equal([digests[0].Message.Length], server.DeclaredSizes);
    }

    [Fact]
    public async Task DeliverAsync_ServerWith8BitMime_AsciiDigestGoesOutAsRecordedNotRelabelled()
    {
        // All ASCII, so MailKit's own pre-send scan would relabel the 8bit parts 7bit: the message sent would then
        // differ from the one recorded (and re-sent after a crash) in its Content-Transfer-Encoding headers.
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port));
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var rendered = new DigestWorker.Rendering.RenderedDigest("Your weekly digest: 1 event", "Plain ASCII body.\nSecond line.", "<p>ASCII body</p>");
        PendingDigest[] digests = [TestDigests.Pending("bob", options, rendered: rendered)];
        var record = await TestDigests.RecordWith(digests);

        var results = await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(results).Status);
        var accepted = Assert.Single(server.Accepted);
        Assert.Contains("Content-Transfer-Encoding: 8bit", System.Text.Encoding.ASCII.GetString(accepted), StringComparison.Ordinal);
        Assert.Equal(digests[0].Message[..^2].ToArray(), accepted);
    }

    [Fact]
    public async Task DeliverAsync_RecordedMessageWithABareLineFeed_GoesOutWithCrLf()
    {
        // Not one this worker writes (it records CRLF throughout), but a record can hold one written by something else:
        // its text is not sent as recorded, MimeKit's own writer fixes its line ends, as servers require.
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port));
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var stored = "From: digests@example.test\r\nTo: ada@example.test\r\nSubject: bare\r\nMIME-Version: 1.0\r\n" +
                     "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n" +
                     "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nline one\nline two\r\n" +
                     "--b--\r\n";
        PendingDigest[] digests = [TestDigests.Pending("ada", options) with { Message = System.Text.Encoding.ASCII.GetBytes(stored) }];
        var record = await TestDigests.RecordWith(digests);

        var results = await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(results).Status);
        var accepted = System.Text.Encoding.ASCII.GetString(Assert.Single(server.Accepted));
        Assert.Contains("line one\r\nline two", accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ServerWithout8BitMime_GetsSevenBitWithTheSameText()
    {
        // This server's EHLO announces SIZE only (no 8BITMIME); it reads DATA as ASCII, so any 8-bit byte would arrive as '?'.
        await using var server = new DroppingSmtpServer(dropFirst: 0) { AnnounceSize = true };
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = Digests(options, "ada");
        var record = await TestDigests.RecordWith(digests);

        var results = await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(results).Status);
        var raw = Assert.Single(server.Accepted);
        Assert.DoesNotContain("8bit", raw, StringComparison.OrdinalIgnoreCase);
        // Re-encoded, so not the recorded size: the SIZE declared is that of the message as sent.
        Assert.NotEqual(digests[0].Message.Length, raw.Length);
        Assert.Equal([raw.Length], server.DeclaredSizes);
        var message = Parse(System.Text.Encoding.ASCII.GetBytes(raw));
        Assert.Equal("Plain text body.\nSecond line: ünïcödé.", message.TextBody?.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("<p>HTML body: ünïcödé</p>", message.HtmlBody?.TrimEnd());
    }

    // A valid plain-text message of exactly `size` bytes, CRLF line ends, no line starting with a dot.
    private static byte[] PlainMessage(int size)
    {
        var head = "From: digests@example.test\r\nTo: ada@example.test\r\nSubject: padding\r\nMIME-Version: 1.0\r\n" +
                   "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
        var body = new System.Text.StringBuilder();
        while (head.Length + body.Length + 74 < size)
        {
            body.Append('x', 70).Append("\r\n");
        }

        body.Append('y', size - head.Length - body.Length - 2).Append("\r\n");
        var bytes = System.Text.Encoding.ASCII.GetBytes(head + body);
        Assert.Equal(size, bytes.Length);
        return bytes;
    }

    [Theory]
    [InlineData(SmtpReplyCode.ServiceUnavailable)]
    [InlineData((SmtpReplyCode)451)]
    public async Task DeliverAsync_TransientReplies_RetriesThenSends(SmtpReplyCode reply)
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port) { TransientFailuresFirst = 2, TransientReply = reply });
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = Digests(options, "ada", "bob");
        var record = await TestDigests.RecordWith(digests);

        var results = await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.All(results, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.Equal(3, results[0].Attempts);
        Assert.Equal(1, results[1].Attempts);
        Assert.Equal(2, server.Accepted.Count);
    }

    [Fact]
    public async Task DeliverAsync_RecipientRefused_FailsThatOneWithReplyAndSendsOthers()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port) { RefusedRecipients = new HashSet<string> { "bob@example.test" } });
        var options = TestDigests.SmtpOptions(server.Port, o => o.Smtp.MaxConnections = 1);
        var digests = Digests(options, "ada", "bob", "cy");
        var record = await TestDigests.RecordWith(digests);

        var results = await CreateSut(options, record).DeliverAsync(digests.ToAsyncEnumerable(), None);

        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Failed, DeliveryStatus.Sent], results.Select(r => r.Status));
        Assert.Equal(1, results[1].Attempts);
        Assert.StartsWith("550", results[1].Error, StringComparison.Ordinal);
        var bob = record["bob", TestDigests.FireTime];
        Assert.Equal(DigestStatus.Failed, bob.Status);
        Assert.StartsWith("550", bob.LastError, StringComparison.Ordinal);
        Assert.Equal(2, server.Accepted.Count);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task DeliverAsync_AuthenticationRefused_AbortsRunLeavesAllPendingAndNeverLogsPassword()
    {
        const string Secret = "s3cret-wrong-password";
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port) { Password = "right" });
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, Secret + "\n");
        try
        {
            var options = TestDigests.SmtpOptions(server.Port, o =>
            {
                o.Smtp.UserName = "digests";
                o.Smtp.PasswordFile = passwordFile;
            });
            var digests = Digests(options, "ada", "bob", "cy", "dee", "eve");
            var record = await TestDigests.RecordWith(digests);
            var logger = new ListLogger<DigestDispatcher>();

            var results = await CreateSut(options, record, logger: logger).DeliverAsync(digests.ToAsyncEnumerable(), None);

            Assert.True(results.IsAborted);
            Assert.Contains("535", results.Abort!.Message, StringComparison.Ordinal);
            Assert.Equal(digests.Length, results.Count);
            Assert.All(results, r => Assert.Equal(DeliveryStatus.Deferred, r.Status));
            Assert.All(digests, d => Assert.Equal(DigestStatus.Pending, record[d.SubscriberId, d.FireTime].Status));
            Assert.Empty(server.Accepted);
            Assert.DoesNotContain(logger.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
            Assert.DoesNotContain(Secret, results.Abort.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [Fact]
    public async Task DeliverAsync_RightPasswordFromFile_Authenticates()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(port => new LoopbackSmtpServer(port) { Password = "right" });
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, "right\n");
        try
        {
            var options = TestDigests.SmtpOptions(server.Port, o =>
            {
                o.Smtp.UserName = "digests";
                o.Smtp.PasswordFile = passwordFile;
            });
            var digests = Digests(options, "ada");
            var results = await CreateSut(options, await TestDigests.RecordWith(digests)).DeliverAsync(digests.ToAsyncEnumerable(), None);

            Assert.Equal(DeliveryStatus.Sent, Assert.Single(results).Status);
            Assert.Single(server.Accepted);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }
}

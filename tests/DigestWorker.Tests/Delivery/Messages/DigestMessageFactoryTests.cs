using System.Text;
using DigestWorker.Delivery;
using DigestWorker.Delivery.Messages;
using MimeKit;

namespace DigestWorker.Tests.Delivery.Messages;

public sealed class DigestMessageFactoryTests
{
    private static DigestMessageFactory CreateSut(string? unsubscribe = "https://lists.example.test/unsubscribe?s={subscriber}") =>
        new(new DeliveryOptions { FromAddress = "digests@example.test", ReplyTo = "editors@example.test" }, TestDigests.List(unsubscribe));

    private static MimeMessage Parse(ReadOnlyMemory<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray());
        return MimeMessage.Load(stream);
    }

    [Fact]
    public void Create_HtmlDigest_WritesAlternativeWithBothPartsAndListHeaders()
    {
        var built = CreateSut().Create(TestDigests.Plan("ada", name: "Ada Lovelace"), TestDigests.Rendered());

        var message = Parse(built.Message);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("Plain text body.\nSecond line: ünïcödé.", Assert.IsType<TextPart>(alternative[0]).Text.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("<p>HTML body: ünïcödé</p>", alternative.HtmlBody?.TrimEnd());
        Assert.All(alternative.OfType<TextPart>(), part => Assert.Equal("utf-8", part.ContentType.Charset));
        Assert.Equal("Ada Lovelace", message.To.Mailboxes.Single().Name);
        Assert.Equal("ada@example.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("editors@example.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("DigestWorker", message.From.Mailboxes.Single().Name);
        Assert.Equal("Your weekly digest: 3 events", message.Subject);
        Assert.Equal(TestDigests.FireTime, message.Date);
        Assert.Equal("Weekly digests <digests.example.test>", message.Headers[HeaderId.ListId]);
        Assert.Equal("<https://lists.example.test/unsubscribe?s=ada>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers[HeaderId.ListUnsubscribePost]);
        Assert.Equal("auto-generated", message.Headers[HeaderId.AutoSubmitted]);
        Assert.Equal("ada", message.Headers["X-Digest-Subscriber"]);
        Assert.Equal("2024-03-04T07:00:00Z", message.Headers["X-Digest-Fire-Time"]);
        Assert.Equal(built.MessageId, message.MessageId);
        var raw = built.Message.ToArray();
        Assert.DoesNotContain(raw.Select((b, i) => (b, i)), x => x.b == (byte)'\n' && (x.i == 0 || raw[x.i - 1] != (byte)'\r'));
    }

    [Fact]
    public void Create_SameSubscriberAndFireTime_GivesSameMessageIdOnFromDomain()
    {
        var first = CreateSut().Create(TestDigests.Plan("ada"), TestDigests.Rendered()).MessageId;
        var again = CreateSut().Create(TestDigests.Plan("ada"), TestDigests.Rendered(html: false)).MessageId;
        var later = CreateSut().Create(TestDigests.Plan("ada", fireTime: TestDigests.FireTime.AddDays(7)), TestDigests.Rendered()).MessageId;
        var other = CreateSut().Create(TestDigests.Plan("bob"), TestDigests.Rendered()).MessageId;

        Assert.Equal(first, again);
        Assert.Matches("^digest\\.[0-9a-f]{24}@example\\.test$", first);
        Assert.NotEqual(first, later);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Create_TextOnly_WritesSinglePlainPart()
    {
        var message = Parse(CreateSut().Create(TestDigests.Plan("ada"), TestDigests.Rendered(html: false)).Message);

        var part = Assert.IsType<TextPart>(message.Body);
        Assert.True(part.IsPlain);
        Assert.Equal(ContentEncoding.EightBit, part.ContentTransferEncoding);
        Assert.Equal("1.0", message.Headers[HeaderId.MimeVersion]);
    }

    [Theory]
    [InlineData("plain ASCII\nsecond line", ContentEncoding.EightBit)]
    [InlineData("ünïcödé — dashes · dots\n", ContentEncoding.EightBit)]
    [InlineData("", ContentEncoding.EightBit)]
    [InlineData("a bare\rcarriage return", ContentEncoding.QuotedPrintable)]
    [InlineData("windows\r\nline ends", ContentEncoding.QuotedPrintable)]
    [InlineData("a \0 byte", ContentEncoding.QuotedPrintable)]
    public void TransferEncoding_EightBitOnlyWhereRfc6152AllowsIt(string content, ContentEncoding expected) =>
        Assert.Equal(expected, DigestMessageFactory.TransferEncoding(Encoding.UTF8.GetBytes(content)));

    [Theory]
    [InlineData(998, 'x', ContentEncoding.EightBit)]
    [InlineData(999, 'x', ContentEncoding.QuotedPrintable)]
    [InlineData(332, '€', ContentEncoding.EightBit)] // 996 octets in UTF-8
    [InlineData(333, '€', ContentEncoding.QuotedPrintable)] // 999 octets
    public void TransferEncoding_LinesLongerThan998Octets_AreQuotedPrintable(int length, char c, ContentEncoding expected)
    {
        Assert.Equal(expected, DigestMessageFactory.TransferEncoding(Encoding.UTF8.GetBytes($"short\n{new string(c, length)}\nshort")));

        // The same line last, with no line end after it.
        Assert.Equal(expected, DigestMessageFactory.TransferEncoding(Encoding.UTF8.GetBytes($"short\n{new string(c, length)}")));
    }

    [Theory]
    [InlineData(249, ContentEncoding.EightBit)] // 498 UTF-16 units, 996 octets
    [InlineData(250, ContentEncoding.QuotedPrintable)] // 1,000 octets
    public void TransferEncoding_SurrogatePairs_CountedAsFourOctets(int count, ContentEncoding expected) =>
        Assert.Equal(expected, DigestMessageFactory.TransferEncoding(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("😀", count)))));

    [Fact]
    public void Create_LongLine_IsQuotedPrintableAndEveryWrittenLineFits()
    {
        var longLine = string.Concat(Enumerable.Repeat("événement ", 300));
        var rendered = new DigestWorker.Rendering.RenderedDigest("Subject", longLine, null);

        var built = CreateSut().Create(TestDigests.Plan("ada"), rendered);

        var part = Assert.IsType<TextPart>(Parse(built.Message).Body);
        Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        Assert.Equal(longLine, part.Text.TrimEnd('\r', '\n'));
        Assert.All(System.Text.Encoding.UTF8.GetString(built.Message.Span).Split("\r\n"), line => Assert.True(line.Length <= 998));
    }

    [Fact]
    public void Create_EightBitMessage_PreparedForASevenBitServer_BecomesSevenBitWithTheSameText()
    {
        // What MailKit does before sending to a server that does not announce 8BITMIME.
        var message = Parse(CreateSut().Create(TestDigests.Plan("ada"), TestDigests.Rendered()).Message);

        message.Prepare(EncodingConstraint.SevenBit, 998);

        using var written = new MemoryStream();
        message.WriteTo(written);
        Assert.All(written.ToArray(), b => Assert.True(b < 128));
        var again = Parse(written.ToArray());
        Assert.Equal("Plain text body.\nSecond line: ünïcödé.", again.TextBody?.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("<p>HTML body: ünïcödé</p>", again.HtmlBody?.TrimEnd());
    }

    [Theory]
    [InlineData("Plain text body.\nSecond line: ünïcödé.", "<p>HTML body: ünïcödé</p>")]
    [InlineData("Ends with a line end.\n\n", "<p>\n  on lines\n</p>\n")]
    [InlineData("Plain text body.\nSecond line: ünïcödé.", null)]
    [InlineData("Text only, ending with a line end.\n", null)]
    [InlineData("", null)]
    public void Create_EightBitParts_WriteWhatMimeKitsOwnWriterWrites(string text, string? html)
    {
        // The 8bit parts are written as UTF-8 with CRLF line ends straight from the rendered text. MimeKit's own writer
        // (plain text parts, its line-end filter, its final line end for a message's only part) must find nothing to
        // change in what the factory wrote.
        var built = CreateSut().Create(TestDigests.Plan("ada"), new DigestWorker.Rendering.RenderedDigest("Subject", text, html));

        var message = Parse(built.Message);
        Assert.All(message.BodyParts.OfType<TextPart>(), part => Assert.Equal(ContentEncoding.EightBit, part.ContentTransferEncoding));
        using var rewritten = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos, EnsureNewLine = true }, rewritten);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(built.Message.Span), System.Text.Encoding.UTF8.GetString(rewritten.ToArray()));
    }

    [Fact]
    public void Create_MailtoUnsubscribe_HasNoOneClickPost()
    {
        var message = Parse(CreateSut("mailto:leave@example.test?subject={subscriber}").Create(TestDigests.Plan("ada"), TestDigests.Rendered()).Message);

        Assert.Equal("<mailto:leave@example.test?subject=ada>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.False(message.Headers.Contains(HeaderId.ListUnsubscribePost));
    }

    [Fact]
    public void Create_CrLfInNameSubjectAndId_CannotAddHeaders()
    {
        var plan = TestDigests.Plan("ada\r\nBcc: evil@x", email: "ada@example.test", name: "Ada\r\nBcc: evil@x");
        var rendered = TestDigests.Rendered(subject: "Digest\r\nBcc: evil@x");
        var options = new DeliveryOptions { FromAddress = "digests@example.test", FromName = "Digests\nBcc: evil@x" };
        var list = TestDigests.List();
        list.Name = "List\r\nBcc: evil@x";

        var bytes = new DigestMessageFactory(options, list).Create(plan, rendered).Message;

        var message = Parse(bytes);
        Assert.False(message.Headers.Contains(HeaderId.Bcc));
        Assert.Empty(message.Bcc);
        Assert.Equal(["ada@example.test"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Ada Bcc: evil@x", message.To.Mailboxes.Single().Name);
        Assert.Equal("Digest Bcc: evil@x", message.Subject);
        Assert.DoesNotContain(message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        var text = System.Text.Encoding.UTF8.GetString(bytes.Span);
        Assert.DoesNotContain("\nBcc:", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_InvalidRecipient_ThrowsNamingTheSubscriber()
    {
        var ex = Assert.Throws<FormatException>(() => CreateSut().Create(TestDigests.Plan("ada", email: "not an address"), TestDigests.Rendered()));

        Assert.Contains("ada", ex.Message, StringComparison.Ordinal);
    }
}

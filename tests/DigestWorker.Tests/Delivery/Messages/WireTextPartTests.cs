using DigestWorker.Delivery.Messages;
using MimeKit;

namespace DigestWorker.Tests.Delivery.Messages;

public sealed class WireTextPartTests
{
    private static readonly FormatOptions Smtp = new() { NewLineFormat = NewLineFormat.Dos, EnsureNewLine = true };

    private static MimeMessage ParseAsWire(byte[] bytes)
    {
        var parser = new MimeParser(WireTextPart.Register(ParserOptions.Default.Clone()), new MemoryStream(bytes), MimeFormat.Entity, persistent: true);
        return parser.ParseMessage();
    }

    private static byte[] Write(MimeMessage message)
    {
        using var output = new MemoryStream();
        message.WriteTo(Smtp, output);
        return output.ToArray();
    }

    private static string Ascii(byte[] bytes) => System.Text.Encoding.ASCII.GetString(bytes);

    [Fact]
    public void RecordedDigest_ParsedWithTheRegisteredType_IsWrittenBackByteForByte()
    {
        var built = new DigestMessageFactory(new DigestWorker.Delivery.DeliveryOptions { FromAddress = "digests@example.test" }, TestDigests.List())
            .Create(TestDigests.Plan("ada"), TestDigests.Rendered());

        using var message = ParseAsWire(built.Message.ToArray());

        Assert.Equal(2, message.BodyParts.Count());
        Assert.All(message.BodyParts, part => Assert.IsType<WireTextPart>(part));
        Assert.Equal(built.Message.ToArray(), Write(message));
    }

    [Fact]
    public void EightBitContent_IsWrittenAsStoredWithoutTheLineEndFilter()
    {
        // A bare LF inside stored 8bit content: MimeKit's filter would make it CRLF, so an unchanged LF shows the
        // content went out as stored. (The factory never stores one; this only makes the path visible.)
        var stored = "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n" +
                     "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nline one\nline two\r\n" +
                     "--b--\r\n";

        using var message = ParseAsWire(System.Text.Encoding.ASCII.GetBytes(stored));

        Assert.Contains("line one\nline two\r\n", Ascii(Write(message)), StringComparison.Ordinal);
    }

    [Fact]
    public void PartPreparedForSevenBit_TakesMimeKitsPathAndIsReEncoded()
    {
        var stored = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nünïcödé\r\n";
        using var message = ParseAsWire(System.Text.Encoding.UTF8.GetBytes(stored));

        message.Prepare(EncodingConstraint.SevenBit);

        var written = Write(message);
        Assert.All(written, b => Assert.True(b < 0x80));
        Assert.Equal("ünïcödé", Assert.IsType<WireTextPart>(message.Body).Text.TrimEnd());
    }

    [Theory]
    [InlineData("a\r\nb\r\n", false)]
    [InlineData("", false)]
    [InlineData("no line end", false)]
    [InlineData("a\nb\r\n", true)]
    [InlineData("\nfirst", true)]
    [InlineData("a\r\nb\n", true)]
    public void HasBareLineFeed_FindsAnyLfWithoutItsCr(string message, bool expected) =>
        Assert.Equal(expected, WireTextPart.HasBareLineFeed(System.Text.Encoding.ASCII.GetBytes(message)));

    [Theory]
    [InlineData("no line end at the end", "no line end at the end\r\n")]
    [InlineData("a line end at the end\r\n", "a line end at the end\r\n")]
    public void MessageBody_WithoutAFinalLineEnd_GetsOneAsMimeKitGivesIt(string content, string expected)
    {
        var stored = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + content;
        using var message = ParseAsWire(System.Text.Encoding.ASCII.GetBytes(stored));
        Assert.IsType<WireTextPart>(message.Body).IsMessageBody = true;

        Assert.EndsWith("\r\n\r\n" + expected, Ascii(Write(message)), StringComparison.Ordinal);
    }
}

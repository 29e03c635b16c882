using System.Text;
using DigestWorker.Delivery.Record;

namespace DigestWorker.Tests.Delivery.Record;

public sealed class SqliteValuesTests
{
    [Fact]
    public void StoredMessage_DigestLikeMessage_IsSmallerAndReadsBackIdentically()
    {
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(
            "<p style=3D\"margin:0 0 6px 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;\">Sept. 4, 2017</p>\r\n", 200)));

        var stored = SqliteValues.StoredMessage(message);

        Assert.True(stored.Length < message.Length / 4, $"{stored.Length} bytes stored for {message.Length}");
        Assert.Equal(message, SqliteValues.Message(stored));
    }

    [Fact]
    public void StoredMessage_OneAfterAnother_EachReadsBackAsItselfAlone()
    {
        // The thread's buffer is reused: a short message after a long one must not carry the long one's tail.
        var rng = new Random(7);
        var noise = new byte[40_000];
        rng.NextBytes(noise);
        var small = Encoding.ASCII.GetBytes("From: a@example.org\r\n\r\nshort\r\n");

        var storedNoise = SqliteValues.StoredMessage(noise);
        var storedSmall = SqliteValues.StoredMessage(small);

        Assert.Equal(noise, SqliteValues.Message(storedNoise));
        Assert.Equal(small, SqliteValues.Message(storedSmall));
        Assert.True(storedSmall.Length < 100, $"{storedSmall.Length} bytes stored for {small.Length}");
    }

    [Fact]
    public void Message_StoredRawByAnEarlierVersion_ReadsBackAsIs()
    {
        var raw = Encoding.ASCII.GetBytes("From: Digest <digest@example.org>\r\nSubject: x\r\n\r\nbody\r\n");

        Assert.Same(raw, SqliteValues.Message(raw));
    }
}

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
    public void Message_StoredRawByAnEarlierVersion_ReadsBackAsIs()
    {
        var raw = Encoding.ASCII.GetBytes("From: Digest <digest@example.org>\r\nSubject: x\r\n\r\nbody\r\n");

        Assert.Same(raw, SqliteValues.Message(raw));
    }
}

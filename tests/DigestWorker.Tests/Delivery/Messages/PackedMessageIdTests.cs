using DigestWorker.Delivery.Messages;

namespace DigestWorker.Tests.Delivery.Messages;

public sealed class PackedMessageIdTests
{
    [Theory]
    [InlineData("ada", "example.org")]
    [InlineData("Zoë & co", "mail.example.org")]
    [InlineData("s000042", "xn--bcher-kva.example")]
    public void Of_DigestIds_ReadBackAsTheSameText(string subscriber, string domain)
    {
        var id = DigestMessageId.For(subscriber, new DateTimeOffset(2017, 9, 11, 7, 0, 0, TimeSpan.Zero), domain);

        var packed = PackedMessageId.Of(id);

        Assert.Equal(id, packed.Text);
        Assert.NotSame(id, packed.Text);
    }

    // Anything not in the digest form is kept as written: upper-case or short hash, no domain, another prefix.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("digest.0123456789ABCDEF01234567@example.org")]
    [InlineData("digest.0123456789abcdef0123456@example.org")]
    [InlineData("digest.0123456789abcdef01234567@")]
    [InlineData("digest.0123456789abcdef0123456g@example.org")]
    [InlineData("other.0123456789abcdef01234567@example.org")]
    [InlineData("20170911.abc@host")]
    public void Of_OtherTexts_KeptAsTheyAre(string? id)
    {
        var packed = PackedMessageId.Of(id);

        Assert.Equal(id, packed.Text);
        if (id is not null)
        {
            Assert.Same(id, packed.Text);
        }
    }

    [Fact]
    public void Of_DigestId_ComparesByItsText()
    {
        const string Id = "digest.0123456789abcdef01234567@example.org";

        Assert.Equal(PackedMessageId.Of(Id), PackedMessageId.Of(Id));
        Assert.NotEqual(PackedMessageId.Of(Id), PackedMessageId.Of(Id.Replace("567@", "568@", StringComparison.Ordinal)));
        Assert.NotEqual(PackedMessageId.Of(Id), PackedMessageId.Of(Id + ".net"));
    }
}

using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Time.Testing;

namespace DigestWorker.Tests.Delivery.Transport;

public sealed class SendRateLimiterTests
{
    [Fact]
    public async Task WaitAsync_TwoPerSecond_SpacesSendsHalfASecondApart()
    {
        var time = new FakeTimeProvider();
        var limiter = new SendRateLimiter(2, time);

        await limiter.WaitAsync(CancellationToken.None);
        var second = limiter.WaitAsync(CancellationToken.None);
        var third = limiter.WaitAsync(CancellationToken.None);

        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await second;
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await third;
    }
}

using DigestWorker.Delivery;
using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Record;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigestWorker.Tests.Delivery;

public sealed class DeliveryServiceCollectionExtensionsTests
{
    private static ServiceProvider CreateSut(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDeliveryRecord, InMemoryDeliveryRecord>()
            .AddDigestDelivery(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public async Task AddDigestDelivery_SmtpMode_ResolvesSmtpTransportAndDispatcher()
    {
        await using var services = CreateSut(("Delivery:Mode", "Smtp"), ("Delivery:Smtp:MaxConnections", "3"));

        var transport = services.GetRequiredService<IMailTransport>();

        Assert.IsType<SmtpMailTransport>(transport);
        Assert.Equal(3, transport.MaxParallelism);
        Assert.NotNull(services.GetRequiredService<DigestDispatcher>());
    }

    [Fact]
    public void AddDigestDelivery_InvalidSettings_ReportsEveryError()
    {
        using var services = CreateSut(("Delivery:FromAddress", "nope"), ("Delivery:Smtp:Port", "0"));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.Equal(2, ex.Failures.Count());
    }
}

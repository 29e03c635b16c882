using DigestWorker.Delivery.Dispatch;
using DigestWorker.Delivery.Messages;
using DigestWorker.Delivery.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigestWorker.Delivery;

/// <summary>Wires delivery: options (validated at start-up), the message factory, the transport chosen by <see cref="DeliveryOptions.Mode"/> and the dispatcher.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Delivery</c> and <c>MailingList</c>, and registers <c>DigestMessageFactory</c>, <c>IMailTransport</c> and
    /// <c>DigestDispatcher</c> as singletons. An <c>IDeliveryRecord</c> must be registered separately.
    /// </summary>
    public static IServiceCollection AddDigestDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.AddOptions<MailingListOptions>().Bind(configuration.GetSection(MailingListOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new DigestMessageFactory(
            sp.GetRequiredService<IOptions<DeliveryOptions>>().Value,
            sp.GetRequiredService<IOptions<MailingListOptions>>().Value));
        services.TryAddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value;
            return options.Mode == DeliveryMode.Smtp
                ? new SmtpMailTransport(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SmtpMailTransport>>())
                : new PickupMailTransport(options);
        });
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<DigestDispatcher>(
            sp, sp.GetRequiredService<IOptions<DeliveryOptions>>().Value));
        return services;
    }
}

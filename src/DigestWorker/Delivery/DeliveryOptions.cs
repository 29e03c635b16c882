using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Delivery;

/// <summary>Where and how digests are delivered. Section <c>Delivery</c>; validated by <see cref="DeliveryOptionsValidator"/>.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Pickup folder or SMTP. Default <see cref="DeliveryMode.Pickup"/>.</summary>
    public DeliveryMode Mode { get; set; } = DeliveryMode.Pickup;

    /// <summary>Folder the pickup mode writes <c>.eml</c> files into. Default <c>out/mail</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string PickupFolder { get; set; } = "out/mail";

    /// <summary>From address and SMTP envelope sender; its domain is the Message-ID's. Default <c>digests@digestworker.localhost</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string FromAddress { get; set; } = "digests@digestworker.localhost";

    /// <summary>Display name of the sender. Default "DigestWorker".</summary>
    public string? FromName { get; set; } = "DigestWorker";

    /// <summary>Reply-To address; none when unset.</summary>
    public string? ReplyTo { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public DeliveryRetryOptions Retry { get; set; } = new();
}

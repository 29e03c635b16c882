namespace DigestWorker.Delivery;

/// <summary>How digests leave the worker.</summary>
public enum DeliveryMode
{
    /// <summary>Write each message as an <c>.eml</c> file into <see cref="DeliveryOptions.PickupFolder"/> (default).</summary>
    Pickup,

    /// <summary>Send through an SMTP server (<see cref="DeliveryOptions.Smtp"/>).</summary>
    Smtp,
}

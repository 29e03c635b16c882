namespace DigestWorker.Delivery.Transport;

/// <summary>
/// Delivery cannot work as configured (e.g. credentials would cross the network unencrypted, or the password
/// is missing). Stops the run; never carries the password.
/// </summary>
public sealed class DeliveryConfigurationException : Exception
{
    public DeliveryConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

namespace DigestWorker.Delivery.Record;

/// <summary>The delivery record cannot be used (unwritable, locked or corrupt); nothing may be sent that cannot be recorded.</summary>
public sealed class DeliveryRecordException : Exception
{
    public DeliveryRecordException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

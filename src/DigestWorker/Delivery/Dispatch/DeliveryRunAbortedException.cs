namespace DigestWorker.Delivery.Dispatch;

/// <summary>
/// A delivery run stopped early because nothing more could be sent (sender refused, authentication failed,
/// a configuration error, the record unwritable). Every digest not yet sent stays pending. Carried in
/// <see cref="DeliveryRunResult.Abort"/>, not thrown, so the caller can print it and exit with its own code.
/// </summary>
public sealed class DeliveryRunAbortedException : Exception
{
    public DeliveryRunAbortedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

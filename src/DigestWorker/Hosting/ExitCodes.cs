namespace DigestWorker.Hosting;

/// <summary>Process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Everything due was sent, or nothing was due.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected error, or the state (delivery record) cannot be used; nothing was sent that could not be recorded.</summary>
    public const int Error = 1;

    /// <summary>The configuration is invalid; nothing was done.</summary>
    public const int ConfigurationInvalid = 2;

    /// <summary>Some digests failed or were deferred; the next run retries the deferred ones.</summary>
    public const int SomeNotSent = 3;
}

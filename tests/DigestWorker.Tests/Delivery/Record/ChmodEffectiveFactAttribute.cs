namespace DigestWorker.Tests.Delivery.Record;

/// <summary>
/// A fact that is skipped, with the reason, where file modes cannot deny access: as root (or with CAP_DAC_OVERRIDE)
/// chmod 500 does not stop writes, and on Windows there are no Unix modes. Detected by trying to write a probe file.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChmodEffectiveFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> SkipReason = new(Probe);

    public ChmodEffectiveFactAttribute()
    {
        if (SkipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (OperatingSystem.IsWindows())
        {
            return "Unix file modes are not available on Windows.";
        }

        string folder = Directory.CreateTempSubdirectory("digest-chmod-probe-").FullName;
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                File.WriteAllText(Path.Combine(folder, "probe"), "x");
                return "chmod cannot make a folder unwritable here (running as root or with CAP_DAC_OVERRIDE).";
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(folder, recursive: true);
        }
    }
}

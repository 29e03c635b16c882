using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Delivery.Record;

/// <summary>Where the delivery record lives and how long to wait for another process's lock. Section <c>State</c>.</summary>
public sealed class StateOptions
{
    public const string SectionName = "State";

    /// <summary>The SQLite file of the delivery record; its folder is created. Default <c>state/digests.db</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "State:Path must name the delivery record file, e.g. state/digests.db.")]
    public string Path { get; set; } = "state/digests.db";

    /// <summary>
    /// How long a write waits for another process holding the file's lock before failing. Default 5 seconds;
    /// long enough to ride out a concurrent run's short transactions, short enough to report a stuck lock.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "State:BusyTimeout must be between 1 ms and 10 minutes.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a run waits for another run (another process on the same state file) to finish before giving up
    /// with exit code 3. Default 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "State:RunLockTimeout must be between 0 and 1 day.")]
    public TimeSpan RunLockTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

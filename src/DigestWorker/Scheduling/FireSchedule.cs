using System.Collections.Concurrent;
using DigestWorker.Selection;
using Quartz;

namespace DigestWorker.Scheduling;

/// <summary>
/// Fire-time arithmetic for one cron in one time zone: the latest fire time at or before an instant,
/// and the digest period a fire time covers. Built once per (cron, zone) and shared.
/// </summary>
public sealed class FireSchedule
{
    private static readonly ConcurrentDictionary<(string Cron, string Zone), FireSchedule> Cache = new();

    // Fire times are whole seconds; look back this far for a previous fire before giving up (yearly crons fit).
    private static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(4 * 366);

    private readonly CronExpression _cron;

    private FireSchedule(string cron, TimeZoneInfo zone)
    {
        _cron = new CronExpression(cron, zone);
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    public static FireSchedule For(string cron, TimeZoneInfo zone) =>
        Cache.GetOrAdd((cron, zone.Id), key => new FireSchedule(key.Cron, zone));

    /// <summary>
    /// The first fire time strictly after <paramref name="instant"/>, or null when the cron never fires again. A wall-clock
    /// time repeated when the clocks go back is one fire time, its first occurrence (as a Quartz trigger counting forward
    /// from the previous fire has it).
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        // Asked from inside the repeated hour, Quartz answers with the second occurrence; that made this function go
        // back and forth, LatestAtOrBefore's bisection find either occurrence, and one fire two digests.
        var next = _cron.GetNextValidTimeAfter(instant);
        while (Zone.SupportsDaylightSavingTime && next is { } n && IsSecondOccurrence(n))
        {
            next = _cron.GetNextValidTimeAfter(n);
        }

        return next?.ToUniversalTime();
    }

    /// <summary>The latest fire time at or before <paramref name="instant"/>, or null when there is none within four years.</summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset instant)
    {
        var end = TruncateToSecond(instant.ToUniversalTime());
        var window = TimeSpan.FromMinutes(1);
        DateTimeOffset lo;
        while (true)
        {
            lo = end - window;
            if (NextAfter(lo) is { } first && first <= end)
            {
                break;
            }

            if (window >= MaxLookBack)
            {
                return null;
            }

            window *= 4;
        }

        // next() is monotone: find the last second whose next fire is still <= end; that fire is the answer.
        var hi = end;
        while (hi - lo > TimeSpan.FromSeconds(1))
        {
            var mid = TruncateToSecond(lo + ((hi - lo) / 2));
            if (NextAfter(mid) is { } n && n <= end)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return NextAfter(lo);
    }

    /// <summary>
    /// The period a digest fired at <paramref name="fireTime"/> covers, in local dates: from the local date of the
    /// previous fire time (inclusive) to the local date of this one (exclusive). Without a previous fire, one week.
    /// </summary>
    public DigestPeriod PeriodFor(DateTimeOffset fireTime)
    {
        var end = LocalDate(fireTime);
        var previous = LatestAtOrBefore(fireTime.AddSeconds(-1));
        var start = previous is { } p ? LocalDate(p) : end.AddDays(-7);
        return new DigestPeriod(start, end);
    }

    private bool IsSecondOccurrence(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return Zone.IsAmbiguousTime(local) && local.Offset < Zone.GetAmbiguousTimeOffsets(local).Max();
    }

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    private static DateTimeOffset TruncateToSecond(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

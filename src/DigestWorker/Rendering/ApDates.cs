using System.Globalization;

namespace DigestWorker.Rendering;

/// <summary>Formats date ranges the way a newspaper writes them (AP style, en dash): "Sept. 18–26, 2017", "March 2018".</summary>
internal static class ApDates
{
    private const char EnDash = '\u2013';

    // AP abbreviates only the long month names, and only when a day follows.
    private static readonly string[] WithDay =
        ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

    private static readonly string[] Alone =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Formats the inclusive range <paramref name="start"/>..<paramref name="end"/>.</summary>
    public static string Range(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            (start, end) = (end, start);
        }

        if (start.Day == 1 && IsLastDayOfMonth(end))
        {
            return WholeMonths(start, end);
        }

        if (start == end)
        {
            return Invariant($"{WithDay[start.Month - 1]} {start.Day}, {start.Year}");
        }

        if (start.Year != end.Year)
        {
            return Invariant($"{WithDay[start.Month - 1]} {start.Day}, {start.Year}{EnDash}{WithDay[end.Month - 1]} {end.Day}, {end.Year}");
        }

        return start.Month == end.Month
            ? Invariant($"{WithDay[start.Month - 1]} {start.Day}{EnDash}{end.Day}, {end.Year}")
            : Invariant($"{WithDay[start.Month - 1]} {start.Day}{EnDash}{WithDay[end.Month - 1]} {end.Day}, {end.Year}");
    }

    private static string WholeMonths(DateOnly start, DateOnly end)
    {
        if (start.Year == end.Year && start.Month == end.Month)
        {
            return Invariant($"{Alone[start.Month - 1]} {start.Year}");
        }

        return start.Year == end.Year
            ? Invariant($"{Alone[start.Month - 1]}{EnDash}{Alone[end.Month - 1]} {end.Year}")
            : Invariant($"{Alone[start.Month - 1]} {start.Year}{EnDash}{Alone[end.Month - 1]} {end.Year}");
    }

    private static bool IsLastDayOfMonth(DateOnly date) => date.Day == DateTime.DaysInMonth(date.Year, date.Month);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

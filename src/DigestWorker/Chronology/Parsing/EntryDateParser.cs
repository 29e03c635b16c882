namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Reads the date prefix of a chronology entry: a day, a range within a month, across months or years,
/// or a whole month. Errors are returned, not thrown, so the caller can turn them into warnings.
/// </summary>
internal static class EntryDateParser
{
    private const int MaxRolloverDays = 92;

    /// <param name="prefix">The text before the entry's colon.</param>
    /// <param name="period">The document period, used only when the prefix omits the year.</param>
    public static DateSpan? TryParse(ReadOnlySpan<char> prefix, DateSpan? period, out string? error)
    {
        var dash = DateDashes.IndexIn(prefix);
        var left = DatePart.TryParse(dash < 0 ? prefix : prefix[..dash], out error);
        if (left is null)
        {
            return null;
        }

        if (left.Value.Month is null)
        {
            error = "date has no month";
            return null;
        }

        if (dash < 0)
        {
            return Single(left.Value, period, out error);
        }

        if (DateDashes.IndexIn(prefix[(dash + 1)..]) >= 0)
        {
            error = "more than one range separator";
            return null;
        }

        var right = DatePart.TryParse(prefix[(dash + 1)..], out error);
        return right is null ? null : Range(left.Value, right.Value, period, out error);
    }

    private static DateSpan? Single(DatePart part, DateSpan? period, out string? error)
    {
        var year = part.Year ?? InferYear(part.Month!.Value, period);
        if (year is null)
        {
            error = "date has no year";
            return null;
        }

        if (part.Day is null)
        {
            error = null;
            return DateSpan.WholeMonth(year.Value, part.Month!.Value);
        }

        var day = MakeDate(year.Value, part.Month!.Value, part.Day.Value, out error);
        return day is null ? null : new DateSpan(day.Value, day.Value);
    }

    private static DateSpan? Range(DatePart left, DatePart right, DateSpan? period, out string? error)
    {
        error = null;
        var endMonth = right.Month ?? left.Month!.Value;
        var endYear = right.Year ?? left.Year ?? InferYear(endMonth, period);
        if (endYear is null)
        {
            error = "date has no year";
            return null;
        }

        var end = right.Day is null
            ? (DateOnly?)DateSpan.WholeMonth(endYear.Value, endMonth).End
            : MakeDate(endYear.Value, endMonth, right.Day.Value, out error);
        var start = MakeDate(left.Year ?? endYear.Value, left.Month!.Value, left.Day ?? 1, out var startError);

        // "Dec. 30-Jan. 2, 2018": a start with no year of its own that lands after the end is in the year
        // before, but only for a short span; "Nov. 2-Oct. 31, 2017" is a reversed range, not a year-long one.
        if (left.Year is null && start is { } s && end is { } e && e < s)
        {
            var previous = MakeDate(endYear.Value - 1, left.Month!.Value, left.Day ?? 1, out _);
            if (previous is { } p && e.DayNumber - p.DayNumber <= MaxRolloverDays)
            {
                start = previous;
            }
        }
        if (start is null || end is null)
        {
            error = startError ?? error ?? "unreadable range";
            return null;
        }

        if (end < start)
        {
            error = "range ends before it starts";
            return null;
        }

        error = null;
        return new DateSpan(start.Value, end.Value);
    }

    private static DateOnly? MakeDate(int year, int month, int day, out string? error)
    {
        error = null;
        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"no day {day} in month {month} of {year}";
            return null;
        }

        return new DateOnly(year, month, day);
    }

    private static int? InferYear(int month, DateSpan? period)
    {
        if (period is not { } p)
        {
            return null;
        }

        for (var year = p.Start.Year; year <= p.End.Year; year++)
        {
            if (p.Contains(new DateOnly(year, month, 1)) || p.Contains(DateSpan.WholeMonth(year, month).End))
            {
                return year;
            }
        }

        return null;
    }
}

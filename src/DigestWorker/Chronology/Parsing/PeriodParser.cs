namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Reads a document period such as "Sep — Dec 2017", "September – December 2017" or "Sep 2017 - Jan 2018":
/// months only, so the period runs from the first day of the first month to the last day of the last.
/// </summary>
internal static class PeriodParser
{
    private const int MaxLength = 60;

    public static DateSpan? TryParse(string line)
    {
        var text = line.AsSpan().Trim();
        if (text.Length is 0 or > MaxLength)
        {
            return null;
        }

        var dash = DateDashes.IndexIn(text);
        var left = MonthOnly(dash < 0 ? text : text[..dash]);
        if (left is null)
        {
            return null;
        }

        if (dash < 0)
        {
            return left.Value.Year is { } y ? DateSpan.WholeMonth(y, left.Value.Month!.Value) : null;
        }

        var right = MonthOnly(text[(dash + 1)..]);
        if (right?.Year is not { } endYear)
        {
            return null;
        }

        var startMonth = left.Value.Month!.Value;
        var endMonth = right.Value.Month!.Value;
        var startYear = left.Value.Year ?? (startMonth > endMonth ? endYear - 1 : endYear);
        var start = new DateOnly(startYear, startMonth, 1);
        var end = DateSpan.WholeMonth(endYear, endMonth).End;
        return end < start ? null : new DateSpan(start, end);
    }

    private static DatePart? MonthOnly(ReadOnlySpan<char> text)
    {
        var part = DatePart.TryParse(text, out _);
        return part is { Month: not null, Day: null } ? part : null;
    }
}

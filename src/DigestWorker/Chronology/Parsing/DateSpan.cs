namespace DigestWorker.Chronology.Parsing;

/// <summary>An inclusive run of days.</summary>
internal readonly record struct DateSpan(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public static DateSpan WholeMonth(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));
}

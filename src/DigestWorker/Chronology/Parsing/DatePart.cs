namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// One side of a written date ("Oct. 31", "Nov. 2, 2017", "March 2018", "Sep"): every piece optional,
/// so ranges can borrow the month or year the other side wrote.
/// </summary>
internal readonly record struct DatePart(int? Month, int? Day, int? Year)
{
    /// <summary>Reads "[Month[.]] [day] [,] [year]"; null with a reason when anything else is there.</summary>
    public static DatePart? TryParse(ReadOnlySpan<char> text, out string? error)
    {
        error = null;
        int? month = null, day = null, year = null;
        var i = SkipSpaces(text, 0);
        if (i < text.Length && char.IsLetter(text[i]))
        {
            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            if (!MonthNames.TryGet(text[start..i], out var m))
            {
                error = $"unknown month \"{text[start..i].ToString()}\"";
                return null;
            }

            month = m;
            if (i < text.Length && text[i] == '.')
            {
                i++;
            }
        }

        i = SkipSpaces(text, i);
        var digits = CountDigits(text, i);
        if (digits is 1 or 2)
        {
            day = ParseInt(text.Slice(i, digits));
            i = SkipSpaces(text, i + digits);
            if (i < text.Length && text[i] == ',')
            {
                i = SkipSpaces(text, i + 1);
            }

            digits = CountDigits(text, i);
        }

        if (digits == 4)
        {
            year = ParseInt(text.Slice(i, digits));
            i += digits;
            if (year == 0)
            {
                error = "no year 0";
                return null;
            }
        }
        else if (digits != 0)
        {
            error = "unreadable number";
            return null;
        }

        if (SkipSpaces(text, i) != text.Length || (month is null && day is null && year is null))
        {
            error = "unreadable date";
            return null;
        }

        return new DatePart(month, day, year);
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int CountDigits(ReadOnlySpan<char> text, int i)
    {
        var n = 0;
        while (i + n < text.Length && char.IsAsciiDigit(text[i + n]))
        {
            n++;
        }

        return n;
    }

    private static int ParseInt(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}

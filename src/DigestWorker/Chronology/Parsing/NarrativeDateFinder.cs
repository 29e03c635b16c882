namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Finds the first day named in a sentence that falls inside the document period ("Sept. 3", "Oct 19",
/// "Sept. 18-21", "Oct. 31-Nov. 2", "Nov. 23, 2016"). A capitalised month followed by a day number that is
/// not itself followed by a digit: "Dec 2017" and "March 2016" are months of a year, not days. Hand-scanned in one
/// pass so arbitrarily long input stays linear.
/// </summary>
internal static class NarrativeDateFinder
{
    public static NarrativeDate? FindFirstInside(string sentence, DateSpan period)
    {
        var i = 0;
        while (i < sentence.Length)
        {
            if (!char.IsAsciiLetterUpper(sentence[i]) || (i > 0 && char.IsLetter(sentence[i - 1])))
            {
                i++;
                continue;
            }

            var wordEnd = WordEnd(sentence, i);
            if (TryReadAt(sentence, i, period) is { } found)
            {
                return found;
            }

            i = wordEnd;
        }

        return null;
    }

    private static NarrativeDate? TryReadAt(string s, int start, DateSpan period)
    {
        if (!TryMonthDay(s, start, out var month, out var day, out var pos))
        {
            return null;
        }

        int endMonth = month, endDay = day;
        if (pos < s.Length && (s[pos] == '-' || s[pos] == '\u2013'))
        {
            if (TryDay(s, pos + 1, out var d, out var after))
            {
                endDay = d;
                pos = after;
            }
            else if (pos + 1 < s.Length && char.IsAsciiLetterUpper(s[pos + 1])
                && TryMonthDay(s, pos + 1, out var m2, out var d2, out var after2))
            {
                (endMonth, endDay, pos) = (m2, d2, after2);
            }
        }

        var year = ExplicitYear(s, pos, out var yearEnd);
        if (year is not null)
        {
            pos = yearEnd;
        }

        var text = s[start..pos];
        for (var y = year ?? period.Start.Year; y <= (year ?? period.End.Year); y++)
        {
            var endYear = endMonth < month ? y + 1 : y;
            if (IsValid(y, month, day) && IsValid(endYear, endMonth, endDay))
            {
                var first = new DateOnly(y, month, day);
                var last = new DateOnly(endYear, endMonth, endDay);
                if (period.Contains(first) && last >= first)
                {
                    return new NarrativeDate(new DateSpan(first, last), text);
                }
            }
        }

        return null;
    }

    private static bool TryMonthDay(string s, int start, out int month, out int day, out int pos)
    {
        day = 0;
        pos = WordEnd(s, start);
        if (pos - start > 9 || !MonthNames.TryGet(s.AsSpan(start, pos - start), out month))
        {
            month = 0;
            return false;
        }

        if (pos < s.Length && s[pos] == '.')
        {
            pos++;
        }

        var spaceStart = pos;
        while (pos < s.Length && pos - spaceStart < 3 && s[pos] is ' ' or '\u00A0')
        {
            pos++;
        }

        return pos > spaceStart && TryDay(s, pos, out day, out pos);
    }

    /// <summary>One or two digits not followed by a third: "20" in "2017" is not a day.</summary>
    private static bool TryDay(string s, int start, out int day, out int pos)
    {
        pos = start;
        day = 0;
        while (pos < s.Length && pos - start < 3 && char.IsAsciiDigit(s[pos]))
        {
            day = (day * 10) + (s[pos] - '0');
            pos++;
        }

        var digits = pos - start;
        return digits is 1 or 2 && day >= 1;
    }

    private static int? ExplicitYear(string s, int pos, out int end)
    {
        end = pos;
        if (pos + 6 > s.Length || s[pos] != ',' || s[pos + 1] != ' ')
        {
            return null;
        }

        for (var k = pos + 2; k < pos + 6; k++)
        {
            if (!char.IsAsciiDigit(s[k]))
            {
                return null;
            }
        }

        if (pos + 6 < s.Length && char.IsAsciiDigit(s[pos + 6]))
        {
            return null;
        }

        end = pos + 6;
        return int.Parse(s.AsSpan(pos + 2, 4), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month);

    private static int WordEnd(string s, int i)
    {
        while (i < s.Length && char.IsLetter(s[i]))
        {
            i++;
        }

        return i;
    }
}

namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Finds the chronology entry a narrative sentence restates: the sentence's first day lies within the entry's
/// dates and they share enough content stems. Entries are bucketed by day so a document with 100,000 entries
/// does not compare every sentence with every entry.
/// </summary>
internal sealed class ContextMatcher
{
    /// <summary>At least this many shared stems; fewer is coincidence ("Russian", "China", "meet").</summary>
    internal const int MinSharedStems = 3;

    /// <summary>And at least this share of the entry's stems, so long entries are not matched by chance.</summary>
    internal const double MinSharedShare = 0.3;

    // Entries spanning more days than this are scanned linearly instead of being put in every day's bucket.
    private const int MaxBucketedDays = 62;

    private readonly IReadOnlyList<RawEntry> _entries;
    private readonly Dictionary<DateOnly, List<int>> _byDay = [];
    private readonly List<int> _long = [];
    private readonly Dictionary<int, HashSet<string>> _stems = [];

    public ContextMatcher(IReadOnlyList<RawEntry> entries)
    {
        _entries = entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var dates = entries[i].Dates;
            if (dates.End.DayNumber - dates.Start.DayNumber > MaxBucketedDays)
            {
                _long.Add(i);
                continue;
            }

            for (var day = dates.Start; day <= dates.End; day = day.AddDays(1))
            {
                if (!_byDay.TryGetValue(day, out var bucket))
                {
                    _byDay[day] = bucket = [];
                }

                bucket.Add(i);
                if (day == DateOnly.MaxValue)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Index of the best-matching entry, or -1 when the sentence restates none.</summary>
    public int FindRestated(DateOnly day, string sentence)
    {
        var candidates = _byDay.TryGetValue(day, out var bucket) ? bucket.Concat(_long) : _long;
        HashSet<string>? sentenceStems = null;
        var best = -1;
        var bestShared = 0;
        foreach (var index in candidates)
        {
            if (!_entries[index].Dates.Contains(day))
            {
                continue;
            }

            sentenceStems ??= WordStems.Of(sentence);
            var entryStems = StemsOf(index);
            var shared = entryStems.Count(sentenceStems.Contains);
            if (shared >= MinSharedStems && shared >= MinSharedShare * entryStems.Count && shared > bestShared)
            {
                (best, bestShared) = (index, shared);
            }
        }

        return best;
    }

    private HashSet<string> StemsOf(int index)
    {
        if (!_stems.TryGetValue(index, out var stems))
        {
            _stems[index] = stems = WordStems.Of(_entries[index].Text);
        }

        return stems;
    }
}

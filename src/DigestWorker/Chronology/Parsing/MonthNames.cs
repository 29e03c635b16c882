namespace DigestWorker.Chronology.Parsing;

/// <summary>Month names as these documents write them: full, three-letter, and "Sept".</summary>
internal static class MonthNames
{
    private static readonly Dictionary<string, int> Months = Build();

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Months.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Case-insensitive; callers that must tell "May" from "may" check capitalisation themselves.</summary>
    public static bool TryGet(ReadOnlySpan<char> word, out int month) => Lookup.TryGetValue(word, out month);

    private static Dictionary<string, int> Build()
    {
        string[] full =
        [
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ];
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < full.Length; i++)
        {
            map[full[i]] = i + 1;
            map[full[i][..3]] = i + 1;
        }

        map["Sept"] = 9;
        return map;
    }
}

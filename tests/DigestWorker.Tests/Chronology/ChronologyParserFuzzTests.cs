using System.Text;
using DigestWorker.Chronology;
using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Tests.Chronology;

/// <summary>
/// Bounded fuzzing with fixed seeds: mutated copies of the sample and generated entry lists must never throw,
/// and every non-blank line of the chronology section must be accounted for.
/// </summary>
public sealed class ChronologyParserFuzzTests
{
    private static readonly string[] Fragments =
    [
        "Sept. 3-5, 2017: ", "Feb. 30, 2018: ", "Foo. 3, 2018: ", "Oct. 31-Nov. 2, 2017:", "March 2018: ", "Dec. 30, 2017-Jan. 2, 2018: ",
        "Chronology of A - B", "Sep — Dec 2017", "\r\n", "\n\n", "\uFEFF", "“", "”", "…", "U.S. ", "Gen. ", "May 9 ", "Dec 2017",
        "(Dec. 24)", ":", "-", "\u2013", "\u2014", "9999", "0", "Sept. ", "关键", "Ключ", "\t", " ", ".", "Nov. 23, 2016",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parse_MutatedSample_NeverThrowsAndAccountsForEveryLine(int seed)
    {
        var random = new Random(seed);
        var sample = SampleDocument.Text();
        for (var round = 0; round < 60; round++)
        {
            AssertAccountedFor(Mutate(sample, random));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Parse_GeneratedEntries_NeverThrowsAndAccountsForEveryLine(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 60; round++)
        {
            AssertAccountedFor(Generate(random));
        }
    }

    [Fact]
    public void Parse_RandomCharacters_NeverThrows()
    {
        var random = new Random(21);
        for (var round = 0; round < 30; round++)
        {
            var chars = new char[random.Next(0, 400)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)random.Next(0, 0xD7FF);
            }

            AssertAccountedFor(new string(chars));
        }
    }

    private static void AssertAccountedFor(string text)
    {
        var doc = ChronologyParser.Parse("fuzz.txt", text);
        var lines = TextLines.Split(text);
        var heading = lines.FindIndex(LineShapes.IsChronologyHeading);
        if (heading < 0 || doc.Title.Length == 0 || heading < lines.FindIndex(l => !string.IsNullOrWhiteSpace(l)) + 1)
        {
            return;
        }

        var roles = doc.ChronologyLines.ToDictionary(l => l.Line, l => l.Role);
        var warned = doc.Warnings.Select(w => w.Line).ToHashSet();
        for (var i = heading + 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            Assert.True(roles.TryGetValue(i + 1, out var role), $"line {i + 1} has no disposition");
            Assert.Contains(role, new[] { LineRole.Entry, LineRole.Continuation, LineRole.PeriodLine, LineRole.Warned });
            if (role == LineRole.Warned)
            {
                Assert.Contains(i + 1, warned);
            }
        }

        Assert.All(doc.Events, e => Assert.True(e.Start <= e.End));
    }

    private static string Mutate(string sample, Random random)
    {
        var sb = new StringBuilder(sample);
        for (var edits = random.Next(1, 20); edits > 0; edits--)
        {
            var at = random.Next(0, sb.Length + 1);
            switch (random.Next(0, 3))
            {
                case 0:
                    sb.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 1 when at < sb.Length:
                    sb.Remove(at, Math.Min(random.Next(1, 40), sb.Length - at));
                    break;
                default:
                    sb.Insert(at, (char)random.Next(32, 0x3000));
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Generate(Random random)
    {
        var sb = new StringBuilder("A - B\n\nSep 2017 — Jan 2018\n\nChronology of A - B Relations\n\n");
        for (var n = random.Next(0, 40); n > 0; n--)
        {
            var month = new[] { "Sept.", "Sep", "October", "Nov.", "Dec", "Jan.", "Feb.", "Foo." }[random.Next(8)];
            var day = random.Next(0, 33);
            var dash = random.Next(4) == 0 ? $"{"-\u2013"[random.Next(2)]}{random.Next(0, 33)}" : string.Empty;
            sb.Append(random.Next(6) == 0 ? Fragments[random.Next(Fragments.Length)] : $"{month} {day}{dash}, {2016 + random.Next(3)}: event {n}")
                .Append(random.Next(3) == 0 ? "\r\n" : "\n\n");
        }

        return sb.ToString();
    }
}

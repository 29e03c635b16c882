using DigestWorker.Chronology;
using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Tests.Chronology;

public sealed class ChronologyParserTests
{
    private const string Header = "China - Russia\n\nSep — Dec 2017\nDownload Article as PDF\n\n";

    [Fact]
    public void Parse_MalformedEntryLines_WarnWithLineAndRaw()
    {
        var text = Header + "Chronology of China - Russia Relations\n\nSeptember — December 2017\n\n"
            + "Sept. 6, 2017: Good entry.\n\nFeb. 30, 2018: Bad day.\n\nFoo. 3, 2018: Bad month.\n\nSept. 26-18, 2017: Reversed.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        var entry = Assert.Single(doc.Events);
        Assert.Equal("Good entry.", entry.Text);
        Assert.Equal([12, 14, 16], doc.Warnings.Select(w => w.Line));
        Assert.All(doc.Warnings, w => Assert.Equal("doc.txt", w.File));
        Assert.Equal("Feb. 30, 2018: Bad day.", doc.Warnings[0].Raw);
        Assert.Contains("unknown month", doc.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("ends before it starts", doc.Warnings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EntryYearsFromThePeriod_WarnedAndSkippedWithTheirPlace()
    {
        // A mistyped year (2071) or a range from the first day of the calendar: not read as an event decades away.
        var text = Header + "Chronology of China - Russia Relations\n\nSeptember — December 2017\n\n"
            + "Sept. 3, 2071: Typo year.\n\nJan. 1, 0001-Dec. 31, 2017: Everything.\n\nDec. 28, 2016: A year before.\n\nSept. 6, 2017: Good entry.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        Assert.Equal(["A year before.", "Good entry."], doc.Events.Select(e => e.Text));
        Assert.Equal([10, 12], doc.Warnings.Select(w => w.Line));
        Assert.All(doc.Warnings, w => Assert.Contains("more than a year outside the document's period (2017-09-01..2017-12-31)", w.Message, StringComparison.Ordinal));
        Assert.Equal("Sept. 3, 2071: Typo year.", doc.Warnings[0].Raw);
    }

    [Theory]
    [InlineData("Sep — Dec 9999", "Sept. 3, 9999: Last year of the calendar.")]
    [InlineData("Jan — Mar 0001", "Jan. 3, 0001: First year of the calendar.")]
    public void Parse_PeriodAtAnEndOfTheCalendar_ReadsWithoutRunningOffIt(string period, string entry)
    {
        // The year of slack each side was added with AddYears: a period in year 1 or 9999 threw, stopping every run.
        var doc = ChronologyParser.Parse("doc.txt", $"China - Russia\n\n{period}\n\nChronology of X\n{entry}\n");

        Assert.Single(doc.Events);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public void Parse_EntryWithADashForItsColon_KeptInTheEntryAboveButWarned()
    {
        var text = Header + "Chronology of X\nSept. 4, 2017: First.\nSept. 5, 2017 - Second, its colon mistyped.\nMay 5 talks, wrapped text that is not a date.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        var entry = Assert.Single(doc.Events);
        Assert.Contains("Second, its colon mistyped.", entry.Text, StringComparison.Ordinal);
        var warning = Assert.Single(doc.Warnings);
        Assert.Equal(8, warning.Line);
        Assert.Contains("no ':' after it", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ContinuationLine_JoinsEntryAbove()
    {
        var text = Header + "Chronology of X\nSept. 6, 2017: First half\nsecond half.\n\nSept. 7, 2017:\n  Only on next line.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        Assert.Equal(["First half second half.", "Only on next line."], doc.Events.Select(e => e.Text));
        Assert.Empty(doc.Warnings);
        Assert.Equal(
            [LineRole.Heading, LineRole.Entry, LineRole.Continuation, LineRole.Blank, LineRole.Entry, LineRole.Continuation],
            doc.ChronologyLines.Select(l => l.Role));
    }

    [Fact]
    public void Parse_TextBeforeFirstEntry_WarnsButPeriodLineDoesNot()
    {
        var text = Header + "Chronology of X\n\nSeptember – December 2017\nStray remark\nSept. 6, 2017: Entry.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        var warning = Assert.Single(doc.Warnings);
        Assert.Equal(9, warning.Line);
        Assert.Equal("Stray remark", warning.Raw);
        Assert.Single(doc.Events);
    }

    [Fact]
    public void Parse_EmptyFile_WarnsWholeFile()
    {
        var doc = ChronologyParser.Parse("empty.txt", "\uFEFF \r\n\r\n");

        var warning = Assert.Single(doc.Warnings);
        Assert.Equal(0, warning.Line);
        Assert.Empty(doc.Events);
    }

    [Fact]
    public void Parse_NoChronologySection_WarnsAndStillReadsNarrative()
    {
        var text = Header + "Some analysis paragraph that is long enough to be a paragraph. On Oct. 3, talks were held in Moscow.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        Assert.Contains(doc.Warnings, w => w.Message.Contains("Chronology of", StringComparison.Ordinal));
        var narrative = Assert.Single(doc.Events);
        Assert.Equal(EventKind.Narrative, narrative.Kind);
        Assert.Equal(new DateOnly(2017, 10, 3), narrative.Start);
        Assert.Equal("On Oct. 3, talks were held in Moscow.", narrative.Text);
        Assert.Equal(6, narrative.Source.Line);
    }

    [Fact]
    public void Parse_BomAndCrlf_ReadLikeLf()
    {
        var lf = SampleDocument.Text().Replace("\r\n", "\n", StringComparison.Ordinal);
        var crlf = "\uFEFF" + lf.Replace("\n", "\r\n", StringComparison.Ordinal);

        var a = ChronologyParser.Parse("x.txt", lf);
        var b = ChronologyParser.Parse("x.txt", crlf);

        Assert.Equal("China - Russia", b.Title);
        Assert.Equal(a.Events.Select(e => (e.Id, e.Source.Line, e.Text)), b.Events.Select(e => (e.Id, e.Source.Line, e.Text)));
        Assert.Empty(b.Warnings);
    }

    [Fact]
    public void Parse_SectionHeadings_ExcludePhotoCaptions()
    {
        var text = Header + "A first long paragraph of analysis that runs on and on, and ends with a period for sure.\n\n"
            + "Trade and energy\n\nA photo of leaders. Photo:\n\nOn Nov. 4, the pipeline opened.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        var e = Assert.Single(doc.Events, x => x.Kind == EventKind.Narrative);
        Assert.Equal("Trade and energy", e.Source.Section);
    }

    [Fact]
    public void Parse_DuplicateEntryInOneDocument_IsOneEventWithTwoSources()
    {
        var text = Header + "Chronology of X\nSept. 6, 2017: Same  entry.\nSept. 6, 2017: Same entry.\n";

        var doc = ChronologyParser.Parse("doc.txt", text);

        var e = Assert.Single(doc.Events);
        Assert.Equal([7, 8], e.Sources.Select(s => s.Line));
    }

    [Fact]
    public void Parse_TenMegabyteSingleLine_DoesNotHang()
    {
        var line = string.Concat(Enumerable.Repeat("Sept. 3 word U.S. a.b ", 500_000));

        var doc = ChronologyParser.Parse("big.txt", Header + line + "\nChronology of X\n" + line + "\n");

        Assert.Contains(doc.Warnings, w => w.Line == 8);
        Assert.Equal("China - Russia", doc.Title);
    }
}

using DigestWorker.Chronology;
using DigestWorker.Chronology.Parsing;

namespace DigestWorker.Tests.Chronology.Parsing;

public sealed class EventIdTests
{
    private static readonly DateOnly Day = new(2017, 12, 8);

    [Fact]
    public void Compute_SameEntry_IsStableAcrossRunsAndMachines()
    {
        // Pinned value: a change here means every stored id changes, which delivery records depend on.
        Assert.Equal("b4b210ae0b8f4325", EventId.Compute(EventKind.Chronology, Day, Day, "Putin inaugurates plant."));
        Assert.Equal(
            EventId.Compute(EventKind.Chronology, Day, Day, "Putin inaugurates plant."),
            EventId.Compute(EventKind.Chronology, Day, Day, "Putin  inaugurates plant. "));
        Assert.Equal(16, EventId.Compute(EventKind.Chronology, Day, Day, "x").Length);
        Assert.Matches("^[0-9a-f]{16}$", EventId.Compute(EventKind.Chronology, Day, Day, "x"));
    }

    [Fact]
    public void Compute_CurlyAndStraightQuotes_GiveSameId() =>
        Assert.Equal(
            EventId.Compute(EventKind.Chronology, Day, Day, "the “Wang’s” plan"),
            EventId.Compute(EventKind.Chronology, Day, Day, "the \"Wang's\" plan"));

    [Fact]
    public void Compute_ChangedDateWordingOrKind_GivesNewId()
    {
        var id = EventId.Compute(EventKind.Chronology, Day, Day, "Putin inaugurates plant.");

        Assert.NotEqual(id, EventId.Compute(EventKind.Chronology, Day, Day.AddDays(1), "Putin inaugurates plant."));
        Assert.NotEqual(id, EventId.Compute(EventKind.Chronology, Day, Day, "Putin inaugurates a plant."));
        Assert.NotEqual(id, EventId.Compute(EventKind.Narrative, Day, Day, "Putin inaugurates plant."));
    }

    [Fact]
    public void Parse_SampleTwice_GivesSameIds()
    {
        var text = SampleDocument.Text();

        Assert.Equal(
            ChronologyParser.Parse("a.txt", text).Events.Select(e => e.Id),
            ChronologyParser.Parse("b.txt", text).Events.Select(e => e.Id));
    }
}

using DigestWorker.Chronology;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Selection;

public sealed class RelationshipTitlesTests
{
    private static readonly EventCatalog Sample = ChronologyLoader.Load([RepoPaths.Sample]);

    private static Subscriber Following(string id, params string[] relationships) => new()
    {
        Id = id,
        Email = $"{id}@example.org",
        Topics = [],
        TimeZone = TimeZoneInfo.Utc,
        Schedule = "0 0 7 ? * MON",
        Relationships = relationships,
    };

    [Fact]
    public void Unmatched_MisspeltTitle_OneWarningNamingItAndWhoFollowsIt()
    {
        // A subscriber following "China - Rusia" got nothing from it, and nothing said why.
        var warnings = RelationshipTitles.Unmatched(
            [Following("ana", "china - russia"), Following("max", "China - Rusia"), Following("lena", "China - Rusia", "China - Russia")],
            Sample);

        var warning = Assert.Single(warnings);
        Assert.Contains("\"China - Rusia\" (followed by max, lena)", warning, StringComparison.Ordinal);
        Assert.Contains("titles: China - Russia", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmatched_NoRelationships_NoWarning()
    {
        Assert.Empty(RelationshipTitles.Unmatched([Following("ana")], Sample));
    }
}

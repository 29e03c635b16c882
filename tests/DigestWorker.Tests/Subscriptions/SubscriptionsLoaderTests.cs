using System.Text;
using DigestWorker.Subscriptions;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Subscriptions;

public sealed class SubscriptionsLoaderTests
{
    private const string Topics = """
        "topics": [ { "id": "korea", "label": "Korea", "keywords": [ "Korea*" ] } ]
        """;

    private static SubscriptionSet Parse(string json) =>
        SubscriptionsLoader.Parse("subs.json", Encoding.UTF8.GetBytes(json), new SubscriberDefaults(), new HashSet<string> { "default" });

    private static IReadOnlyList<ConfigProblem> Problems(string json) =>
        Assert.Throws<ConfigurationInvalidException>(() => Parse(json)).Problems;

    private static string WithSubscriber(string fields) =>
        "{" + Topics + """, "subscribers": [ { "id": "ok", "email": "ok@example.org", "topics": ["korea"] }, { """ + fields + " } ] }";

    [Fact]
    public void Load_ShippedConfig_Validates()
    {
        var set = SubscriptionsLoader.Load(Path.Combine(RepoPaths.Config, "subscriptions.json"), new SubscriberDefaults(), new HashSet<string> { "default" });

        Assert.Equal(["korea", "energy", "military"], set.Topics.Select(t => t.Id));
        Assert.True(set.Subscribers.Count >= 3);
    }

    [Fact]
    public void Parse_Defaults_AppliedToUnsetFields()
    {
        var set = Parse(WithSubscriber(""" "id": "max", "email": "max@example.org", "topics": ["korea"] """));

        var max = set.Find("max");
        Assert.NotNull(max);
        Assert.Equal("UTC", max.TimeZone.Id);
        Assert.Equal("0 0 7 ? * MON", max.Schedule);
        Assert.True(max.Enabled);
        Assert.Equal(DigestFormat.Html, max.Format);
        Assert.Null(max.Since);
    }

    [Fact]
    public void Parse_SameTopicsOrRelationships_ShareOneListKeepingEachSubscribersOwn()
    {
        var set = Parse("""
            {
              "topics": [
                { "id": "korea", "label": "Korea", "keywords": [ "Korea*" ] },
                { "id": "energy", "label": "Energy", "keywords": [ "oil" ] }
              ],
              "subscribers": [
                { "id": "a", "email": "a@example.org", "topics": ["korea", "energy"], "relationships": ["China - Russia"] },
                { "id": "b", "email": "b@example.org", "topics": ["korea", "energy"], "relationships": ["China - Russia"] },
                { "id": "c", "email": "c@example.org", "topics": ["energy", "korea"], "relationships": ["China - Japan"] },
                { "id": "d", "email": "d@example.org", "topics": ["korea"] }
              ]
            }
            """);

        var (a, b, c, d) = (set.Find("a")!, set.Find("b")!, set.Find("c")!, set.Find("d")!);
        Assert.Same(a.Topics, b.Topics);
        Assert.Same(a.Relationships, b.Relationships);
        Assert.Equal(["korea", "energy"], a.Topics.Select(t => t.Id));
        Assert.Equal(["energy", "korea"], c.Topics.Select(t => t.Id));
        Assert.Equal(["China - Japan"], c.Relationships);
        Assert.Equal(["korea"], d.Topics.Select(t => t.Id));
        Assert.Empty(d.Relationships);
    }

    [Fact]
    public void Parse_ValuesContainingTheKeySeparator_AreNeverTakenForOthers()
    {
        var set = Parse("""
            {
              "topics": [
                { "id": "a\u001fb", "label": "AB", "keywords": [ "ab" ] },
                { "id": "a", "label": "A", "keywords": [ "a" ] },
                { "id": "b", "label": "B", "keywords": [ "b" ] }
              ],
              "subscribers": [
                { "id": "e", "email": "e@example.org", "topics": ["a\u001fb"], "relationships": ["x\u001fy"] },
                { "id": "f", "email": "f@example.org", "topics": ["a", "b"], "relationships": ["x", "y"] }
              ]
            }
            """);

        Assert.Equal(["a\u001fb"], set.Find("e")!.Topics.Select(t => t.Id));
        Assert.Equal(["a", "b"], set.Find("f")!.Topics.Select(t => t.Id));
        Assert.Equal(["x\u001fy"], set.Find("e")!.Relationships);
        Assert.Equal(["x", "y"], set.Find("f")!.Relationships);
    }

    [Fact]
    public void Parse_SameSchedule_CheckedOnceButEachBadOneReportedInItsPlace()
    {
        var json = "{" + Topics + """
            , "subscribers": [
                { "id": "a", "email": "a@example.org", "topics": ["korea"], "schedule": "0 0 8 ? * FRI" },
                { "id": "b", "email": "b@example.org", "topics": ["korea"], "schedule": "every monday" },
                { "id": "c", "email": "c@example.org", "topics": ["korea"], "schedule": "0 0 8 ? * FRI" },
                { "id": "d", "email": "d@example.org", "topics": ["korea"], "schedule": "every monday" }
              ] }
            """;

        var problems = Problems(json);

        Assert.Equal(["subscribers[1] (id \"b\").schedule", "subscribers[3] (id \"d\").schedule"], problems.Select(p => p.Place));
        Assert.All(problems, p => Assert.Contains("invalid Quartz cron \"every monday\"", p.Message, StringComparison.Ordinal));
        var good = Parse(json.Replace("every monday", "0 0 8 ? * FRI", StringComparison.Ordinal));
        Assert.Same(good.Find("a")!.Schedule, good.Find("d")!.Schedule);
    }

    [Fact]
    public void Parse_BrokenJson_NamesLineAndColumn()
    {
        var problem = Assert.Single(Problems("{\n  \"topics\": [\n    { \"id\": \"korea\" \"label\": \"x\" }\n  ]\n}"));

        Assert.Equal("subs.json", problem.File);
        Assert.StartsWith("line 3, column ", problem.Place, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""" "id": "max", "email": "not-an-email", "topics": ["korea"] """, "subscribers[1] (id \"max\").email", "\"not-an-email\" is not a valid email address")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["sport"] """, "subscribers[1] (id \"max\").topics", "unknown topic \"sport\"")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea", "korea"] """, "subscribers[1] (id \"max\").topics", "topic \"korea\" is listed twice")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "timeZone": "Mars/Olympus" """, "subscribers[1] (id \"max\").timeZone", "unknown time zone \"Mars/Olympus\"")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "schedule": "every monday" """, "subscribers[1] (id \"max\").schedule", "invalid Quartz cron \"every monday\"")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "schedule": "0 0 7,19 * * ?" """, "subscribers[1] (id \"max\").schedule", "fires more than once a day (07:00:00 and 19:00:00)")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "schedule": "0 0 0 30 2 ?" """, "subscribers[1] (id \"max\").schedule", "\"0 0 0 30 2 ?\" never fires")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "format": "7" """, "subscribers[1] (id \"max\").format", "unknown format \"7\"")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "format": "Html, Text" """, "subscribers[1] (id \"max\").format", "unknown format")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "since": "last week" """, "subscribers[1] (id \"max\").since", "\"last week\" is not a date")]
    [InlineData(""" "id": "ok", "email": "max@example.org", "topics": ["korea"] """, "subscribers[1] (id \"ok\").id", "duplicate subscriber id \"ok\"")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "templateSet": "fancy" """, "subscribers[1] (id \"max\").templateSet", "unknown template set \"fancy\"")]
    public void Parse_InvalidSubscriber_NamesFilePlaceAndProblem(string fields, string place, string message)
    {
        var problem = Assert.Single(Problems(WithSubscriber(fields)));

        Assert.Equal("subs.json", problem.File);
        Assert.Equal(place, problem.Place);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "file", "not an object")]
    [InlineData("{ }", "subscribers", "missing")]
    [InlineData("{ \"topics\": [], \"subscribers\": null }", "subscribers", "missing")]
    [InlineData("{ \"topics\": [], \"subscribers\": [ null ] }", "subscribers[0]", "null")]
    [InlineData("{ \"topics\": [ null ], \"subscribers\": [] }", "topics[0]", "null")]
    [InlineData("[ ]", "line 1, column 2", "expected an object with \"topics\" and \"subscribers\"")]
    public void Parse_DocumentWithoutItsSubscribers_IsAProblemNotAnEmptySet(string json, string place, string message)
    {
        // A save that lost the list (or a null) was "valid: 0 subscribers", and a running service dropped everyone.
        var problem = Assert.Single(Problems(json));

        Assert.Equal(place, problem.Place);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DigestWorker.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": [null] """, "subscribers[1] (id \"max\").topics")]
    [InlineData(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "relationships": [null] """, "subscribers[1] (id \"max\").relationships")]
    [InlineData(""" "id": null, "email": "max@example.org", "topics": ["korea"] """, "subscribers[1].id")]
    public void Parse_NullInsideASubscriber_IsAProblemWhereItIs(string fields, string place)
    {
        var problem = Assert.Single(Problems(WithSubscriber(fields)));

        Assert.Equal(place, problem.Place);
    }

    [Fact]
    public void Parse_NullTerm_IsAProblemWhereItIs()
    {
        var problem = Assert.Single(Problems("""{ "topics": [ { "id": "energy", "keywords": ["oil", null] } ], "subscribers": [] }"""));

        Assert.Equal("topics[0] (id \"energy\").keywords[1]", problem.Place);
    }

    [Theory]
    [InlineData("subscribers")]
    [InlineData("timeZone")]
    public void Parse_PropertyWrittenTwice_IsAProblem(string twice)
    {
        // The last one silently won: two subscribers vanished, or a bad time zone hid behind a good one.
        var json = twice == "subscribers"
            ? "{" + Topics + """, "subscribers": [ { "id": "a", "email": "a@example.org", "topics": ["korea"] } ], "subscribers": [] }"""
            : WithSubscriber(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "timeZone": "Mars/Olympus", "timeZone": "UTC" """);

        var problem = Assert.Single(Problems(json));

        Assert.Contains("invalid JSON", problem.Message, StringComparison.Ordinal);
        Assert.Contains(twice, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsRead()
    {
        var set = SubscriptionsLoader.Parse("subs.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(WithSubscriber(""" "id": "max", "email": "max@example.org", "topics": ["korea"] """))], new SubscriberDefaults());

        Assert.Equal(["ok", "max"], set.Subscribers.Select(s => s.Id));
    }

    [Fact]
    public void Parse_WrongType_SaysWhatWasExpectedWithoutDotNetTypeNames()
    {
        var problem = Assert.Single(Problems(WithSubscriber(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "sendEmpty": "yes" """)));

        Assert.Contains("expected true or false", problem.Message, StringComparison.Ordinal);
        Assert.Contains("subscribers[1].sendEmpty", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("𠀋")]
    [InlineData("S-400")]
    [InlineData("U.S.")]
    [InlineData("Korea *")]
    public void Parse_TermsWithALetterOrDigitAnywhereInUnicode_Accepted(string term)
    {
        // A CJK extension ideograph is two UTF-16 halves, neither a letter on its own.
        var set = Parse($$"""{ "topics": [ { "id": "t", "keywords": ["{{term}}"] } ], "subscribers": [] }""");

        Assert.Equal([term], set.Topics.Single().Keywords);
    }

    [Fact]
    public void Parse_TopicWithoutKeywords_IsAProblem()
    {
        var problem = Assert.Single(Problems("""{ "topics": [ { "id": "empty", "keywords": [] } ], "subscribers": [] }"""));

        Assert.Equal("topics[0] (id \"empty\").keywords", problem.Place);
    }

    [Theory]
    [InlineData(""" "keywords": ["oil", "*"] """, "topics[0] (id \"energy\").keywords[1]", "a \"*\" alone would match every word")]
    [InlineData(""" "keywords": ["oil", " * * "] """, "topics[0] (id \"energy\").keywords[1]", "\" * * \" has no word in it")]
    [InlineData(""" "keywords": ["", "oil"] """, "topics[0] (id \"energy\").keywords[0]", "an empty term")]
    [InlineData(""" "keywords": ["oil", "."] """, "topics[0] (id \"energy\").keywords[1]", "\".\" has no letter or digit in it")]
    [InlineData(""" "keywords": ["oil"], "exclude": ["--"] """, "topics[0] (id \"energy\").exclude[0]", "\"--\" has no letter or digit in it")]
    [InlineData(""" "keywords": ["*Korea"] """, "topics[0] (id \"energy\").keywords[0]", "a \"*\" works only at the end of a term")]
    [InlineData(""" "keywords": ["Ko*rea"] """, "topics[0] (id \"energy\").keywords[0]", "a \"*\" works only at the end of a term")]
    [InlineData(""" "keywords": ["Korea**"] """, "topics[0] (id \"energy\").keywords[0]", "a \"*\" works only at the end of a term")]
    [InlineData(""" "keywords": ["oil"], "exclude": ["turmoil", "*"] """, "topics[0] (id \"energy\").exclude[1]", "\"*\" has no word in it")]
    [InlineData(""" "keywords": ["oil"], "exclude": ["  "] """, "topics[0] (id \"energy\").exclude[0]", "an empty term")]
    public void Parse_EmptyOrStarOnlyTerm_IsAProblemWhereItIs(string fields, string place, string message)
    {
        // An exclude term "*" would exclude every event (the topic silently empty); a keyword "*" was silently dropped.
        var problem = Assert.Single(Problems($$"""{ "topics": [ { "id": "energy", {{fields}} } ], "subscribers": [] }"""));

        Assert.Equal("subs.json", problem.File);
        Assert.Equal(place, problem.Place);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedAtOnce()
    {
        var problems = Problems(WithSubscriber(""" "id": "ok", "email": "bad", "topics": ["nope"], "timeZone": "Nowhere" """));

        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Parse_UnknownField_IsReportedWithItsPath()
    {
        var problem = Assert.Single(Problems(WithSubscriber(""" "id": "max", "email": "max@example.org", "topics": ["korea"], "timezone": "UTC" """)));

        Assert.Contains("timezone", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        var set = Parse("{ // topics\n" + Topics + ", /* people */ \"subscribers\": [],\n}");

        Assert.Empty(set.Subscribers);
    }
}

using DigestWorker.Delivery.Record;
using DigestWorker.Hosting;
using DigestWorker.Scheduling;
using DigestWorker.Tests.TestSupport;
using MimeKit;

namespace DigestWorker.Tests.Scheduling;

public sealed class DigestRunnerTests
{
    [Fact]
    public async Task RunAsync_ShippedConfigWeekOfSept11_WritesDueDigestsAndReportsEachSubscriber()
    {
        using var worker = new WorkerFixture();
        Assert.Empty(worker.Problems);

        var report = await worker.RunOnceAsync("2017-09-11T09:00:00Z");

        Assert.Equal(["ana", "max", "lena"], report.Digests.Select(d => d.Subscriber));
        var sent = report.Digests.Where(d => d.Status == DigestOutcome.Sent).ToList();
        Assert.NotEmpty(sent);
        Assert.Equal(sent.Count, worker.PickupFiles().Length);
        Assert.All(report.Digests.Where(d => d.Status == DigestOutcome.Empty), d => Assert.Empty(d.Events));
        Assert.Equal(ExitCodes.Ok, report.ExitCode);
        var ana = report.Digests.Single(d => d.Subscriber == "ana");
        Assert.Equal(DateTimeOffset.Parse("2017-09-10T22:00:00Z"), ana.FireTime);
        Assert.Equal(new DateOnly(2017, 9, 4), ana.PeriodStart);
        Assert.Equal(new DateOnly(2017, 9, 11), ana.PeriodEnd);
    }

    [Fact]
    public async Task RunAsync_FirstDigestEmpty_StillRecordsTheSubscribersStart()
    {
        // No "since": the first run's period starts the subscription even though nothing matched in it, so an event
        // dated later but before a later period's start (here Dec. 24, in the week before Jan. 1) is still theirs.
        const string subscriptions = """
            {
              "topics": [ { "id": "s400", "label": "S400", "keywords": [ "S400" ] } ],
              "subscribers": [ { "id": "sam", "email": "sam@example.org", "topics": [ "s400" ], "timeZone": "UTC", "schedule": "0 0 7 ? * MON" } ]
            }
            """;
        using var worker = new WorkerFixture(subscriptions);

        var first = await worker.RunOnceAsync("2017-09-11T09:00:00Z");
        var later = await worker.RunOnceAsync("2018-01-08T09:00:00Z");

        Assert.Equal(DigestOutcome.Empty, Assert.Single(first.Digests).Status);
        Assert.Equal(new DateOnly(2017, 9, 4), await worker.Get<IDeliveryRecord>().GetSubscriberStartAsync("sam", CancellationToken.None));
        var digest = Assert.Single(later.Digests);
        Assert.Equal(DigestOutcome.Sent, digest.Status);
        Assert.Equal(new DateOnly(2018, 1, 1), digest.PeriodStart);
        var index = worker.Get<DigestPlanner>().CurrentIndex();
        Assert.Contains(digest.Events, id => index.Overlapping("s400", new DateOnly(2017, 12, 24), new DateOnly(2017, 12, 25)).Any(x => x.Event.Id == id));
    }

    [Fact]
    public async Task RunAsync_FirstDigestFailsToRender_StillRecordsTheSubscribersStart()
    {
        using var sets = new DigestWorker.Tests.Rendering.TemplateSets();
        sets.Write("default", "event.txt.sbn", "{{ event.text | string.nonexistent_function }}");
        const string subscriptions = """
            {
              "topics": [ { "id": "korea", "label": "Korea", "keywords": [ "Korea*", "DPRK" ] } ],
              "subscribers": [ { "id": "kim", "email": "kim@example.org", "topics": [ "korea" ], "timeZone": "UTC", "schedule": "0 0 7 ? * MON" } ]
            }
            """;
        using var worker = new WorkerFixture(subscriptions, new Dictionary<string, string?> { ["Rendering:TemplatesPath"] = sets.Root });

        var report = await worker.RunOnceAsync("2017-09-04T09:00:00Z"); // the week of the Sept. 3 nuclear test

        var digest = Assert.Single(report.Digests);
        Assert.Equal(DigestOutcome.Failed, digest.Status);
        Assert.Contains("event.txt.sbn", digest.Error, StringComparison.Ordinal);
        Assert.Empty(worker.PickupFiles());
        Assert.Equal(new DateOnly(2017, 8, 28), await worker.Get<IDeliveryRecord>().GetSubscriberStartAsync("kim", CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_ZoneThenScheduleEdited_NoSecondDigestForAPeriodAlreadySent()
    {
        // The record is keyed on the fire instant: moving it (UTC to Tokyo, then 07:00 to 06:00) made a new digest for
        // the same Sept. 4-10 each time. Later periods start where the last one ended.
        var state = Directory.CreateTempSubdirectory("digestworker-state-");
        try
        {
            var runs = new List<(RunReport Report, int Files)>();
            foreach (var (zone, schedule, asOf) in new[]
            {
                ("UTC", "0 0 7 ? * MON", "2017-09-11T08:00:00Z"),
                ("Asia/Tokyo", "0 0 7 ? * MON", "2017-09-11T09:00:00Z"),
                ("Asia/Tokyo", "0 0 6 ? * MON", "2017-09-11T09:30:00Z"),
                ("UTC", "0 0 7 ? * THU", "2017-09-14T08:00:00Z"),
            })
            {
                var subscriptions = $$"""
                    {
                      "topics": [ { "id": "korea", "label": "Korea", "keywords": [ "Korea*", "DPRK" ] } ],
                      "subscribers": [ { "id": "kim", "email": "kim@example.org", "topics": [ "korea" ], "since": "2017-09-01",
                                         "sendEmpty": true, "timeZone": "{{zone}}", "schedule": "{{schedule}}" } ]
                    }
                    """;
                using var worker = new WorkerFixture(subscriptions, new Dictionary<string, string?> { ["State:Path"] = Path.Combine(state.FullName, "digests.db") });
                runs.Add((await worker.RunOnceAsync(asOf), worker.PickupFiles().Length));
            }

            var digests = runs.Select(r => Assert.Single(r.Report.Digests)).ToList();
            Assert.Equal([DigestOutcome.Sent, DigestOutcome.AlreadySent, DigestOutcome.AlreadySent, DigestOutcome.Sent], digests.Select(d => d.Status));
            Assert.Equal([1, 0, 0, 1], runs.Select(r => r.Files));
            Assert.All(digests.Take(3), d => Assert.Equal(new DateOnly(2017, 9, 11), d.PeriodEnd));
            Assert.Equal((new DateOnly(2017, 9, 11), new DateOnly(2017, 9, 14)), (digests[3].PeriodStart, digests[3].PeriodEnd));
            Assert.Empty(digests[3].Events.Intersect(digests[0].Events));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            state.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_PendingDigestOfASubscriberRemovedDisabledOrReaddressed_WithdrawnNotSent()
    {
        // A digest left pending (the server was down) was sent on the next run whatever had changed since: to someone
        // removed from the list, disabled, or at the address they had left.
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Config, "subscriptions.json"));
        var maxDisabled = shipped.Replace("\"id\": \"max\",", "\"id\": \"max\", \"enabled\": false,", StringComparison.Ordinal);
        Assert.NotEqual(shipped, maxDisabled);
        using var worker = new WorkerFixture(maxDisabled);
        var set = worker.Get<DigestWorker.Subscriptions.SubscriptionsMonitor>().Current;
        string EmailOf(string id) => set.Subscribers.Single(x => x.Id == id).Email;
        var record = worker.Get<IDeliveryRecord>();
        await record.InitializeAsync(CancellationToken.None);
        PendingDigest[] pending =
        [
            DigestWorker.Tests.Delivery.TestDigests.Pending("ana") with { Email = EmailOf("ana") },
            DigestWorker.Tests.Delivery.TestDigests.Pending("max") with { Email = EmailOf("max") },
            DigestWorker.Tests.Delivery.TestDigests.Pending("lena") with { Email = "old-" + EmailOf("lena") },
            DigestWorker.Tests.Delivery.TestDigests.Pending("gone"),
        ];
        await record.TryClaimAsync([.. pending.Select(d => new DigestClaim(d, null))], CancellationToken.None);

        var report = await worker.RunOnceAsync("2017-09-11T09:00:00Z");

        var resent = report.Digests.Where(d => d.FireTime == DigestWorker.Tests.Delivery.TestDigests.FireTime).ToDictionary(d => d.Subscriber);
        Assert.Equal(DigestOutcome.Sent, resent["ana"].Status);
        Assert.Equal((DigestOutcome.Failed, "withdrawn: the subscriber was disabled before it was sent"), (resent["max"].Status, resent["max"].Error));
        Assert.Equal((DigestOutcome.Failed, "withdrawn: the subscriber's address changed before it was sent"), (resent["lena"].Status, resent["lena"].Error));
        Assert.Equal((DigestOutcome.Failed, "withdrawn: the subscriber was removed from the subscriptions before it was sent"), (resent["gone"].Status, resent["gone"].Error));
        Assert.Single(worker.PickupFiles(), f => File.ReadAllText(f).Contains(pending[0].MessageId, StringComparison.Ordinal));
        Assert.DoesNotContain(worker.PickupFiles(), f => pending[1..].Any(d => File.ReadAllText(f).Contains(d.MessageId, StringComparison.Ordinal)));
        Assert.Equal(DigestStatus.Failed, (await record.FindAsync("gone", DigestWorker.Tests.Delivery.TestDigests.FireTime, CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task RunAsync_AfterARunAsOfALaterInstant_EarlierPeriodsStillGetTheirEvents()
    {
        // A run as of Dec. 1 (a future --as-of against the real record) recorded lena's start as Nov. 17; every run as
        // of an earlier instant then selected nothing before that date: empty digests.
        using var fresh = new WorkerFixture();
        var expected = (await fresh.RunOnceAsync("2017-09-29T09:00:00Z")).Digests.Single(d => d.Subscriber == "lena");
        using var worker = new WorkerFixture();
        await worker.RunOnceAsync("2017-12-01T09:00:00Z");

        var lena = (await worker.RunOnceAsync("2017-09-29T09:00:00Z")).Digests.Single(d => d.Subscriber == "lena");

        Assert.Equal(DigestOutcome.Sent, expected.Status);
        Assert.NotEmpty(expected.Events);
        Assert.Equal(DigestOutcome.Sent, lena.Status);
        Assert.Equal(expected.Events, lena.Events);
    }

    [Fact]
    public async Task RunAsync_Twice_SecondRunSendsNothingNew()
    {
        using var worker = new WorkerFixture();
        var first = await worker.RunOnceAsync("2017-09-25T09:00:00Z");
        var files = worker.PickupFiles().Select(File.ReadAllText).ToList();

        var second = await worker.RunOnceAsync("2017-09-25T10:00:00Z");

        Assert.Equal(3, first.Count(DigestOutcome.Sent));
        Assert.Equal(3, second.Count(DigestOutcome.AlreadySent));
        Assert.Equal(0, second.Count(DigestOutcome.Sent));
        Assert.Equal(files, worker.PickupFiles().Select(File.ReadAllText));
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(first.Digests.Select(d => d.MessageId), second.Digests.Select(d => d.MessageId));
    }

    [Fact]
    public async Task RunAsync_AfterDowntime_SendsOnlyTheLatestFireTimeCoveringEverythingNotYetSent()
    {
        using var worker = new WorkerFixture();
        await worker.RunOnceAsync("2017-09-11T09:00:00Z");

        // Down for five weeks: one run catches up once, with the latest missed fire time.
        var report = await worker.RunOnceAsync("2017-10-16T09:00:00Z");

        var ana = report.Digests.Single(d => d.Subscriber == "ana");
        Assert.Equal(DigestOutcome.Sent, ana.Status);
        Assert.Equal(new DateOnly(2017, 10, 9), ana.PeriodStart);
        Assert.True(ana.Events.Count > 1);
        var planner = worker.Get<DigestPlanner>();
        var earlyEvents = planner.CurrentIndex().Overlapping("korea", new DateOnly(2017, 9, 11), new DateOnly(2017, 10, 9)).Select(x => x.Event.Id).ToList();
        Assert.NotEmpty(earlyEvents);
        Assert.All(earlyEvents, id => Assert.Contains(id, ana.Events));
        Assert.Single(worker.PickupFiles(), f => Path.GetFileName(f).StartsWith("ana_2017-10-09", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WholeSampleSpanWeekly_SendsEveryMatchingEventToEverySubscriberExactlyOnce()
    {
        using var worker = new WorkerFixture();
        var sentByRun = new List<DigestReportEntry>();
        for (var asOf = DateTimeOffset.Parse("2017-09-04T09:00:00Z"); asOf <= DateTimeOffset.Parse("2018-01-01T09:00:00Z"); asOf = asOf.AddDays(7))
        {
            var report = await worker.RunOnceAsync(asOf.ToString("o"));
            Assert.Equal(ExitCodes.Ok, report.ExitCode);
            sentByRun.AddRange(report.Digests.Where(d => d.Status == DigestOutcome.Sent));
        }

        var record = worker.Get<IDeliveryRecord>();
        var index = worker.Get<DigestPlanner>().CurrentIndex();
        foreach (var subscriber in worker.Get<DigestWorker.Subscriptions.SubscriptionsMonitor>().Current.Subscribers)
        {
            var digests = sentByRun.Where(d => d.Subscriber == subscriber.Id).ToList();
            var delivered = digests.SelectMany(d => d.Events).ToList();
            Assert.Equal(delivered.Count, delivered.Distinct().Count());
            var start = subscriber.Since ?? await record.GetSubscriberStartAsync(subscriber.Id, CancellationToken.None);
            var lastEnd = digests.Max(d => d.PeriodEnd);
            var expected = subscriber.Topics
                .SelectMany(t => index.Overlapping(t.Id, start!.Value, lastEnd))
                .Select(x => x.Event.Id).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(expected, delivered.Order(StringComparer.Ordinal));
            Assert.Equal(new HashSet<string>(delivered), await record.GetSentEventIdsAsync(subscriber.Id, CancellationToken.None));
        }

        var files = worker.PickupFiles();
        Assert.Equal(sentByRun.Count, files.Length);
        var ids = files.Select(f => MimeMessage.Load(f).MessageId).ToHashSet();
        Assert.Equal(sentByRun.Select(d => d.MessageId).ToHashSet(), ids);
    }

    [Fact]
    public async Task RunAsync_LateDocument_GoesIntoTheNextDigestOnce()
    {
        using var worker = new WorkerFixture();
        var docs = Directory.CreateDirectory(Path.Combine(worker.Root, "docs")).FullName;
        File.Copy(Path.Combine(RepoPaths.Sample, "000_38276b7c24a0592b.txt"), Path.Combine(docs, "a.txt"));
        using var late = new WorkerFixture(settings: new Dictionary<string, string?> { ["Sources:Folders:0"] = docs });
        await late.RunOnceAsync("2017-09-18T09:00:00Z");
        var lateDoc = """
            China - Russia

            Sep — Dec 2017

            Chronology of China - Russia Relations

            Sept. 12, 2017: Russia and China discuss North Korea sanctions at a late-reported meeting.
            """;
        File.WriteAllText(Path.Combine(docs, "late.txt"), lateDoc);

        var next = await late.RunOnceAsync("2017-09-25T09:00:00Z");
        var again = await late.RunOnceAsync("2017-10-02T09:00:00Z");

        var lateId = late.Get<DigestPlanner>().CurrentIndex().Catalog.Events.Single(e => e.Text.Contains("late-reported", StringComparison.Ordinal)).Id;
        Assert.Contains(lateId, next.Digests.Single(d => d.Subscriber == "ana").Events);
        Assert.DoesNotContain(again.Digests, d => d.Events.Contains(lateId));
    }
}

public sealed class DigestRunnerDeadServerTests
{
    private static readonly Dictionary<string, string?> DeadServer = new()
    {
        ["Delivery:Mode"] = "Smtp",
        ["Delivery:Smtp:Host"] = "127.0.0.1",
        ["Delivery:Smtp:Port"] = "1",
        ["Delivery:Smtp:Security"] = "None",
        ["Delivery:Retry:MaxAttempts"] = "1",
        ["Delivery:Retry:BaseDelay"] = "00:00:00.001",
        ["Delivery:Retry:MaxDelay"] = "00:00:00.001",
    };

    [Fact]
    public async Task RunAsync_DigestStillPendingNextWeek_NextDigestDoesNotRepeatItsEvents()
    {
        using var worker = new WorkerFixture(settings: DeadServer);

        var first = await worker.RunOnceAsync("2017-09-25T09:00:00Z");
        var second = await worker.RunOnceAsync("2017-10-16T09:00:00Z");

        var pendingLena = first.Digests.Single(d => d.Subscriber == "lena");
        Assert.Equal(DigestOutcome.Deferred, pendingLena.Status);
        Assert.NotEmpty(pendingLena.Events);
        var resent = second.Digests.Single(d => d.Subscriber == "lena" && d.FireTime == pendingLena.FireTime);
        Assert.Equal(DigestOutcome.Deferred, resent.Status);
        var next = second.Digests.Single(d => d.Subscriber == "lena" && d.FireTime > pendingLena.FireTime);
        Assert.NotEmpty(next.Events);
        Assert.Empty(next.Events.Intersect(pendingLena.Events));
        Assert.Equal(3, second.ExitCode);
    }
    // The delivery aborts (the server refuses the credentials) while the digests left pending by an earlier run are
    // re-sent, before this run builds anything: the report still has every due subscriber, none left out.
    [Fact]
    public async Task RunAsync_DeliveryAbortsWhileResendingPending_EveryDueSubscriberStillReported()
    {
        var state = Directory.CreateTempSubdirectory("digestworker-state-").FullName;
        try
        {
            var statePath = Path.Combine(state, "digests.db");
            List<(string, DateTimeOffset)> pending;
            using (var first = new WorkerFixture(settings: new Dictionary<string, string?>(DeadServer) { ["State:Path"] = statePath }))
            {
                pending = [.. (await first.RunOnceAsync("2017-09-25T09:00:00Z")).Digests.Where(d => d.Status == DigestOutcome.Deferred).Select(d => (d.Subscriber, d.FireTime))];
            }

            await using var server = await DigestWorker.Tests.Delivery.LoopbackSmtpServer.StartAsync(port => new DigestWorker.Tests.Delivery.LoopbackSmtpServer(port) { Password = "right" });
            var passwordFile = Path.Combine(state, "password");
            await File.WriteAllTextAsync(passwordFile, "wrong");
            using var second = new WorkerFixture(settings: new Dictionary<string, string?>
            {
                ["State:Path"] = statePath,
                ["Delivery:Mode"] = "Smtp",
                ["Delivery:Smtp:Host"] = "127.0.0.1",
                ["Delivery:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Delivery:Smtp:Security"] = "None",
                ["Delivery:Smtp:UserName"] = "digests",
                ["Delivery:Smtp:PasswordFile"] = passwordFile,
            });

            var report = await second.RunOnceAsync("2017-10-02T09:00:00Z");

            Assert.Contains(pending, p => p.Item1 == "lena");
            Assert.NotNull(report.AbortReason);
            Assert.Empty(server.Accepted);
            Assert.All(report.Digests, d => Assert.Equal(DigestOutcome.Deferred, d.Status));
            // The re-sent ones first (oldest first, as read from the record), then this run's due subscribers.
            Assert.Equal(pending.OrderBy(p => p.Item2), report.Digests.Take(pending.Count).Select(d => (d.Subscriber, d.FireTime)));
            var fresh = report.Digests.Skip(pending.Count).ToList();
            Assert.Equal(["ana", "max", "lena"], fresh.Select(d => d.Subscriber));
            Assert.All(fresh, d => Assert.True(d.FireTime > pending.Max(p => p.Item2)));
            Assert.All(fresh, d => Assert.Equal("not attempted before the run stopped; due at the next run", d.Error));
            Assert.Equal(3, report.ExitCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigestWorker.Benchmarks;

/// <summary>
/// Writes a reproducible workload: generated chronology documents (same format as the sample) and a subscriptions
/// file. Every generated entry is dated in the week Sept. 4-10, 2017 and names keywords of one or two of the shipped
/// topics (korea, energy, military). Each document is its own relationship; each subscriber follows one relationship
/// and 1-3 topics, so a digest holds about 5-20 events however large E is.
/// </summary>
internal static class Generator
{
    public const int EntriesPerDocument = 20;

    private static readonly string[] TimeZones =
    [
        "UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Seoul", "Asia/Tokyo",
        "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Africa/Nairobi", "Asia/Singapore",
    ];

    private static readonly string[] TopicIds = ["korea", "energy", "military"];

    private static readonly Dictionary<string, string[]> Phrases = new()
    {
        ["korea"] =
        [
            "the situation on the Korean Peninsula", "sanctions on North Korea", "a statement on the DPRK nuclear test",
            "the deployment of THAAD", "talks with Pyongyang", "the latest ICBM launch by North Korea",
        ],
        ["energy"] =
        [
            "a natural gas supply contract", "the new oil pipeline", "LNG deliveries from the Yamal project",
            "Gazprom investments", "coal exports", "electricity trade across the border",
        ],
        ["military"] =
        [
            "a joint naval drill", "missile defense cooperation", "the sale of S-400 air defense systems",
            "a Defense Ministry consultation", "troops taking part in an anti-terror exercise", "submarine patrols",
        ],
    };

    private static readonly string[] Syllables =
    [
        "ka", "lo", "ra", "mi", "ne", "to", "va", "sa", "ri", "do", "ben", "tar", "gal", "mor", "vel", "dan", "zor", "lin",
        "fa", "ques", "ther", "pol", "ni", "ur", "es", "an", "ol", "bri", "cas", "del",
    ];

    private static readonly string[] FirstNames = ["Ana", "Max", "Lena", "Ivan", "Mei", "Omar", "Sara", "Jon", "Yuki", "Priya", "Lars", "Nia", "Tom", "Ines", "Kofi", "Hana"];
    private static readonly string[] LastNames = ["Kim", "Vogel", "Ortiz", "Petrov", "Chen", "Haddad", "Silva", "Berg", "Sato", "Rao", "Nilsen", "Mensah", "Novak", "Costa", "Weber", "Park"];
    private static readonly string[] Cities = ["the capital", "Vladivostok", "Harbin", "Xiamen", "a border city", "the port", "Geneva", "Astana"];
    private static readonly string[] Actors = ["Foreign ministers", "Deputy prime ministers", "Senior officials", "Trade delegations", "Working groups", "Parliamentary delegations"];

    public static void Run(int subscribers, int events, int seed, string outDir, string sampleFolder, string configFolder)
    {
        var random = new Random(seed);
        var docsDir = Path.Combine(outDir, "chronologies");
        var configDir = Path.Combine(outDir, "config");
        if (Directory.Exists(docsDir))
        {
            Directory.Delete(docsDir, recursive: true);
        }

        Directory.CreateDirectory(docsDir);
        Directory.CreateDirectory(configDir);
        foreach (var sample in Directory.EnumerateFiles(sampleFolder, "*.txt"))
        {
            File.Copy(sample, Path.Combine(docsDir, Path.GetFileName(sample)), overwrite: true);
        }

        // Generated documents: E entries in documents of 20 (the last may be shorter).
        var titles = new List<string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "China", "Russia" };
        var documents = (events + EntriesPerDocument - 1) / EntriesPerDocument;
        for (var d = 0; d < documents; d++)
        {
            var a = Country(random, used);
            var b = Country(random, used);
            var title = $"{a} - {b}";
            titles.Add(title);
            var count = Math.Min(EntriesPerDocument, events - (d * EntriesPerDocument));
            File.WriteAllText(Path.Combine(docsDir, $"gen_{d:D6}.txt"), Document(random, a, b, count), new UTF8Encoding(false));
        }

        // Subscriptions: the shipped topics, S generated subscribers.
        var shipped = JsonNode.Parse(
            File.ReadAllText(Path.Combine(configFolder, "subscriptions.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var list = new JsonArray();
        for (var i = 0; i < subscribers; i++)
        {
            var topics = TopicIds.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToArray();
            // About 1 % follow the sample's relationship; the others one generated relationship.
            var relationship = titles.Count == 0 || random.Next(100) == 0 ? "China - Russia" : titles[random.Next(titles.Count)];
            var sub = new JsonObject
            {
                ["id"] = $"s{i:D6}",
                ["name"] = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
                ["email"] = $"s{i:D6}@example.org",
                ["topics"] = new JsonArray([.. topics.Select(t => (JsonNode)JsonValue.Create(t))]),
                ["timeZone"] = TimeZones[random.Next(TimeZones.Length)],
                ["relationships"] = new JsonArray(JsonValue.Create(relationship)),
            };
            if (random.Next(5) == 0)
            {
                sub["format"] = "text";
            }

            list.Add(sub);
        }

        var doc = new JsonObject { ["topics"] = shipped["topics"]!.DeepClone(), ["subscribers"] = list };
        File.WriteAllText(Path.Combine(configDir, "subscriptions.json"), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), new UTF8Encoding(false));
        File.Copy(Path.Combine(configFolder, "appsettings.json"), Path.Combine(configDir, "appsettings.json"), overwrite: true);
        var schema = Path.Combine(configFolder, "subscriptions.schema.json");
        if (File.Exists(schema))
        {
            File.Copy(schema, Path.Combine(configDir, "subscriptions.schema.json"), overwrite: true);
        }

        Console.WriteLine(JsonSerializer.Serialize(new { subscribers, events, documents, seed, folder = outDir }));
    }

    private static string Country(Random random, HashSet<string> used)
    {
        while (true)
        {
            var n = 2 + random.Next(2);
            var sb = new StringBuilder();
            for (var i = 0; i < n; i++)
            {
                sb.Append(Syllables[random.Next(Syllables.Length)]);
            }

            sb[0] = char.ToUpperInvariant(sb[0]);
            var name = sb.ToString();
            if (used.Add(name))
            {
                return name;
            }
        }
    }

    private static string Document(Random random, string a, string b, int count)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{a} - {b}\n\nSep — Dec 2017\n\n");
        sb.Append("Overview\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Relations between {a} and {b} continued along familiar lines in the final months of the year. Officials on both sides described the talks as frank and constructive, and agreed to keep in close contact.\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Chronology of {a} - {b} Relations\n\nSeptember — December 2017\n\n");
        var entries = new List<(int Start, string Line)>();
        for (var i = 0; i < count; i++)
        {
            var start = 4 + random.Next(7);
            var end = random.Next(4) == 0 ? Math.Min(10, start + 1 + random.Next(2)) : start;
            var date = end > start ? $"Sept. {start}-{end}, 2017" : $"Sept. {start}, 2017";
            var topic = TopicIds[random.Next(TopicIds.Length)];
            var about = Pick(random, Phrases[topic]);
            if (random.Next(4) == 0)
            {
                var second = TopicIds[(Array.IndexOf(TopicIds, topic) + 1 + random.Next(2)) % TopicIds.Length];
                about += " as well as " + Pick(random, Phrases[second]);
            }

            entries.Add((start, $"{date}: {Pick(random, Actors)} of {a} and {b} meet in {Pick(random, Cities)} to discuss {about}. Meeting {i + 1} of the series, both sides agree to continue consultations."));
        }

        foreach (var (_, line) in entries.OrderBy(e => e.Start))
        {
            sb.Append(line).Append("\n\n");
        }

        return sb.ToString();
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}

using MimeKit;

namespace DigestWorker.FaultTests.Support;

/// <summary>What arrived at the server, compared with the delivery record: lost digests and duplicates.</summary>
internal sealed record Delivered(int Lost, int Duplicates, int Phantoms, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Lost: a record row (sent, with events) whose Message-ID never arrived. Duplicates: arrivals beyond the first per
    /// Message-ID. Problems: a recipient that got two different Message-IDs, a message with a Message-ID unknown to the record.
    /// </summary>
    public static Delivered Compare(IReadOnlyList<MimeMessage> messages, IReadOnlyList<HistoryRow> rows)
    {
        var problems = new List<string>();
        var byId = messages.GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var duplicates = byId.Values.Sum(g => g.Count - 1);
        foreach (var (id, group) in byId)
        {
            var recipients = group.Select(m => string.Join(",", m.To.Mailboxes.Select(x => x.Address))).Distinct().ToList();
            if (recipients.Count != 1)
            {
                problems.Add($"Message-ID {id} went to several recipient sets: {string.Join(" | ", recipients)}");
            }
        }

        foreach (var perRecipient in messages.GroupBy(m => string.Join(",", m.To.Mailboxes.Select(x => x.Address))))
        {
            var ids = perRecipient.Select(m => m.MessageId).Distinct().ToList();
            if (ids.Count != 1)
            {
                problems.Add($"{perRecipient.Key} got {ids.Count} different Message-IDs: {string.Join(", ", ids)}");
            }
        }

        var recorded = rows.Select(r => r.MessageId).ToHashSet(StringComparer.Ordinal);
        var phantoms = byId.Keys.Count(id => !recorded.Contains(id));
        if (phantoms > 0)
        {
            problems.Add($"{phantoms} Message-IDs arrived that the record does not know");
        }

        var lost = rows.Count(r => r.Events.Count > 0 && !byId.ContainsKey(r.MessageId));
        return new Delivered(lost, duplicates, phantoms, problems);
    }
}

namespace DigestWorker.Subscriptions;

/// <summary>A validated subscriptions file: topics by id and subscribers in file order.</summary>
public sealed class SubscriptionSet
{
    public SubscriptionSet(string file, IReadOnlyList<Topic> topics, IReadOnlyList<Subscriber> subscribers)
    {
        File = file;
        Topics = topics;
        Subscribers = subscribers;
        TopicsById = topics.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public string File { get; }

    public IReadOnlyList<Topic> Topics { get; }

    public IReadOnlyDictionary<string, Topic> TopicsById { get; }

    public IReadOnlyList<Subscriber> Subscribers { get; }

    public Subscriber? Find(string id) => Subscribers.FirstOrDefault(s => s.Id == id);
}

using System.Text.Json.Serialization;

namespace DigestWorker.Subscriptions;

/// <summary>The shape of <c>subscriptions.json</c> as people write it (see <c>subscriptions.schema.json</c>).</summary>
internal sealed class SubscriptionsDocument
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public List<TopicEntry>? Topics { get; set; }

    public List<SubscriberEntry>? Subscribers { get; set; }

    internal sealed class TopicEntry
    {
        public string? Id { get; set; }

        public string? Label { get; set; }

        public List<string>? Keywords { get; set; }

        public List<string>? Exclude { get; set; }
    }

    internal sealed class SubscriberEntry
    {
        public string? Id { get; set; }

        public string? Email { get; set; }

        public string? Name { get; set; }

        public List<string>? Topics { get; set; }

        public string? TimeZone { get; set; }

        public string? Schedule { get; set; }

        public string? Since { get; set; }

        public bool? Enabled { get; set; }

        public List<string>? Relationships { get; set; }

        public string? Format { get; set; }

        public string? TemplateSet { get; set; }

        public bool? SendEmpty { get; set; }
    }
}

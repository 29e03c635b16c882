using System.ComponentModel.DataAnnotations;

namespace DigestWorker.Delivery;

/// <summary>The digest list as mail clients see it: List-Id, List-Unsubscribe and the footer line. Section <c>MailingList</c>.</summary>
public sealed class MailingListOptions
{
    public const string SectionName = "MailingList";

    /// <summary>Human name of the list, shown in the footer and List-Id. Default "DigestWorker digests".</summary>
    [Required]
    public string Name { get; set; } = "DigestWorker digests";

    /// <summary>List-Id identifier (a dotted name). Default <c>digests.digestworker.localhost</c>.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]+$", ErrorMessage = "MailingList:Id must be a dotted name such as digests.example.org.")]
    public string Id { get; set; } = "digests.digestworker.localhost";

    /// <summary>Unsubscribe address (https or mailto); <c>{subscriber}</c> and <c>{email}</c> are replaced, URL-encoded. Optional.</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>Where a subscriber manages topics and schedule; shown in the footer. Optional.</summary>
    public string? ManageUrl { get; set; }

    /// <summary>Returns <see cref="UnsubscribeUrl"/> for one subscriber, or null when none is set.</summary>
    public string? UnsubscribeFor(string subscriberId, string email) => Substitute(UnsubscribeUrl, subscriberId, email);

    /// <summary>Returns <see cref="ManageUrl"/> for one subscriber, or null when none is set.</summary>
    public string? ManageFor(string subscriberId, string email) => Substitute(ManageUrl, subscriberId, email);

    private static string? Substitute(string? template, string subscriberId, string email) =>
        string.IsNullOrWhiteSpace(template)
            ? null
            : template.Replace("{subscriber}", Uri.EscapeDataString(subscriberId), StringComparison.Ordinal)
                      .Replace("{email}", Uri.EscapeDataString(email), StringComparison.Ordinal);
}

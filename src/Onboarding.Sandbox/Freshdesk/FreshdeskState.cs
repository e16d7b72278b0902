using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>The whole emulated helpdesk as a plain graph that System.Text.Json can save and restore.</summary>
public sealed class FreshdeskState
{
    public long NextContactId { get; set; }

    public long NextCompanyId { get; set; }

    public long NextTicketId { get; set; }

    public long NextConversationId { get; set; }

    public List<ContactRecord> Contacts { get; set; } = [];

    public List<CompanyRecord> Companies { get; set; } = [];

    public List<TicketRecord> Tickets { get; set; } = [];

    public List<ConversationRecord> Conversations { get; set; } = [];

    /// <summary>
    /// The custom company fields defined in the helpdesk (setup may add some); null in a state kept before they were
    /// part of it, which then has the seed's.
    /// </summary>
    public List<CompanyFieldRecord>? CompanyFields { get; set; }

    /// <summary>What the (lagging) search index holds: a copy of each ticket version and when it becomes searchable.</summary>
    public List<SearchIndexEntry> SearchIndex { get; set; } = [];
}

/// <summary>A custom company field: its name, the label it was created with, its type (text, paragraph, url, number, checkbox, date) and id.</summary>
public sealed class CompanyFieldRecord
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string Label { get; set; } = "";

    public string Type { get; set; } = "text";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A contact, with the API's field names.</summary>
public sealed class ContactRecord
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Mobile { get; set; }

    public string? TwitterId { get; set; }

    public string? UniqueExternalId { get; set; }

    public long? CompanyId { get; set; }

    public List<string> OtherEmails { get; set; } = [];

    public string? JobTitle { get; set; }

    public string? Description { get; set; }

    public string? Address { get; set; }

    public string Language { get; set; } = "en";

    public string TimeZone { get; set; } = "Eastern Time (US & Canada)";

    /// <summary>False until the contact verifies their email; contacts made through the API start unverified.</summary>
    public bool Active { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deleted { get; set; }

    public bool ViewAllTickets { get; set; }

    public List<string> Tags { get; set; } = [];

    public Dictionary<string, JsonNode?> CustomFields { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A company, with the API's field names.</summary>
public sealed class CompanyRecord
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string? Note { get; set; }

    public List<string> Domains { get; set; } = [];

    public string? HealthScore { get; set; }

    public string? AccountTier { get; set; }

    public string? RenewalDate { get; set; }

    public string? Industry { get; set; }

    public Dictionary<string, JsonNode?> CustomFields { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A ticket, with the API's field names.</summary>
public sealed class TicketRecord
{
    public long Id { get; set; }

    public string Subject { get; set; } = "";

    public string? Description { get; set; }

    public string? DescriptionText { get; set; }

    public int Status { get; set; }

    public int Priority { get; set; }

    public int Source { get; set; }

    public string? Type { get; set; }

    public long RequesterId { get; set; }

    public long? ResponderId { get; set; }

    public long? GroupId { get; set; }

    public long? CompanyId { get; set; }

    public long? EmailConfigId { get; set; }

    public long? ProductId { get; set; }

    public List<string> CcEmails { get; set; } = [];

    public List<string> FwdEmails { get; set; } = [];

    public List<string> ReplyCcEmails { get; set; } = [];

    public List<string>? ToEmails { get; set; }

    public List<string> Tags { get; set; } = [];

    public Dictionary<string, JsonNode?> CustomFields { get; set; } = [];

    public bool FrEscalated { get; set; }

    public bool IsEscalated { get; set; }

    public bool Spam { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deleted { get; set; }

    public DateTimeOffset? DueBy { get; set; }

    public DateTimeOffset? FrDueBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<JsonNode?> Attachments { get; set; } = [];
}

/// <summary>A reply (source 0) or note (source 2) on a ticket.</summary>
public sealed class ConversationRecord
{
    public long Id { get; set; }

    public long TicketId { get; set; }

    public string Body { get; set; } = "";

    public string BodyText { get; set; } = "";

    public bool Incoming { get; set; }

    public bool Private { get; set; }

    public long UserId { get; set; }

    public string? SupportEmail { get; set; }

    public int Source { get; set; }

    public int Category { get; set; }

    public List<string> ToEmails { get; set; } = [];

    public string? FromEmail { get; set; }

    public List<string> CcEmails { get; set; } = [];

    public List<string> BccEmails { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<JsonNode?> Attachments { get; set; } = [];
}

/// <summary>One indexed version of a ticket: search sees the newest version whose <see cref="VisibleAt"/> has passed.</summary>
public sealed class SearchIndexEntry
{
    public long TicketId { get; set; }

    public DateTimeOffset VisibleAt { get; set; }

    public TicketRecord Ticket { get; set; } = new();
}

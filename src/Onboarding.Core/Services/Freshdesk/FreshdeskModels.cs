namespace Onboarding.Core.Services.Freshdesk;

public sealed record FreshdeskContact(long Id, string Name, string? Email, long? CompanyId, IReadOnlyList<string> Tags)
{
    /// <summary>When the contact last changed (<c>updated_at</c>); null when the answer lacks it.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>What onboarding sets on a contact. Null <see cref="CompanyId"/> / <see cref="Tags"/> leave them as they are on update.</summary>
public sealed record FreshdeskContactInput(string Name, string Email)
{
    public long? CompanyId { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>A company; custom field values as text (null when unset).</summary>
public sealed record FreshdeskCompany(long Id, string Name, IReadOnlyDictionary<string, string?> CustomFields)
{
    /// <summary>When anything of the company last changed (Freshdesk keeps no history per field); null when not given.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

public enum FreshdeskTicketStatus
{
    Open = 2,
    Pending = 3,
    Resolved = 4,
    Closed = 5,
}

public enum FreshdeskTicketPriority
{
    Low = 1,
    Medium = 2,
    High = 3,
    Urgent = 4,
}

public sealed record FreshdeskTicket(
    long Id,
    string Subject,
    FreshdeskTicketStatus Status,
    long RequesterId,
    long? CompanyId,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> CcEmails,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A ticket to open: one requester, the other recipients in copy.</summary>
public sealed record FreshdeskNewTicket(string RequesterEmail, string Subject, string HtmlDescription)
{
    /// <summary>Used when the requester is not yet a contact.</summary>
    public string? RequesterName { get; init; }

    public IReadOnlyList<string> CcEmails { get; init; } = [];

    /// <summary>Each at most 32 characters (Freshdesk refuses longer ones).</summary>
    /// <remarks>No company is sent: setting a ticket's company needs the Multiple Companies feature (Estate plan and
    /// above); without it Freshdesk files the ticket under the requester's company.</remarks>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public FreshdeskTicketPriority Priority { get; init; } = FreshdeskTicketPriority.Low;
}

/// <summary>An email sent from the support mailbox <see cref="EmailConfigId"/>.</summary>
public sealed record FreshdeskOutboundEmail(string ToEmail, string Subject, string HtmlBody, long EmailConfigId)
{
    /// <summary>Used when the recipient is not yet a contact.</summary>
    public string? ToName { get; init; }

    public IReadOnlyList<string> CcEmails { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public FreshdeskTicketStatus Status { get; init; } = FreshdeskTicketStatus.Closed;
}

public sealed record FreshdeskNote(long Id, long TicketId, bool Private, DateTimeOffset CreatedAt);

/// <summary>A note or reply on a ticket, with its HTML body and the plain text Freshdesk derives from it.</summary>
public sealed record FreshdeskConversation(long Id, bool Private, string Body, string BodyText);

/// <summary>Whose tickets to list: one of a requester (by id or email) or a company.</summary>
public sealed record FreshdeskTicketScope
{
    public long? RequesterId { get; init; }

    /// <summary>The requester's contact is looked up first: Freshdesk answers 400, not an empty list, when asked for
    /// the tickets of an email that is no contact. No contact, no tickets.</summary>
    public string? RequesterEmail { get; init; }

    public long? CompanyId { get; init; }

    /// <summary>Without it, Freshdesk lists only tickets created in the last 30 days.</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    public static FreshdeskTicketScope Requester(string email) => new() { RequesterEmail = email };

    public static FreshdeskTicketScope Requester(long contactId) => new() { RequesterId = contactId };

    public static FreshdeskTicketScope Company(long companyId) => new() { CompanyId = companyId };
}

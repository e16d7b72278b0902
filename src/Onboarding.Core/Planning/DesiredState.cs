using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

public sealed record DesiredContact(string Email, string FirstName, string LastName, string? GitHub, IReadOnlyList<string> Labels);

/// <summary>What the services should hold for one community, computed from its manifest alone (plus deal facts).</summary>
public sealed record DesiredCommunity(
    string Name,
    string ManifestPath,
    IReadOnlyDictionary<string, string> HubSpotProperties,
    IReadOnlyList<DesiredContact> Contacts,
    IReadOnlyList<string> Deals,
    IReadOnlyDictionary<string, string> FreshdeskCompanyFields,
    IReadOnlyList<TurnupIssue> Issues,
    IReadOnlyList<Assumption> Assumptions,
    IReadOnlyList<Blocker> Blockers,
    MissingInformationRequest? MissingInformation)
{
    /// <summary>Messages due now: the hub-available email of each recently deployed hub.</summary>
    public IReadOnlyList<DesiredEmail> Emails { get; init; } = [];

    /// <summary>Whom missing-information requests go to (the first representative), so open ones can be found.</summary>
    public string? RequestRecipient { get; init; }

    /// <summary>Deliveries to tell BD about: one per recently deployed hub.</summary>
    public IReadOnlyList<DesiredDelivery> Deliveries { get; init; } = [];

    /// <summary>Issues that are due but cannot be opened (no template, or one that cannot carry the answers), in words.</summary>
    public IReadOnlyList<string> TurnupProblems { get; init; } = [];
}

/// <summary>An email sent once through Freshdesk (outbound), keyed by its tag: "your hub is ready".</summary>
/// <param name="Tag">The email's idempotency key, short enough for Freshdesk (<see cref="HelpdeskTags"/>).</param>
public sealed record DesiredEmail(string Tag, string Hub, string To, IReadOnlyList<string> Cc, string Subject, string HtmlBody)
{
    /// <summary>The readable key, written in the email; earlier versions tagged the email with it.</summary>
    public string Key { get; init; } = Tag;

    /// <summary>Whether a ticket with these tags is this email, under either scheme.</summary>
    public bool SentAs(IReadOnlySet<string> tags) => tags.Contains(Tag) || tags.Contains(Key);
}

/// <summary>
/// Telling BD a hub was delivered: a HubSpot note on the community and its deals, and a comment on the hub's phase 3
/// issue that mentions the BD team. The comment carries <see cref="Marker"/> (a hidden HTML comment); the note carries
/// <see cref="NoteKey"/> as visible text, because HubSpot sanitises note bodies and may drop an HTML comment.
/// </summary>
/// <param name="NoteKey">The marker's text without the comment markup: what finds the note again.</param>
public sealed record DesiredDelivery(string Hub, string Marker, string NoteKey, string NoteBody, string CommentBody, DateOnly Day)
{
    /// <summary>Whether a note's body is this delivery's note: it has the key, as visible text or (an older note) inside the marker.</summary>
    public bool IsNote(string? body) => body?.Contains(NoteKey, StringComparison.Ordinal) == true;
}

/// <summary>The one Freshdesk ticket that asks the representatives for exactly what is missing.</summary>
/// <param name="Tag">Stable per community and per set of missing items: the ticket's idempotency key (<see cref="HelpdeskTags"/>).</param>
public sealed record MissingInformationRequest(string Tag, string Subject, string HtmlBody, IReadOnlyList<string> To, IReadOnlyList<Blocker> Items)
{
    /// <summary>The readable key, written in the ticket; earlier versions tagged the ticket with it.</summary>
    public string Key { get; init; } = Tag;

    /// <summary>Whether a ticket with these tags asked for this set, under either scheme.</summary>
    public bool AskedBy(IReadOnlySet<string> tags) => tags.Contains(Tag) || tags.Contains(Key);
}

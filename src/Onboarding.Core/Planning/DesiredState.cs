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
public sealed record DesiredEmail(string Tag, string Hub, string To, IReadOnlyList<string> Cc, string Subject, string HtmlBody);

/// <summary>
/// Telling BD a hub was delivered: a HubSpot note on the community and its deals, and a comment on the hub's phase 3
/// issue that mentions the BD team. Each carries <see cref="Marker"/> so a re-run finds it.
/// </summary>
public sealed record DesiredDelivery(string Hub, string Marker, string NoteBody, string CommentBody, DateOnly Day);

/// <summary>The one Freshdesk ticket that asks the representatives for exactly what is missing.</summary>
/// <param name="Tag">Stable per community and per set of missing items: the ticket's idempotency key.</param>
public sealed record MissingInformationRequest(string Tag, string Subject, string HtmlBody, IReadOnlyList<string> To, IReadOnlyList<Blocker> Items)
{
    /// <summary>Every request of one community carries a tag starting with this, whatever the set it asks for.</summary>
    public static string TagPrefix(string community) => $"onboarding-missing-{community}-";
}

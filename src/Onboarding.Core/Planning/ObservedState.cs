using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

public sealed record ObservedContact(string Id, string Email, IReadOnlyDictionary<string, string?> Properties)
{
    /// <summary>The name properties' writes, newest first, as HubSpot's history gives them; empty when not read (a listing, offline).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PropertyWrite>> History { get; init; } = new Dictionary<string, IReadOnlyList<PropertyWrite>>();
}

public sealed record ObservedIssue(int Number, string Title, string Body, bool Open, IReadOnlyList<string> Labels, Uri Url)
{
    /// <summary>What the issue's marker says; null for an issue found some other way.</summary>
    public IssueMarker? Marker { get; init; }

    /// <summary>How the plan names it: by number when it is known (not offline).</summary>
    public string Reference => Number > 0 ? $"#{Number}" : $"\"{Title}\"";

    /// <summary>GitHub's node id of the issue (what a project adds); null when not read.</summary>
    public string? NodeId { get; init; }
}

public sealed record ObservedCompany(long? Id, string Name, IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>When the company last changed (Freshdesk's <c>updated_at</c>); null when not read (offline).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>A missing-information request still open (or pending) in Freshdesk.</summary>
public sealed record ObservedRequest(long Id, IReadOnlyList<string> Tags);

public sealed record ObservedHelpdeskContact(long? Id, string Email, string Name, long? CompanyId)
{
    /// <summary>When the contact last changed (Freshdesk's <c>updated_at</c>); null when not read (offline).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>
/// What the services hold for one community, as far as onboarding cares. Read live (read requests only) or, offline,
/// derived from the base branch's manifest as if it had been applied.
/// </summary>
public sealed record ObservedCommunity
{
    public static ObservedCommunity Empty { get; } = new();

    /// <summary>The HubSpot Community record's id; null when it does not exist yet.</summary>
    public string? CommunityId { get; init; }

    public IReadOnlyDictionary<string, string?> CommunityProperties { get; init; } = new Dictionary<string, string?>();

    /// <summary>Each Community property's writes, newest first, as HubSpot's history gives them; empty when not read (offline).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PropertyWrite>> CommunityHistory { get; init; } = new Dictionary<string, IReadOnlyList<PropertyWrite>>();

    /// <summary>HubSpot contacts by lower-case email: the desired ones that exist and the ones associated now.</summary>
    public IReadOnlyDictionary<string, ObservedContact> Contacts { get; init; } = new Dictionary<string, ObservedContact>();

    /// <summary>Association labels between the community and each contact, by lower-case email.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ContactLabels { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlySet<string> AssociatedDeals { get; init; } = new HashSet<string>();

    public ObservedCompany? Company { get; init; }

    /// <summary>Freshdesk contacts by lower-case email.</summary>
    public IReadOnlyDictionary<string, ObservedHelpdeskContact> HelpdeskContacts { get; init; } = new Dictionary<string, ObservedHelpdeskContact>();

    /// <summary>Turnup and decommission issues found by their marker, by <see cref="IssueMarker.Key"/> (issues opened one
    /// set per hub by their old key, <see cref="IssueMarker.LegacyKey"/>).</summary>
    public IReadOnlyDictionary<string, ObservedIssue> Issues { get; init; } = new Dictionary<string, ObservedIssue>();

    /// <summary>
    /// One sentence per issue or comment that carries one of the community's markers but was written by another account
    /// than the token's: it is not onboarding's, so it is ignored, and the plan says so.
    /// </summary>
    public IReadOnlyList<string> IgnoredMarkers { get; init; } = [];

    /// <summary>Markers of the delivery notes on the community in HubSpot.</summary>
    public IReadOnlySet<string> DeliveryNotes { get; init; } = new HashSet<string>();

    /// <summary>Markers of the delivery comments on the turnup issues.</summary>
    public IReadOnlySet<string> DeliveryComments { get; init; } = new HashSet<string>();

    /// <summary>The community's missing-information requests that are still open.</summary>
    public IReadOnlyList<ObservedRequest> OpenRequests { get; init; } = [];

    /// <summary>Tags of the Freshdesk tickets the program opened for this community.</summary>
    public IReadOnlySet<string> TicketTags { get; init; } = new HashSet<string>();

    /// <summary>The configured project as read; null without one (or offline).</summary>
    public ObservedBoard? Board { get; init; }

    /// <summary>The turnup issues' items on the project, by <see cref="IssueMarker.Key"/>.</summary>
    public IReadOnlyDictionary<string, ObservedBoardItem> BoardItems { get; init; } = new Dictionary<string, ObservedBoardItem>();

    /// <summary>The state the services would be in had <paramref name="applied"/> been applied: the offline baseline.</summary>
    public static ObservedCommunity AsApplied(DesiredCommunity? applied)
    {
        if (applied is null)
            return Empty;
        return new ObservedCommunity
        {
            CommunityId = $"({applied.Name})",
            CommunityProperties = applied.HubSpotProperties.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal),
            Contacts = applied.Contacts.ToDictionary(c => c.Email, c => new ObservedContact($"({c.Email})", c.Email, ContactProperties(c)), StringComparer.Ordinal),
            ContactLabels = applied.Contacts.ToDictionary(c => c.Email, c => c.Labels, StringComparer.Ordinal),
            AssociatedDeals = applied.Deals.ToHashSet(StringComparer.Ordinal),
            Company = new ObservedCompany(null, applied.Name, applied.FreshdeskCompanyFields.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal)),
            HelpdeskContacts = applied.Contacts.ToDictionary(c => c.Email, c => new ObservedHelpdeskContact(null, c.Email, FullName(c), null), StringComparer.Ordinal),
            Issues = applied.Issues.ToDictionary(i => i.Key, i => new ObservedIssue(0, i.Title, i.Body, true, i.Labels, new Uri("https://github.invalid/")) { Marker = i.Id }, StringComparer.Ordinal),
            // Applied, each issue was put on the board; where it went since is people's business.
            BoardItems = applied.Issues.ToDictionary(i => i.Key, _ => new ObservedBoardItem("", false, "(as applied)", null), StringComparer.Ordinal),
            DeliveryNotes = applied.Deliveries.Select(d => d.Marker).ToHashSet(StringComparer.Ordinal),
            DeliveryComments = applied.Deliveries.Select(d => d.Marker).ToHashSet(StringComparer.Ordinal),
            OpenRequests = applied.MissingInformation is { } asked ? [new ObservedRequest(0, [asked.Tag])] : [],
            TicketTags = new HashSet<string>(
                applied.Emails.Select(e => e.Tag).Concat(applied.MissingInformation is { } request ? [request.Tag] : []), StringComparer.Ordinal),
        };
    }

    /// <summary>The phase 3 issue that set the hub up (the oldest, should there be several), or null.</summary>
    public ObservedIssue? HubSetupIssue(string hub) =>
        Issues.Values
            .Where(i => i.Marker is { Phase: TurnupPhase.HubSetup } marker && marker.Hubs.Contains(hub, StringComparer.Ordinal))
            .OrderBy(i => i.Marker!.IsLegacy)
            .ThenBy(i => i.Number)
            .FirstOrDefault();

    /// <summary>The HubSpot contact properties onboarding sets.</summary>
    public static IReadOnlyDictionary<string, string?> ContactProperties(DesiredContact contact) => new SortedDictionary<string, string?>(StringComparer.Ordinal)
    {
        ["email"] = contact.Email,
        ["firstname"] = contact.FirstName,
        ["lastname"] = contact.LastName,
    };

    public static string FullName(DesiredContact contact) => contact.LastName.Length == 0 ? contact.FirstName : $"{contact.FirstName} {contact.LastName}";
}

/// <summary>Reads what the services hold, with read requests only: plan never writes.</summary>
public interface IObservedStateReader
{
    /// <summary>Each deal with its stage label (resolved through the deal pipelines); a missing deal has <c>Exists = false</c>.</summary>
    Task<IReadOnlyList<DealFact>> ReadDealsAsync(IReadOnlyList<string> dealIds, CancellationToken cancellationToken = default);

    Task<ObservedCommunity> ReadAsync(DesiredCommunity desired, CancellationToken cancellationToken = default);

    /// <summary>
    /// The next <see cref="ReadAsync"/> of <paramref name="community"/> reads what may have been read once for the
    /// whole run (the turnup issues of <c>apply --all</c>) afresh, so it sees what this run has just written for it.
    /// </summary>
    void ReadAfresh(string community)
    {
    }
}

using Onboarding.Core.Configurator;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Planning;

/// <summary>Where a value in the plan came from: the manifest, the configurator link, or a stated default.</summary>
public enum Provenance
{
    Manifest,
    Configurator,
    Default,
}

/// <summary>A value together with where it came from; defaults are shown as assumptions.</summary>
public sealed record Sourced<T>(T Value, Provenance From)
{
    public bool IsAssumed => From == Provenance.Default;
}

/// <summary>A default the plan chose because the manifest did not say; can be changed after deployment.</summary>
/// <param name="Field">The manifest field that would state it, e.g. <c>cloud.region</c> or <c>hubs[0].resources</c>.</param>
public sealed record Assumption(string Field, string Value, string Why);

/// <summary>Information whose absence blocks part of the turnup; asked of the community representatives.</summary>
/// <param name="Question">Plain words for the community: what we need from them.</param>
/// <param name="Gate">True when nothing may open at all (no deal in an allowed stage); false when issues open NOT READY.</param>
public sealed record Blocker(string Field, string Question, bool Gate = false);

/// <summary>What we know of a deal: its stage label when the services were read, null when offline.</summary>
public sealed record DealFact(string Id, string? Name, string? StageLabel, bool Exists, bool InAllowedStage);

/// <summary>The cloud after defaults.</summary>
public sealed record ResolvedCloud(
    Sourced<string> Provider,
    Sourced<string> Region,
    Sourced<string> Account,
    Sourced<string> Billing,
    string? AccountName);

/// <summary>One hub after defaults: what the turnup issues say.</summary>
public sealed record ResolvedHub(
    Hub Hub,
    int Index,
    Sourced<string> AuthMethod,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Institutions,
    IReadOnlyList<string> Admins,
    Sourced<IReadOnlyList<string>> Resources,
    Sourced<bool> Dask,
    Sourced<bool> Gpu,
    Sourced<bool> ScratchBucket,
    Sourced<bool> PersistentBucket,
    string ResourceChoicesYaml);

/// <summary>Everything the turnup issues of one community are rendered from.</summary>
public sealed record TurnupFacts(
    Community Community,
    string ManifestPath,
    ResolvedCloud Cloud,
    IReadOnlyList<DealFact> Deals,
    ConfiguratorSelections? Configurator,
    IReadOnlyList<Assumption> Assumptions,
    IReadOnlyList<Blocker> Blockers,
    OnboardingSettings Settings);

/// <summary>One New Hub Turnup issue, fully rendered.</summary>
/// <param name="Marker">The hidden HTML comment that lets a re-run find the issue, e.g.
/// <c>&lt;!-- onboarding:turnup community=tidepool hub=prod phase=1 --&gt;</c>.</param>
public sealed record TurnupIssue(string Community, string Hub, int Phase, string Title, string Body, IReadOnlyList<string> Labels, string Marker, bool Ready)
{
    public string Key => KeyFor(Community, Hub, Phase);

    public static string KeyFor(string community, string hub, int phase) => $"github:issue:{community}:{hub}:phase-{phase}";
}

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

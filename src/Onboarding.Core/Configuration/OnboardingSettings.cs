using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Configuration;

/// <summary>
/// What differs between organisations that use this program. Defaults match the sandbox; a real installation sets
/// them in its configuration file.
/// </summary>
public sealed record OnboardingSettings
{
    public HubSpotSettings HubSpot { get; init; } = new();

    public FreshdeskSettings Freshdesk { get; init; } = new();

    public GitHubSettings GitHub { get; init; } = new();

    public TurnupSettings Turnup { get; init; } = new();

    /// <summary>User names that never count towards First Value.</summary>
    public IReadOnlyList<string> StaffUsers { get; init; } = ["deployment-service-check"];

    /// <summary>Where each community's hubs' Prometheus is (a template with {community} and {hub}); null skips the First Value check.</summary>
    public PrometheusAddress? PrometheusUrl { get; init; }

    /// <summary>
    /// The communities whose Prometheus the organisation runs itself, which get the shared login (PROMETHEUS_USERNAME,
    /// PROMETHEUS_PASSWORD); every other community's Prometheus gets only its own login, or is not asked.
    /// </summary>
    public IReadOnlyList<string> PrometheusSharedLogin { get; init; } = [];

    /// <summary>The engagement dashboard; each community's Freshdesk company links to it. Null leaves the field empty.</summary>
    public Uri? GrafanaUrl { get; init; }

    /// <summary>
    /// How long one run may take (<c>run_minutes</c>): with the services' limits and this program's share of them, it
    /// makes each run's request budget (<see cref="ServiceBudget"/>).
    /// </summary>
    public int RunMinutes { get; init; } = 50;

    /// <summary>The dashboard filtered to one community, or null without a dashboard.</summary>
    public string? GrafanaUrlFor(string community) =>
        GrafanaUrl is null ? null : $"{GrafanaUrl}?var-community={Uri.EscapeDataString(community)}";

    /// <summary>
    /// Fields the manifests own (<see cref="ServiceFields"/> names, such as <c>hubspot.long_name</c>): apply puts the
    /// manifest's value back even over a hand edit. Every other field edited by hand is reported and left alone.
    /// </summary>
    public IReadOnlyList<string> Heal { get; init; } = [];

    /// <summary>
    /// Fields people keep in the service (<see cref="ServiceFields"/> names): apply writes the manifest's value only while
    /// the service has none, and never again once it is set.
    /// </summary>
    public IReadOnlyList<string> ExternallyManaged { get; init; } = [];
}

public sealed record HubSpotSettings
{
    public Uri BaseUrl { get; init; } = new("https://api.hubapi.com/");

    /// <summary>The Community custom object's type id (<c>2-…</c>) in this portal.</summary>
    public string CommunityObjectType { get; init; } = "2-4711203";

    /// <summary>The portal id, for links to records in the HubSpot app.</summary>
    public long PortalId { get; init; } = 24681357;

    /// <summary>The Community object's property names in this portal.</summary>
    public CommunityPropertyNames Properties { get; init; } = new();

    public string RepresentativeLabel { get; init; } = "Community Representative";

    public string TechnicalContactLabel { get; init; } = "Technical Contact";

    /// <summary>Deal stage labels (not ids) in which turnup may start.</summary>
    public IReadOnlyList<string> AllowedDealStages { get; init; } = ["Contract Admin", "Closed Won"];

    /// <summary>The portal's daily request limit, shared by all its private apps (250,000 to 1,000,000 by subscription).</summary>
    public int DailyLimit { get; init; } = 250_000;

    /// <summary>The part of <see cref="DailyLimit"/> this program may use, in (0, 1].</summary>
    public double Share { get; init; } = 0.5;

    public string DealUrl(string dealId) => $"https://app.hubspot.com/contacts/{PortalId}/record/0-3/{dealId}";
}

/// <summary>The Community object's property names, by the field they hold; defaults are the field names.</summary>
public sealed record CommunityPropertyNames
{
    public string Name { get; init; } = CommunityProperties.Name;

    public string LongName { get; init; } = CommunityProperties.LongName;

    public string Website { get; init; } = CommunityProperties.Website;

    public string GitHubOrganization { get; init; } = CommunityProperties.GitHubOrganization;

    public string Logo { get; init; } = CommunityProperties.Logo;

    public string CommunityContext { get; init; } = CommunityProperties.CommunityContext;

    public string ManifestPath { get; init; } = CommunityProperties.ManifestPath;

    public string Hubs { get; init; } = CommunityProperties.Hubs;

    public string FirstValueDate { get; init; } = CommunityProperties.FirstValueDate;

    public string TimeToFirstValueDays { get; init; } = CommunityProperties.TimeToFirstValueDays;

    public string FirstValueHub { get; init; } = CommunityProperties.FirstValueHub;
}

public sealed record FreshdeskSettings
{
    /// <summary>The helpdesk's subdomain (<c>example</c> for example.freshdesk.com).</summary>
    public string Domain { get; init; } = "sandbox";

    /// <summary>The helpdesk's address when it is not <c>https://{Domain}.freshdesk.com/</c> (a custom domain, a test double).</summary>
    public Uri? BaseUrl { get; init; }

    public Uri HelpdeskUrl => BaseUrl ?? new Uri($"https://{Domain}.freshdesk.com/");

    /// <summary>A ticket in the helpdesk's agent pages.</summary>
    public Uri TicketUrl(long id) => new(HelpdeskUrl, $"a/tickets/{id}");

    public long EmailConfigId { get; init; } = 43000012345;

    /// <summary>The account's plan, whose rate limits the client keeps to (<see cref="FreshdeskRateLimits.For"/>).</summary>
    public FreshdeskPlan Plan { get; init; } = FreshdeskPlan.Growth;

    /// <summary>The part of the plan's limits (the account's and each endpoint's) this program may use, in (0, 1].</summary>
    public double Share { get; init; } = 0.5;

    /// <summary>Company custom field that lists the community representatives.</summary>
    public string RepresentativesField { get; init; } = "community_representatives";

    public string HubUrlsField { get; init; } = "hub_urls";

    public string GrafanaUrlField { get; init; } = "grafana_url";
}

public sealed record GitHubSettings
{
    /// <summary>The API of the host that holds the infrastructure repository.</summary>
    public Uri ApiUrl { get; init; } = new("https://api.github.com/");

    /// <summary>owner/name of the repository that receives the New Hub Turnup issues.</summary>
    public string InfrastructureRepository { get; init; } = "example-org/infrastructure";

    /// <summary>Labels on every turnup issue; each phase also gets <c>phase-N</c>.</summary>
    public IReadOnlyList<string> TurnupLabels { get; init; } = ["new-hub", "onboarding"];

    /// <summary>The team mentioned when a hub is delivered, e.g. <c>@example-org/bd</c>.</summary>
    public string BdTeam { get; init; } = "@example-org/bd";

    /// <summary>The team's project new turnup issues are put on; null: none (the issues are only opened).</summary>
    public BoardSettings? Project { get; init; }
}

/// <summary>How the turnup issues are filled in from the infrastructure repository's templates.</summary>
public sealed record TurnupSettings
{
    /// <summary>Questions of the templates' tables and the manifest value that answers each, laid over the built-in ones.</summary>
    public IReadOnlyDictionary<string, string> Questions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The shared clusters hubs may run on, each with its cloud provider (aws, gcp, …).</summary>
    public IReadOnlyDictionary<string, string> SharedClusters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The templates' file names in the infrastructure repository, and where this repository keeps its copy.</summary>
    public TurnupTemplateFiles Templates { get; init; } = new();
}

/// <summary>
/// <c>turnup.templates</c>: the file name of each phase's template in the infrastructure repository's
/// <c>.github/ISSUE_TEMPLATE/</c>, and the folder of this repository that keeps a copy of them for runs that cannot
/// read the repository.
/// </summary>
public sealed record TurnupTemplateFiles
{
    /// <summary>Where GitHub looks for issue templates in a repository.</summary>
    public const string RepositoryFolder = ".github/ISSUE_TEMPLATE";

    public string SyncChat { get; init; } = "02_new-hub_phase-0.md";

    public string CloudAccount { get; init; } = "03_new-hub_phase-1.yaml";

    public string Cluster { get; init; } = "04_new-hub_phase-2.yaml";

    public string HubSetup { get; init; } = "05_new-hub_phase-3.yaml";

    public string Decommission { get; init; } = "06_decommission-hub.md";

    /// <summary>The copy's folder, relative to the repository's root.</summary>
    public string Copy { get; init; } = ".github/turnup-templates";

    /// <summary>The settings' names of the files, with the key each has in the configuration.</summary>
    public IReadOnlyList<(string Key, string FileName)> ByKey =>
        [("sync_chat", SyncChat), ("cloud_account", CloudAccount), ("cluster", Cluster), ("hub_setup", HubSetup), ("decommission", Decommission)];
}

using Onboarding.Core.Configuration;
using Onboarding.Core.Configurator;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Turnup;

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

/// <summary>The community's own cloud (its dedicated cluster) after defaults.</summary>
public sealed record ResolvedCloud(
    Sourced<string> Provider,
    Sourced<string> Region,
    Sourced<string> Account,
    Sourced<string> Billing,
    Sourced<string>? AccountName);

/// <summary>The cluster a hub runs on.</summary>
/// <param name="Dedicated">The community's own cluster, described by its cloud section; false for a shared cluster.</param>
/// <param name="Provider">aws, gcp, …; null for a shared cluster the configuration does not list.</param>
/// <param name="Live">It runs already: a shared cluster always, a dedicated one once a hub on it is deployed. A new
/// dedicated cluster gets its cloud account and cluster set up first (phases 1 and 2).</param>
public sealed record ResolvedCluster(string Name, bool Dedicated, string? Provider, bool Live);

/// <summary>One hub after defaults: what the turnup issues say about it.</summary>
public sealed record ResolvedHub
{
    public required Hub Hub { get; init; }

    /// <summary>Its place in the manifest's hubs (blockers and assumptions name it as <c>hubs[i]</c>).</summary>
    public required int Index { get; init; }

    public required ResolvedCluster Cluster { get; init; }

    public required Sourced<string> AuthMethod { get; init; }

    public IReadOnlyList<string> Organizations { get; init; } = [];

    public IReadOnlyList<string> Teams { get; init; } = [];

    public IReadOnlyList<string> Institutions { get; init; } = [];

    public required Sourced<IReadOnlyList<string>> Admins { get; init; }

    public required Sourced<IReadOnlyList<string>> Resources { get; init; }

    /// <summary>The resource allocation choices generated from <see cref="Resources"/>, as YAML; empty when they cannot be.</summary>
    public string ResourceChoicesYaml { get; init; } = "";

    public required Sourced<bool> Dask { get; init; }

    public required Sourced<bool> Gpu { get; init; }

    public required Sourced<bool> ScratchBucket { get; init; }

    public required Sourced<bool> PersistentBucket { get; init; }

    /// <summary>Reading requester-pays buckets elsewhere; null where the cluster's cloud has no such thing (not GCP).</summary>
    public Sourced<bool>? RequesterPays { get; init; }

    public required Sourced<bool> ScopedCredentials { get; init; }

    /// <summary>Community-maintained images asked for (pangeo, rstudio, scipy).</summary>
    public required Sourced<IReadOnlyList<string>> Images { get; init; }

    public required Sourced<bool> AnyImage { get; init; }

    /// <summary>jupyterlab, classic or rstudio.</summary>
    public required Sourced<string> DefaultInterface { get; init; }

    public required Sourced<bool> NamedServers { get; init; }

    /// <summary>Whether the hub's own image is the default choice; null when it has none.</summary>
    public Sourced<bool>? CustomImageDefault { get; init; }

    public required Sourced<bool> DynamicImageBuilding { get; init; }

    /// <summary>Who funds the hub, as its home page says.</summary>
    public required Sourced<string> FundedBy { get; init; }
}

/// <summary>Everything the turnup issues of one community are rendered from.</summary>
/// <param name="Hubs">Every hub of the manifest, resolved, in its order.</param>
public sealed record TurnupFacts(
    Community Community,
    string ManifestPath,
    ResolvedCloud Cloud,
    IReadOnlyList<ResolvedHub> Hubs,
    IReadOnlyList<DealFact> Deals,
    ConfiguratorSelections? Configurator,
    IReadOnlyList<Assumption> Assumptions,
    IReadOnlyList<Blocker> Blockers,
    OnboardingSettings Settings)
{
    /// <summary>Whether the community representatives are asked for the missing information (through Freshdesk).</summary>
    public bool AsksCommunity { get; init; }

    /// <summary>The open Freshdesk ticket that asks for it, once it exists (known from a previous run).</summary>
    public Uri? MissingInformationTicket { get; init; }
}

/// <summary>One issue the program keeps in the infrastructure repository, fully rendered.</summary>
/// <param name="Id">What its marker says (community, cluster, request, hubs, phase).</param>
/// <param name="Ready">Whether work can start: every hub READY (phase 3), the phase READY (1, 2); always for phase 0 and decommissioning.</param>
/// <param name="Status">For the plan: READY, NOT READY, each hub's state (phase 3), "task list".</param>
public sealed record TurnupIssue(IssueMarker Id, string Title, string Body, IReadOnlyList<string> Labels, bool Ready, string Status)
{
    public string Community => Id.Community;

    public TurnupPhase Phase => Id.Phase;

    public IReadOnlyList<string> Hubs => Id.Hubs;

    /// <summary>The hidden first line of <see cref="Body"/> that lets a re-run find the issue.</summary>
    public string Marker => Id.Line;

    public string Key => Id.Key;

    /// <summary>Questions of the template the issue leaves as the template has it.</summary>
    public IReadOnlyList<UnansweredQuestion> Unanswered { get; init; } = [];
}

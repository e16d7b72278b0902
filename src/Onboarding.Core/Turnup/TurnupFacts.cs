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

using Onboarding.Core.Configuration;
using Onboarding.Core.Configurator;
using Onboarding.Core.Manifests;
using Onboarding.Core.Resources;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox.GitHub;

namespace Onboarding.Testing;

/// <summary>
/// Hand-built turnup facts for renderer tests, shaped like the tidepool example: a two-hub AWS community with a
/// configurator link, on its own new cluster. Vary them with <c>with</c>; nothing here decides defaults the way the
/// planner does.
/// </summary>
public static class TurnupFixtures
{
    /// <summary>The tidepool example's configurator link: Advanced tier, AWS, GitHub sign-in, Dask, a persistent bucket.</summary>
    public const string TidepoolConfiguratorLink = "https://2i2c.org/hub-configurator/?state=eyJ0aWVyIjoiQWR2YW5jZWQiLCJzZWxlY3Rpb25zIjp7IkFkdmFuY2VkIjp7ImNsdXN0ZXI6cHJvdmlkZXIiOiJBV1MiLCJjbHVzdGVyOmJpbGxpbmciOiIyaTJjLXBheXMiLCJzaWduaW46YXV0aCI6IkdpdEh1YiAtIENvbW11bml0eSIsImh1YjpkYXNrIjoiRW5hYmxlZCIsIm9iajpwZXJzaXN0ZW50Ijp0cnVlfX19";

    /// <summary>The sandbox's sample templates, as plan and apply use them.</summary>
    public static TurnupTemplateSet Templates { get; } = SampleTemplates.Load();

    public static Hub Hub(string name = "prod") => new()
    {
        Name = name,
        Domain = name == "prod" ? "tidepool.hubs.example.org" : $"{name}.tidepool.hubs.example.org",
        Status = HubStatus.Requested,
        Requested = new DateOnly(2026, 11, 2),
        Auth = new HubAuth("github", ["tidepool-observatory"], [], [], ["anaruiz", "kmensah"]),
        Image = "quay.io/tidepool-observatory/course-image:2026.10",
        Profiles = new HubProfiles(["pangeo"], AnyImage: false, DefaultInterface: "jupyterlab", NamedServers: false, CustomImageDefault: true, DynamicImageBuilding: false),
        Resources = ["r5.xlarge:4"],
        Dask = true,
        Buckets = new Buckets(true, true),
        ScopedCredentials = false,
        FundedBy = "Tidepool Coastal Observatory Consortium",
    };

    public static Community Community(params Hub[] hubs) => new()
    {
        Name = "tidepool",
        LongName = "Tidepool Coastal Observatory Consortium",
        Website = "https://tidepool.example.org",
        GitHubOrganization = "https://github.com/tidepool-observatory",
        Logo = "https://tidepool.example.org/assets/logo.png",
        Context = "## What do you want to achieve?\nA shared place for **twelve** member labs.\n\n- buoy data\n- tide gauges\n",
        Representatives = [new Person("Ana Ruiz", "ana.ruiz@tidepool.example.org", "anaruiz")],
        TechnicalContacts = [new Person("Kofi Mensah", "kofi.mensah@tidepool.example.org", "kmensah")],
        Deals = ["31415926535"],
        Configurator = TidepoolConfiguratorLink,
        Notes = "They run a field course from 12 January.",
        Transcript = "https://docs.google.com/document/d/1TidepoolKickoffTranscript/edit",
        Cloud = new CloudSettings("aws", "us-west-2", "2i2c-managed", "tidepool", "2i2c-pays"),
        Hubs = hubs.Length == 0 ? [Hub()] : hubs,
    };

    /// <summary>The cluster a hub of <paramref name="community"/> runs on: a shared one, or the community's own
    /// (running once one of its hubs is deployed).</summary>
    public static ResolvedCluster Cluster(Community community, Hub hub) =>
        hub.Cluster is { } shared
            ? new ResolvedCluster(shared, Dedicated: false, null, Live: true)
            : new ResolvedCluster(community.Name, Dedicated: true, community.Cloud.Provider ?? "aws",
                Live: community.Hubs.Any(h => h.Cluster is null && h.Status == HubStatus.Deployed));

    /// <summary>The hub resolved as the manifest states it, every value from the manifest (or else a default).</summary>
    public static ResolvedHub Resolved(Community community, Hub hub, int index)
    {
        var auth = hub.Auth ?? new HubAuth("github", [], [], [], []);
        var specs = hub.Resources.Count > 0 ? hub.Resources : [ResourceChoices.DefaultSpec];
        var cluster = Cluster(community, hub);
        var profiles = hub.Profiles;
        return new ResolvedHub
        {
            Hub = hub,
            Index = index,
            Cluster = cluster,
            AuthMethod = new Sourced<string>(auth.Method, hub.Auth is null ? Provenance.Default : Provenance.Manifest),
            Organizations = auth.Organizations,
            Teams = auth.Teams,
            Institutions = auth.Institutions,
            Admins = new Sourced<IReadOnlyList<string>>(auth.Admins, Provenance.Manifest),
            Resources = new Sourced<IReadOnlyList<string>>(specs, hub.Resources.Count > 0 ? Provenance.Manifest : Provenance.Default),
            ResourceChoicesYaml = ResourceChoices.ToYaml(ResourceChoices.Generate(specs, markDefault: true).Choices),
            Dask = Flag(hub.Dask, false),
            Gpu = new Sourced<bool>(hub.Gpu is not null, Provenance.Manifest),
            ScratchBucket = Flag(hub.Buckets?.Scratch, false),
            PersistentBucket = Flag(hub.Buckets?.Persistent, false),
            RequesterPays = cluster.Provider == "gcp" ? Flag(hub.Buckets?.RequesterPays, false) : null,
            ScopedCredentials = Flag(hub.ScopedCredentials, false),
            Images = new Sourced<IReadOnlyList<string>>(profiles?.Images ?? [], profiles is null ? Provenance.Default : Provenance.Manifest),
            AnyImage = Flag(profiles?.AnyImage, false),
            DefaultInterface = profiles?.DefaultInterface is { } ui ? new Sourced<string>(ui, Provenance.Manifest) : new Sourced<string>("jupyterlab", Provenance.Default),
            NamedServers = Flag(profiles?.NamedServers, false),
            CustomImageDefault = string.IsNullOrWhiteSpace(hub.Image) ? null : Flag(profiles?.CustomImageDefault, true),
            DynamicImageBuilding = Flag(profiles?.DynamicImageBuilding, false),
            FundedBy = hub.FundedBy is { } funder ? new Sourced<string>(funder, Provenance.Manifest) : new Sourced<string>(community.LongName, Provenance.Default),
        };
    }

    public static ResolvedCloud Cloud(CloudSettings cloud) => new(
        Sourced(cloud.Provider, "aws"),
        Sourced(cloud.Region, "us-west-2"),
        Sourced(cloud.Account, "2i2c-managed"),
        Sourced(cloud.Billing, "2i2c-pays"),
        cloud.AccountName is { } name ? new Sourced<string>(name, Provenance.Manifest) : null);

    /// <summary>The facts of <paramref name="community"/> (one requested prod hub by default), its deal in an allowed stage.</summary>
    public static TurnupFacts Facts(Community? community = null, IReadOnlyList<Blocker>? blockers = null, IReadOnlyList<Assumption>? assumptions = null, OnboardingSettings? settings = null)
    {
        community ??= Community();
        var configurator = community.Configurator is null ? null : HubConfigurator.Read(community.Configurator).Selections;
        return new TurnupFacts(
            community,
            $"communities/{community.Name}.yaml",
            Cloud(community.Cloud),
            [.. community.Hubs.Select((hub, i) => Resolved(community, hub, i))],
            [.. community.Deals.Select(id => new DealFact(id, "Tidepool 2026", "Closed Won", Exists: true, InAllowedStage: true))],
            configurator,
            assumptions ?? [],
            blockers ?? [],
            settings ?? new OnboardingSettings())
        {
            AsksCommunity = (blockers ?? []).Any(b => !b.Gate),
        };
    }

    /// <summary>The issues the sample templates give for <paramref name="facts"/>; none may be refused.</summary>
    public static IReadOnlyList<TurnupIssue> Issues(TurnupFacts facts, TurnupTemplateSet? templates = null)
    {
        var rendering = TurnupRenderer.Render(facts, templates ?? Templates);
        if (rendering.Problems.Count > 0)
            throw new InvalidOperationException(string.Join(" ", rendering.Problems));
        return rendering.Issues;
    }

    private static Sourced<bool> Flag(bool? value, bool fallback) =>
        value is { } given ? new Sourced<bool>(given, Provenance.Manifest) : new Sourced<bool>(fallback, Provenance.Default);

    private static Sourced<string> Sourced(string? value, string fallback) =>
        value is null ? new Sourced<string>(fallback, Provenance.Default) : new Sourced<string>(value, Provenance.Manifest);
}

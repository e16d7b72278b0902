using Onboarding.Core.Configuration;
using Onboarding.Core.Configurator;
using Onboarding.Core.Manifests;
using Onboarding.Core.Resources;
using Onboarding.Core.Turnup;

namespace Onboarding.Testing;

/// <summary>
/// Hand-built turnup facts for renderer tests, shaped like the tidepool example: a two-hub AWS community with a
/// configurator link. Vary them with <c>with</c>; nothing here decides defaults the way the planner does.
/// </summary>
public static class TurnupFixtures
{
    /// <summary>The tidepool example's configurator link: Advanced tier, AWS, GitHub sign-in, Dask, a persistent bucket.</summary>
    public const string TidepoolConfiguratorLink = "https://2i2c.org/hub-configurator/?state=eyJ0aWVyIjoiQWR2YW5jZWQiLCJzZWxlY3Rpb25zIjp7IkFkdmFuY2VkIjp7ImNsdXN0ZXI6cHJvdmlkZXIiOiJBV1MiLCJjbHVzdGVyOmJpbGxpbmciOiIyaTJjLXBheXMiLCJzaWduaW46YXV0aCI6IkdpdEh1YiAtIENvbW11bml0eSIsImh1YjpkYXNrIjoiRW5hYmxlZCIsIm9iajpwZXJzaXN0ZW50Ijp0cnVlfX19";

    public static Hub Hub(string name = "prod") => new()
    {
        Name = name,
        Domain = name == "prod" ? "tidepool.hubs.example.org" : $"{name}.tidepool.hubs.example.org",
        Status = HubStatus.Requested,
        Requested = new DateOnly(2026, 11, 2),
        Auth = new HubAuth("github", ["tidepool-observatory"], [], [], ["anaruiz", "kmensah"]),
        Image = "quay.io/tidepool-observatory/course-image:2026.10",
        Resources = ["r5.xlarge:4"],
        Dask = true,
        Buckets = new Buckets(true, true),
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
        Cloud = new CloudSettings("aws", "us-west-2", "2i2c-managed", null, "2i2c-pays"),
        Hubs = hubs.Length == 0 ? [Hub()] : hubs,
    };

    /// <summary>The hub resolved as the manifest states it, every value from the manifest.</summary>
    public static ResolvedHub Resolved(Hub? hub = null, int index = 0)
    {
        hub ??= Hub();
        var auth = hub.Auth ?? new HubAuth("github", [], [], [], []);
        var specs = hub.Resources.Count > 0 ? hub.Resources : [ResourceChoices.DefaultSpec];
        var specsFrom = hub.Resources.Count > 0 ? Provenance.Manifest : Provenance.Default;
        return new ResolvedHub(
            hub,
            index,
            new Sourced<string>(auth.Method, hub.Auth is null ? Provenance.Default : Provenance.Manifest),
            auth.Organizations,
            auth.Teams,
            auth.Institutions,
            auth.Admins,
            new Sourced<IReadOnlyList<string>>(specs, specsFrom),
            new Sourced<bool>(hub.Dask ?? false, hub.Dask is null ? Provenance.Default : Provenance.Manifest),
            new Sourced<bool>(hub.Gpu is not null, Provenance.Manifest),
            new Sourced<bool>(hub.Buckets?.Scratch ?? false, hub.Buckets?.Scratch is null ? Provenance.Default : Provenance.Manifest),
            new Sourced<bool>(hub.Buckets?.Persistent ?? false, hub.Buckets?.Persistent is null ? Provenance.Default : Provenance.Manifest),
            ResourceChoices.ToYaml(ResourceChoices.Generate(specs, markDefault: true).Choices));
    }

    public static ResolvedCloud Cloud(CloudSettings cloud) => new(
        Sourced(cloud.Provider, "aws"),
        Sourced(cloud.Region, "us-west-2"),
        Sourced(cloud.Account, "2i2c-managed"),
        Sourced(cloud.Billing, "2i2c-pays"),
        cloud.AccountName);

    public static TurnupFacts Facts(Community? community = null, IReadOnlyList<Blocker>? blockers = null, IReadOnlyList<Assumption>? assumptions = null)
    {
        community ??= Community();
        var configurator = community.Configurator is null ? null : HubConfigurator.Read(community.Configurator).Selections;
        return new TurnupFacts(
            community,
            $"communities/{community.Name}.yaml",
            Cloud(community.Cloud),
            [.. community.Deals.Select(id => new DealFact(id, "Tidepool 2026", "Closed Won", Exists: true, InAllowedStage: true))],
            configurator,
            assumptions ?? [],
            blockers ?? [],
            new OnboardingSettings());
    }

    private static Sourced<string> Sourced(string? value, string fallback) =>
        value is null ? new Sourced<string>(fallback, Provenance.Default) : new Sourced<string>(value, Provenance.Manifest);
}

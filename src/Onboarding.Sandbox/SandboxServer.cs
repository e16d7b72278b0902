using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox;

/// <summary>What the three emulators are seeded with, and on which ports they listen (0: any free port).</summary>
public sealed record SandboxOptions
{
    public HubSpotSeed HubSpot { get; init; } = SandboxSeeds.HubSpot();

    public FreshdeskSeed Freshdesk { get; init; } = new();

    public GitHubSeed GitHub { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int HubSpotPort { get; init; }

    public int FreshdeskPort { get; init; }

    public int GitHubPort { get; init; }
}

/// <summary>HubSpot, Freshdesk and GitHub on 127.0.0.1, sharing one request journal. Used by tests and by --sandbox.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private SandboxServer(SandboxOptions options, RequestJournal journal, EmulatorHost hubSpot, EmulatorHost freshdesk, EmulatorHost gitHub)
    {
        Options = options;
        Journal = journal;
        HubSpot = hubSpot;
        Freshdesk = freshdesk;
        GitHub = gitHub;
    }

    public SandboxOptions Options { get; }

    public RequestJournal Journal { get; }

    public EmulatorHost HubSpot { get; }

    public EmulatorHost Freshdesk { get; }

    public EmulatorHost GitHub { get; }

    public HubSpotEmulator HubSpotEmulator => (HubSpotEmulator)HubSpot.Emulator;

    public FreshdeskEmulator FreshdeskEmulator => (FreshdeskEmulator)Freshdesk.Emulator;

    public GitHubEmulator GitHubEmulator => (GitHubEmulator)GitHub.Emulator;

    /// <summary>Base URLs as each service's clients expect them, and the credentials the emulators accept.</summary>
    public IReadOnlyList<SandboxEndpoint> Endpoints =>
    [
        new("hubspot", HubSpot.BaseAddress, "HUBSPOT_TOKEN", Options.HubSpot.Tokens[0]),
        new("freshdesk", new Uri(Freshdesk.BaseAddress, "api/v2/"), "FRESHDESK_API_KEY", Options.Freshdesk.ApiKey),
        new("github", new Uri(GitHub.BaseAddress, "api/v3/"), "GITHUB_TOKEN", Options.GitHub.Tokens[0].Token),
    ];

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var journal = new RequestJournal();
        var hosts = new List<EmulatorHost>();
        try
        {
            hosts.Add(await EmulatorHost.StartAsync(new HubSpotEmulator(options.HubSpot, options.Time), journal, port: options.HubSpotPort, time: options.Time, cancellationToken: cancellationToken));
            hosts.Add(await EmulatorHost.StartAsync(new FreshdeskEmulator(options.Freshdesk), journal, port: options.FreshdeskPort, time: options.Time, cancellationToken: cancellationToken));
            hosts.Add(await EmulatorHost.StartAsync(new GitHubEmulator(options.GitHub, options.Time), journal, port: options.GitHubPort, time: options.Time, cancellationToken: cancellationToken));
        }
        catch
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
            throw;
        }

        return new SandboxServer(options, journal, hosts[0], hosts[1], hosts[2]);
    }

    public async ValueTask DisposeAsync()
    {
        await GitHub.DisposeAsync();
        await Freshdesk.DisposeAsync();
        await HubSpot.DisposeAsync();
    }
}

/// <param name="SecretVariable">The environment variable a real installation sets to this credential.</param>
public sealed record SandboxEndpoint(string Service, Uri BaseAddress, string SecretVariable, string Secret);

/// <summary>Seeds that match the example communities, so the sandbox onboarding of communities/ finds their deals.</summary>
public static class SandboxSeeds
{
    public static HubSpotSeed HubSpot()
    {
        var defaults = new HubSpotSeed();
        return defaults with
        {
            Deals =
            [
                .. defaults.Deals,
                new HubSpotSeedDeal("31415926535", "Tidepool Coastal Observatory Consortium – research hubs", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ContractAdminStageId, "42000"),
                new HubSpotSeedDeal("27182818284", "Heliophysics ML Laboratory – GPU hub", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ClosedWonStageId, "65000"),
                new HubSpotSeedDeal("16180339887", "Riverbend CC – education hub 2025-26", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ClosedWonStageId, "15000"),
                new HubSpotSeedDeal("14142135623", "Riverbend CC – renewal 2026-27", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ContractAdminStageId, "16000"),
            ],
        };
    }
}

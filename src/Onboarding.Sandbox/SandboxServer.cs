using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Prometheus;

namespace Onboarding.Sandbox;

/// <summary>What the emulators are seeded with, on which ports they listen (0: any free port), their clock, and where they keep their state.</summary>
public sealed record SandboxOptions
{
    public HubSpotSeed HubSpot { get; init; } = SandboxSeeds.HubSpot();

    public FreshdeskSeed Freshdesk { get; init; } = new();

    public GitHubSeed GitHub { get; init; } = SandboxSeeds.GitHub();

    /// <summary>The series the hubs' Prometheus starts with (none: no hub has been used yet).</summary>
    public PrometheusSeed Prometheus { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int HubSpotPort { get; init; }

    public int FreshdeskPort { get; init; }

    public int GitHubPort { get; init; }

    public int PrometheusPort { get; init; }

    /// <summary>
    /// A folder (such as <c>.sandbox</c>) whose hubspot.json, freshdesk.json, github.json and prometheus.json the emulators start from
    /// and are saved to, so records and ids carry over between runs. Null: the sandbox starts from the seeds and
    /// forgets everything when it stops. The request journal and fault plans are never kept.
    /// </summary>
    public string? StateDirectory { get; init; }
}

/// <summary>HubSpot, Freshdesk, GitHub and the hubs' Prometheus on 127.0.0.1, sharing one request journal. Used by tests and by --sandbox.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    /// <summary>The default <see cref="SandboxOptions.StateDirectory"/> of the command line, relative to the repository root (git-ignored).</summary>
    public const string DefaultStateDirectory = ".sandbox";

    private const string PrometheusName = "prometheus";

    /// <summary>Every emulator the sandbox runs, in the order they start (and stop in reverse).</summary>
    private static readonly IReadOnlyList<EmulatorRegistration> Registrations =
    [
        EmulatorRegistration.Of(
            "hubspot",
            o => o.HubSpotPort,
            (o, kept) => new HubSpotEmulator(o.HubSpot, o.Time, kept is null ? null : HubSpotStore.ImportJson(kept)),
            e => e.Store.ExportJson(),
            (o, host) => new SandboxEndpoint("hubspot", host.BaseAddress, "HUBSPOT_TOKEN", o.HubSpot.Tokens[0])),
        EmulatorRegistration.Of(
            "freshdesk",
            o => o.FreshdeskPort,
            (o, kept) => new FreshdeskEmulator(o.Freshdesk, o.Time, kept is null ? null : FreshdeskStore.ImportJson(kept)),
            e => e.Store.ExportJson(),
            (o, host) => new SandboxEndpoint("freshdesk", new Uri(host.BaseAddress, "api/v2/"), "FRESHDESK_API_KEY", o.Freshdesk.ApiKey)),
        EmulatorRegistration.Of(
            "github",
            o => o.GitHubPort,
            (o, kept) => new GitHubEmulator(o.GitHub, o.Time, kept is null ? null : GitHubStore.ImportJson(kept)),
            e => e.Store.ExportJson(),
            (o, host) => new SandboxEndpoint("github", new Uri(host.BaseAddress, "api/v3/"), "INFRA_GITHUB_TOKEN", o.GitHub.Tokens[0].Token)),
        EmulatorRegistration.Of(
            PrometheusName,
            o => o.PrometheusPort,
            (o, kept) => new PrometheusEmulator(o.Prometheus, o.Time, kept is null ? null : PrometheusStore.ImportJson(kept)),
            e => e.Store.ExportJson(),
            // Each community's Prometheus is under its own path, so no two communities share series.
            (o, host) => new SandboxEndpoint(PrometheusName, host.BaseAddress, "PROMETHEUS_USERNAME", o.Prometheus.Username)
            {
                Address = host.BaseAddress.AbsoluteUri + "{community}/",
                PasswordVariable = "PROMETHEUS_PASSWORD",
                Password = o.Prometheus.Password,
            }),
    ];

    private readonly IReadOnlyList<(EmulatorRegistration Registration, EmulatorHost Host)> _running;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private bool _disposed;

    private SandboxServer(SandboxOptions options, RequestJournal journal, IReadOnlyList<(EmulatorRegistration, EmulatorHost)> running, bool stateRestored)
    {
        Options = options;
        Journal = journal;
        _running = running;
        StateRestored = stateRestored;
    }

    public SandboxOptions Options { get; }

    public RequestJournal Journal { get; }

    public EmulatorHost HubSpot => Host("hubspot");

    public EmulatorHost Freshdesk => Host("freshdesk");

    public EmulatorHost GitHub => Host("github");

    public EmulatorHost Prometheus => Host(PrometheusName);

    public HubSpotEmulator HubSpotEmulator => (HubSpotEmulator)HubSpot.Emulator;

    public FreshdeskEmulator FreshdeskEmulator => (FreshdeskEmulator)Freshdesk.Emulator;

    public GitHubEmulator GitHubEmulator => (GitHubEmulator)GitHub.Emulator;

    public PrometheusEmulator PrometheusEmulator => (PrometheusEmulator)Prometheus.Emulator;

    /// <summary>True when at least one emulator started from a file in <see cref="SandboxOptions.StateDirectory"/>.</summary>
    public bool StateRestored { get; }

    /// <summary>
    /// The address of every community's Prometheus, as a <c>prometheus_url</c> template: each community's is under its
    /// own path, so no two communities share series.
    /// </summary>
    public string PrometheusTemplate => Endpoints.Single(e => e.Service == PrometheusName).Address;

    /// <summary>Base URLs as each service's clients expect them, and the credentials the emulators accept.</summary>
    public IReadOnlyList<SandboxEndpoint> Endpoints => [.. _running.Select(r => r.Registration.Endpoint(Options, r.Host))];

    /// <summary>Starts the emulators, each from its kept state when <see cref="SandboxOptions.StateDirectory"/> holds one.</summary>
    /// <exception cref="SandboxStateException">A state file is unreadable, damaged or from another version; nothing was started.</exception>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var emulators = new List<IServiceEmulator>();
        var restored = false;
        foreach (var registration in Registrations)
        {
            var kept = options.StateDirectory is { } directory
                ? SandboxStateFiles.Load(directory, registration.Name, json => registration.Create(options, json))
                : null;
            restored |= kept is not null;
            emulators.Add(kept ?? registration.Create(options, null));
        }

        var journal = new RequestJournal();
        var running = new List<(EmulatorRegistration, EmulatorHost)>();
        try
        {
            foreach (var (registration, emulator) in Registrations.Zip(emulators))
                running.Add((registration, await EmulatorHost.StartAsync(emulator, journal, port: registration.Port(options), cancellationToken: cancellationToken)));
        }
        catch
        {
            foreach (var (_, host) in running)
                await host.DisposeAsync();
            throw;
        }

        return new SandboxServer(options, journal, running, restored);
    }

    /// <summary>Deletes the kept state in <paramref name="directory"/> (the folder itself stays), so the next start is fresh.</summary>
    /// <exception cref="SandboxStateException">A state file could not be deleted.</exception>
    public static void ResetState(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        SandboxStateFiles.Delete(directory, [.. Registrations.Select(r => r.Name)]);
    }

    /// <summary>
    /// Adds series to the Prometheus kept in <paramref name="directory"/> (as if pods had run and been scraped), without
    /// starting the emulators: the other services' files are left as they are.
    /// </summary>
    /// <returns>The path of the Prometheus state file.</returns>
    /// <exception cref="SandboxStateException">The kept state is unreadable, damaged or from another version, or could not be written.</exception>
    public static async Task<string> AddPrometheusSeriesAsync(string directory, IEnumerable<PrometheusSeries> series, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var state = SandboxStateFiles.Load(directory, PrometheusName, PrometheusStore.ImportJson);
        var store = new PrometheusStore(new SandboxOptions().Prometheus, state: state);
        store.Add(series);
        await SandboxStateFiles.SaveAsync(directory, PrometheusName, store.ExportJson(), cancellationToken);
        return SandboxStateFiles.FileOf(directory, PrometheusName);
    }

    /// <summary>Writes every emulator's state to <see cref="SandboxOptions.StateDirectory"/>, each file replaced whole.</summary>
    /// <exception cref="InvalidOperationException">The sandbox has no state directory.</exception>
    /// <exception cref="SandboxStateException">A file could not be written.</exception>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        var directory = Options.StateDirectory ?? throw new InvalidOperationException("This sandbox keeps no state: SandboxOptions.StateDirectory is not set.");
        await _saving.WaitAsync(cancellationToken);
        try
        {
            // All read before any is written, so the files describe one moment as closely as the stores allow.
            var states = _running.Select(r => (r.Registration.Name, State: r.Registration.Export(r.Host.Emulator))).ToList();
            foreach (var (name, state) in states)
                await SandboxStateFiles.SaveAsync(directory, name, state, cancellationToken);
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>Stops the emulators, then saves their state when a state directory is set, as a real service keeps what it committed.</summary>
    /// <exception cref="SandboxStateException">The state could not be saved (the emulators are stopped regardless).</exception>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        // Stopped first, so no request changes a store after it was written.
        foreach (var (_, host) in _running.Reverse())
            await host.DisposeAsync();
        try
        {
            if (Options.StateDirectory is not null)
                await SaveAsync(CancellationToken.None);
        }
        finally
        {
            _saving.Dispose();
        }
    }

    private EmulatorHost Host(string name) => _running.Single(r => r.Registration.Name == name).Host;
}

/// <summary>
/// One emulator as the sandbox runs it: its name (also its state file's, <c>&lt;name&gt;.json</c>), its port, how it is
/// made (from its seed in the options, or from the state its file kept), how its state is exported to that file, and
/// the endpoint the program is given to reach it.
/// </summary>
internal sealed record EmulatorRegistration(
    string Name,
    Func<SandboxOptions, int> Port,
    Func<SandboxOptions, string?, IServiceEmulator> Create,
    Func<IServiceEmulator, string> Export,
    Func<SandboxOptions, EmulatorHost, SandboxEndpoint> Endpoint)
{
    /// <param name="create">Makes the emulator from the options and the kept state's JSON (null: from the seed).</param>
    /// <param name="export">The emulator's state as JSON, to keep in its file.</param>
    public static EmulatorRegistration Of<TEmulator>(
        string name,
        Func<SandboxOptions, int> port,
        Func<SandboxOptions, string?, TEmulator> create,
        Func<TEmulator, string> export,
        Func<SandboxOptions, EmulatorHost, SandboxEndpoint> endpoint)
        where TEmulator : IServiceEmulator =>
        new(name, port, (options, kept) => create(options, kept), emulator => export((TEmulator)emulator), endpoint);
}

/// <param name="SecretVariable">The environment variable a real installation sets to this credential.</param>
public sealed record SandboxEndpoint(string Service, Uri BaseAddress, string SecretVariable, string Secret)
{
    /// <summary>The address as the configuration would give it (Prometheus': a template with {community}).</summary>
    public string Address { get; init; } = BaseAddress.AbsoluteUri;

    /// <summary>A second credential (Prometheus' basic-auth password), or null.</summary>
    public string? PasswordVariable { get; init; }

    public string? Password { get; init; }
}

/// <summary>Seeds that match the example communities, so the sandbox onboarding of communities/ finds their deals.</summary>
public static class SandboxSeeds
{
    /// <summary>The repository that holds the manifests, where drift keeps its issue (GITHUB_REPOSITORY in a workflow).</summary>
    public const string ManifestRepository = "example-org/onboarding";

    /// <summary>
    /// The infrastructure repository (turnup issues, and the sample issue templates in <c>.github/ISSUE_TEMPLATE/</c>)
    /// and the manifests' own repository.
    /// </summary>
    /// <param name="blank">The infrastructure repository has only GitHub's default labels, none of the turnup ones.</param>
    /// <summary>The examples' technical owner, a collaborator of the sandbox's infrastructure repository.</summary>
    public const string ExampleEngineer = "jun";

    public static GitHubSeed GitHub(bool blank = false)
    {
        var defaults = new GitHubSeed();
        // The engineer the examples name as tidepool's technical owner works in the infrastructure repository, so the
        // turnup issues can be assigned to them.
        var infrastructure = defaults.Repositories[0] with
        {
            Files = [.. defaults.Repositories[0].Files, .. SandboxIssueTemplates.SampleFiles],
            Collaborators = [.. defaults.Repositories[0].Collaborators, new GitHubCollaboratorSeed(ExampleEngineer, "write")],
        };
        if (blank)
            infrastructure = infrastructure with { Labels = [.. GitHubRepositorySeed.DefaultLabels.Where(l => l.Default)] };
        return defaults with
        {
            Repositories = [infrastructure, .. defaults.Repositories.Skip(1), new GitHubRepositorySeed { Name = ManifestRepository.Split('/')[1] }],
        };
    }

    /// <summary>
    /// The sandbox as a new installation finds the services: a portal whose Community object has only its name and no
    /// contact labels, a helpdesk without the company fields, an infrastructure repository without the turnup labels
    /// (<c>onboarding doctor</c> lists them, <c>onboarding setup</c> makes them). What setup cannot make (the Community
    /// object, the mailbox, the deal pipelines, the templates) is there, as in any portal and repository onboarding is
    /// adopted in.
    /// </summary>
    public static SandboxOptions Blank(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            HubSpot = HubSpot(handOnboarded: false) with { Blank = true },
            Freshdesk = options.Freshdesk with { CompanyCustomFields = [] },
            GitHub = GitHub(blank: true),
        };
    }

    /// <summary>The portal with the examples' deals and, unless <paramref name="handOnboarded"/> is false, <see cref="HandOnboarded"/>.</summary>
    public static HubSpotSeed HubSpot(bool handOnboarded = true)
    {
        var defaults = new HubSpotSeed();
        return defaults with
        {
            Contacts = [.. defaults.Contacts, .. handOnboarded ? HandOnboardedContacts : []],
            Communities = handOnboarded ? HandOnboarded : [],
            Deals =
            [
                .. defaults.Deals,
                .. handOnboarded ? HandOnboardedDeals : [],
                new HubSpotSeedDeal("31415926535", "Tidepool Coastal Observatory Consortium – research hubs", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ContractAdminStageId, "42000"),
                new HubSpotSeedDeal("27182818284", "Heliophysics ML Laboratory – GPU hub", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ClosedWonStageId, "65000"),
                new HubSpotSeedDeal("16180339887", "Riverbend CC – education hub 2025-26", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ClosedWonStageId, "15000"),
                new HubSpotSeedDeal("14142135623", "Riverbend CC – renewal 2026-27", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ContractAdminStageId, "16000"),
            ],
        };
    }

    /// <summary>
    /// Communities onboarded by hand before this program, with no manifest: lakeshore imports cleanly; prairie cannot be
    /// imported (no representative is labelled). Both show in drift as records without a manifest.
    /// </summary>
    public static IReadOnlyList<HubSpotSeedCommunity> HandOnboarded { get; } =
    [
        new("19380000301", new Dictionary<string, string>
        {
            ["name"] = "lakeshore",
            ["long_name"] = "Lakeshore Freshwater Data Collaborative",
            ["website"] = "https://lakeshore.example.org",
            ["github_organization"] = "https://github.com/lakeshore-data",
            ["community_context"] = "## Who are your users?\nAbout 40 limnologists sharing buoy data across five lakes.\n",
            ["hubs"] = "lakeshore.hubs.example.org",
        })
        {
            Contacts = [new("19380000211", "Community Representative"), new("19380000212", "Technical Contact")],
            Deals = ["19380000111"],
        },
        new("19380000302", new Dictionary<string, string>
        {
            ["name"] = "prairie",
            ["long_name"] = "Prairie Schools Computing Network",
            ["hubs"] = "prairie.hubs.example.org",
        })
        {
            Contacts = [new("19380000213", "Technical Contact")],
            Deals = ["19380000112"],
        },
    ];

    private static IReadOnlyList<HubSpotSeedContact> HandOnboardedContacts { get; } =
    [
        new("19380000211", "rosa.lindqvist@lakeshore.example.org", "Rosa", "Lindqvist", "rlindqvist"),
        new("19380000212", "dev.patel@lakeshore.example.org", "Dev", "Patel"),
        new("19380000213", "it@prairie.example.edu", "Casey", "Moreau"),
    ];

    private static IReadOnlyList<HubSpotSeedDeal> HandOnboardedDeals { get; } =
    [
        new("19380000111", "Lakeshore Freshwater Data Collaborative – research hub", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ClosedWonStageId, "21000"),
        new("19380000112", "Prairie Schools Computing Network – pilot", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ClosedWonStageId, "9000"),
    ];
}

using System.Globalization;
using System.Text;
using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Validation;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Services;
using Onboarding.Services.Freshdesk;
using Onboarding.Services.GitHub;
using Onboarding.Services.HubSpot;
using Onboarding.Services.Planning;

namespace Onboarding.Testing;

/// <summary>Requests one service served in a run, as its emulator's journal recorded them.</summary>
/// <param name="Limit">The emulator's limit per <paramref name="Window"/>.</param>
/// <param name="Span">From the first request's arrival to the last one's.</param>
/// <param name="PerWindow">The average number of requests in a window of the limit's length, over every such window
/// that starts and ends within the span (all of them when the span is shorter than one window).</param>
public sealed record ServiceLoad(string Service, int Requests, int RateLimited, int Failed, int Limit, TimeSpan Window, TimeSpan Span, double PerWindow)
{
    public double ShareOfLimit => PerWindow / Limit;

    /// <summary>Measures <paramref name="arrivals"/> (in order) as <see cref="PerWindow"/> describes, sampled every 100 ms.</summary>
    public static double AveragePerWindow(IReadOnlyList<DateTimeOffset> arrivals, TimeSpan window)
    {
        if (arrivals.Count == 0)
            return 0;
        var first = arrivals[0];
        var last = arrivals[^1];
        if (last - first <= window)
            return arrivals.Count;
        var step = TimeSpan.FromMilliseconds(100);
        long total = 0;
        var samples = 0;
        int from = 0, to = 0;
        for (var start = first; start + window <= last; start += step)
        {
            while (from < arrivals.Count && arrivals[from] < start)
                from++;
            while (to < arrivals.Count && arrivals[to] < start + window)
                to++;
            total += to - from;
            samples++;
        }

        return (double)total / samples;
    }
}

/// <summary>
/// Many generated communities against the sandbox, for the load benchmark and its bounded test: the first import of
/// <c>apply --all</c>, and one changed community applied into a repository that already holds many.
/// </summary>
public sealed class LoadRig : IAsyncDisposable
{
    /// <summary>The emulators' limits the load runs under: HubSpot's private-app burst budget and a Freshdesk plan's per-minute budget.</summary>
    public const int HubSpotLimit = 100;
    public const int FreshdeskLimit = 200;

    private static readonly DateOnly Today = new(2026, 11, 24);

    private LoadRig(SandboxServer sandbox, OnboardingSettings settings, TimeProvider time)
    {
        Sandbox = sandbox;
        Settings = settings;
        Time = time;
    }

    public SandboxServer Sandbox { get; }

    public OnboardingSettings Settings { get; }

    /// <summary>The clock the rig's clients run on (the emulators' own view of it is the sandbox's).</summary>
    public TimeProvider Time { get; }

    /// <summary>
    /// A sandbox whose HubSpot knows the deal of each of the first <paramref name="communities"/> generated communities
    /// (in stages that let turnup issues open). <paramref name="limitsOn"/>: HubSpot's 100 per 10 s and Freshdesk's Growth plan (200
    /// per minute, lists 20 and ticket writes 80 a minute); otherwise limits too large to matter (for seeding state quickly).
    /// </summary>
    /// <param name="freshdeskLimit">Freshdesk's per-minute budget when the limits are on (tests lower it to cross a window sooner).</param>
    /// <param name="clock">The clock of a test; none runs the rig on real time, as the benchmark does.</param>
    public static async Task<LoadRig> StartAsync(int communities, bool limitsOn, string? stateDirectory = null, int freshdeskLimit = FreshdeskLimit, FakeClock? clock = null)
    {
        var hubSpot = SandboxSeeds.HubSpot();
        hubSpot = hubSpot with
        {
            Deals = [.. hubSpot.Deals, .. Enumerable.Range(0, communities).Select(n => new HubSpotSeedDeal(
                DealId(n), $"Generated Community {n}", HubSpotSeed.OnboardingPipelineId, n % 2 == 0 ? HubSpotSeed.ContractAdminStageId : HubSpotSeed.ClosedWonStageId))],
            RateLimit = limitsOn ? HubSpotLimit : 1_000_000,
        };
        var options = new SandboxOptions
        {
            HubSpot = hubSpot,
            Freshdesk = new() { RateLimits = limitsOn ? FreshdeskPlanLimits.Of("growth") with { Requests = freshdeskLimit } : FreshdeskPlanLimits.PerMinuteOnly(1_000_000) },
            // Off also lifts GitHub's search (30 a minute) and content-creation limits (80 a minute, 500 an hour), which seeding a thousand
            // communities' turnup issues would otherwise wait out in real time.
            GitHub = limitsOn ? new() { RateLimit = 5000 } : new() { RateLimit = 1_000_000, SearchRateLimit = 1_000_000, ContentCreationPerMinute = 1_000_000, ContentCreationPerHour = 1_000_000 },
            StateDirectory = stateDirectory,
            Time = clock?.EmulatorTime ?? TimeProvider.System,
        };
        // The load measures the pace at the whole of the limits: this program's share is all of them here.
        var settings = new OnboardingSettings { Freshdesk = new FreshdeskSettings { Share = 1 } };
        return new LoadRig(await SandboxServer.StartAsync(options), settings, clock?.Time ?? TimeProvider.System);
    }

    public static string DealId(int n) => (100000 + n).ToString(CultureInfo.InvariantCulture);

    public static string PathOf(int n) => $"communities/c{n.ToString("D6", CultureInfo.InvariantCulture)}.yaml";

    /// <summary>The first <paramref name="count"/> generated manifests, validated together as a repository of that size.</summary>
    public static IReadOnlyList<ManifestDocument> Repository(int count, int? changed = null)
    {
        var files = Enumerable.Range(0, count)
            .Select(n => new SourceFile(PathOf(n), Encoding.UTF8.GetBytes(n == changed ? Changed(n) : ManifestText.Generated(n))))
            .ToList();
        var result = new ManifestValidator().Validate(files, Today);
        if (result.Documents.Count != count)
            throw new InvalidOperationException($"Only {result.Documents.Count} of {count} generated manifests are valid.");
        return result.Documents;
    }

    /// <summary>Generated manifest <paramref name="n"/> after a typical change: a new long name and a second technical contact.</summary>
    public static string Changed(int n)
    {
        var text = ManifestText.Generated(n);
        var name = "c" + n.ToString("D6", CultureInfo.InvariantCulture);
        var techEmail = $"    email: tech@{name}.example.org\n";
        if (!text.Contains(techEmail, StringComparison.Ordinal))
            throw new InvalidOperationException("The generated manifest no longer has the expected technical contact.");
        return text
            .Replace($"long_name: Generated Community {n}\n", $"long_name: Generated Community {n}, renamed\n", StringComparison.Ordinal)
            .Replace(techEmail, techEmail + $"  - name: Ops {n}\n    email: ops@{name}.example.org\n", StringComparison.Ordinal);
    }

    /// <summary>
    /// One apply run over <paramref name="documents"/> with the clients the CLI builds (paced to the services' limits)
    /// and apply's guard. <paramref name="wholeRepository"/> as <c>apply --all</c>; false as a push that changed these
    /// manifests in a repository of <paramref name="repositorySize"/> communities (all of them when null).
    /// <paramref name="allowLargeChange"/> as <c>--allow-large-change</c>, which a first import needs.
    /// </summary>
    public async Task<ApplyReport> ApplyAsync(
        IReadOnlyList<ManifestDocument> documents, bool wholeRepository, bool allowLargeChange = false, int? repositorySize = null, CancellationToken cancellationToken = default)
    {
        var guard = new ApplyGuard(repositorySize ?? documents.Count, allowLargeChange, FindApproval: null);
        using var connections = new ServiceConnections(Access(), Settings, Time);
        var runner = new ApplyRunner(
            connections.CreateReader(wholeRepository, bulk: ObservedStateReader.ReadsInBulk(wholeRepository, documents.Count)),
            new PlanExecutor(connections.HubSpot, connections.Freshdesk, connections.InfrastructureIssues, Settings, connections.Projects),
            Settings,
            TurnupFixtures.Templates,
            Today);
        return await runner.RunAsync([.. documents.Select(d => new PlanInput(d, null))], [], guard, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="documents"/> with clients paced far beyond any real limit: only to put a large
    /// repository's state into the services quickly (start the rig with limits off).
    /// </summary>
    public async Task<ApplyReport> SeedAsync(IReadOnlyList<ManifestDocument> documents, CancellationToken cancellationToken = default)
    {
        var window = TimeSpan.FromSeconds(1);
        using var hubSpot = new HubSpotClient(new HubSpotOptions
        {
            BaseAddress = Sandbox.HubSpot.BaseAddress,
            AccessToken = Sandbox.Options.HubSpot.Tokens[0],
            CommunityObjectType = Settings.HubSpot.CommunityObjectType,
            CommunityNameProperty = Settings.HubSpot.Properties.Name,
            RequestsPerWindow = 100_000,
            Window = window,
        }, Time);
        using var freshdesk = new FreshdeskClient(new FreshdeskClientOptions
        {
            BaseAddress = Sandbox.Freshdesk.BaseAddress,
            ApiKey = Sandbox.Options.Freshdesk.ApiKey,
            Limits = FreshdeskRateLimits.PerMinute(1_000_000),
        }, Time);
        var (owner, repository) = ServiceConnections.SplitRepository(Settings.GitHub.InfrastructureRepository);
        var endpoint = GitHubClientOptions.DefaultEndpoint(Sandbox.GitHub.BaseAddress) with { RequestsPerWindow = 1_000_000 };
        // With the emulator's limits off, the client's own pace for GitHub's content-creation limits (500 an hour) goes
        // too: otherwise seeding a thousand communities' turnup issues would wait it out for hours in real time.
        var unlimited = Sandbox.Options.GitHub.ContentCreationPerHour >= 1_000_000;
        using var gitHub = new GitHubClient(new GitHubClientOptions(endpoint, owner, repository, Sandbox.Options.GitHub.Tokens[0].Token)
        {
            ContentCreationLimits = unlimited ? new ContentCreationLimits(1_000_000, 1_000_000) : ContentCreationLimits.GitHub,
        }, Time);
        var runner = new ApplyRunner(
            new ObservedStateReader(hubSpot, freshdesk, gitHub, Settings, wholeRepository: true),
            new PlanExecutor(hubSpot, freshdesk, gitHub, Settings),
            Settings,
            TurnupFixtures.Templates,
            Today);
        return await runner.RunAsync([.. documents.Select(d => new PlanInput(d, null))], [], cancellationToken: cancellationToken);
    }

    /// <summary>What each service served among <paramref name="entries"/>.</summary>
    public IReadOnlyList<ServiceLoad> Load(IReadOnlyList<JournalEntry> entries)
    {
        var o = Sandbox.Options;
        return
        [
            Of("hubspot", o.HubSpot.RateLimit, o.HubSpot.RateWindow),
            Of("freshdesk", o.Freshdesk.Limits.Requests, o.Freshdesk.Limits.Window),
            Of("github", o.GitHub.RateLimit, o.GitHub.RateLimitWindow),
        ];

        ServiceLoad Of(string service, int limit, TimeSpan window)
        {
            var mine = entries.Where(e => e.Service == service).OrderBy(e => e.At).ToList();
            var span = mine.Count < 2 ? TimeSpan.Zero : mine[^1].At - mine[0].At;
            var perWindow = ServiceLoad.AveragePerWindow([.. mine.Select(e => e.At)], window);
            return new ServiceLoad(service, mine.Count, mine.Count(e => e.Status == 429), mine.Count(e => e.Status >= 500 || e.Fault is not null), limit, window, span, perWindow);
        }
    }

    private ServiceAccess Access() => SandboxAccess.Of(Sandbox);

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();
}

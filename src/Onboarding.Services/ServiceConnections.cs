using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Services.Freshdesk;
using Onboarding.Services.GitHub;
using Onboarding.Services.HubSpot;
using Onboarding.Services.Planning;
using Onboarding.Services.Prometheus;

namespace Onboarding.Services;

/// <summary>Where the services live and the credentials for each. Secrets come from environment variables only.</summary>
/// <param name="Prometheus">The hubs' Prometheus when it is not the configured <c>prometheus_url</c> (the sandbox's emulator).</param>
public sealed record ServiceAccess(Uri HubSpot, string HubSpotToken, Uri Freshdesk, string FreshdeskApiKey, Uri GitHub, string GitHubToken, PrometheusAddress? Prometheus = null)
{
    /// <summary>Which basic-auth login goes to which community's Prometheus (none: no community is asked).</summary>
    public PrometheusLogins PrometheusLogins { get; init; } = PrometheusLogins.None;

    public const string HubSpotTokenVariable = "HUBSPOT_TOKEN";
    public const string FreshdeskApiKeyVariable = "FRESHDESK_API_KEY";
    public const string GitHubTokenVariable = "GITHUB_TOKEN";

    public IReadOnlyList<string> Secrets => [HubSpotToken, FreshdeskApiKey, GitHubToken];

    // Records print their members; this one holds secrets.
    public override string ToString() => $"HubSpot at {HubSpot}, Freshdesk at {Freshdesk}, GitHub at {GitHub}";
}

/// <summary>The clients of one run, built from <see cref="ServiceAccess"/> and the settings.</summary>
public sealed class ServiceConnections : IDisposable
{
    private readonly HubSpotClient _hubSpot;
    private readonly FreshdeskClient _freshdesk;
    private readonly GitHubClient _gitHub;
    private readonly GitHubProjects? _projects;
    private readonly PrometheusClient? _prometheus;
    private readonly ServiceAccess _access;
    private readonly TimeProvider _time;

    /// <param name="time">The one clock every client paces, waits and times out on (the command's clock).</param>
    /// <param name="maxRetries">Retries per request (tests lower it to watch faults get through).</param>
    public ServiceConnections(ServiceAccess access, OnboardingSettings settings, TimeProvider time, int maxRetries = 5)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        Settings = settings;
        _access = access;
        _time = time;
        _hubSpot = new HubSpotClient(new HubSpotOptions { BaseAddress = access.HubSpot, AccessToken = access.HubSpotToken, CommunityObjectType = settings.HubSpot.CommunityObjectType, CommunityNameProperty = settings.HubSpot.Properties.Name, MaxRetries = maxRetries, DailyLimit = settings.HubSpot.DailyLimit, DailyShare = settings.HubSpot.Share }, time);
        _freshdesk = new FreshdeskClient(new FreshdeskClientOptions
        {
            BaseAddress = access.Freshdesk,
            ApiKey = access.FreshdeskApiKey,
            Limits = FreshdeskRateLimits.For(settings.Freshdesk.Plan),
            Share = settings.Freshdesk.Share,
            MaxRetries = maxRetries,
        }, time);
        var (owner, repository) = SplitRepository(settings.GitHub.InfrastructureRepository);
        var gitHub = new GitHubClientOptions(GitHubClientOptions.DefaultEndpoint(access.GitHub) with { MaxRetries = maxRetries }, owner, repository, access.GitHubToken);
        _gitHub = new GitHubClient(gitHub, time);
        if (settings.GitHub.Project is { } board)
            _projects = new GitHubProjects(gitHub, board, time);
        if ((access.Prometheus ?? settings.PrometheusUrl) is { } prometheus)
        {
            _prometheus = new PrometheusClient(
                new PrometheusClientOptions { Address = prometheus, Logins = access.PrometheusLogins, MaxRetries = maxRetries }, time);
        }
    }

    public OnboardingSettings Settings { get; }

    public IHubSpot HubSpot => _hubSpot;

    public IFreshdeskClient Freshdesk => _freshdesk;

    public IGitHubIssues InfrastructureIssues => _gitHub;

    /// <summary>The infrastructure repository's files (its issue templates).</summary>
    public IRepositoryFiles InfrastructureFiles => _gitHub;

    /// <summary>How the portal is set up (doctor reads it, setup creates what is missing).</summary>
    public IHubSpotPortal Portal => _hubSpot;

    /// <summary>How the helpdesk is set up.</summary>
    public IFreshdeskAccount FreshdeskAccount => _freshdesk;

    /// <summary>The infrastructure repository itself: the token's access, its labels and files.</summary>
    public IGitHubRepository InfrastructureRepository => _gitHub;

    /// <summary>The team's project (<c>github.project</c>); null when none is configured.</summary>
    public GitHubProjects? Projects => _projects;

    /// <summary>Null when no Prometheus is configured (the First Value check is then skipped).</summary>
    public IPrometheus? Prometheus => _prometheus;

    /// <param name="wholeRepository">Read every turnup issue once (<c>apply --all</c>) instead of each community's by its label.</param>
    /// <param name="board">Read the team's project (plan, apply); drift leaves it alone, since where an issue sits there is nobody's drift.</param>
    /// <param name="bulk">Read each service once in pages and batches and answer every community from that snapshot
    /// (a run over many communities: <see cref="ObservedStateReader.ReadsInBulk"/>); implies <paramref name="wholeRepository"/>.</param>
    public IObservedStateReader CreateReader(bool wholeRepository = false, bool board = true, bool bulk = false) =>
        new ObservedStateReader(_hubSpot, _freshdesk, _gitHub, Settings, wholeRepository || bulk) { Projects = board ? _projects : null, Bulk = bulk };

    /// <summary>
    /// Issues of another repository on the same GitHub (the one running the workflow, for the drift issue), with its
    /// own token; the caller disposes it.
    /// </summary>
    public GitHubClient RepositoryIssues(string ownerAndName, string? token = null)
    {
        var (owner, repository) = SplitRepository(ownerAndName);
        return new GitHubClient(new GitHubClientOptions(GitHubClientOptions.DefaultEndpoint(_access.GitHub), owner, repository, token ?? _access.GitHubToken), _time);
    }

    public static (string Owner, string Repository) SplitRepository(string ownerAndName)
    {
        var parts = ownerAndName.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0)
            ? (parts[0], parts[1])
            : throw new ArgumentException($"'{ownerAndName}' is not a repository in the form owner/name.", nameof(ownerAndName));
    }

    public void Dispose()
    {
        _hubSpot.Dispose();
        _freshdesk.Dispose();
        _gitHub.Dispose();
        _projects?.Dispose();
        _prometheus?.Dispose();
    }
}

using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Services;

namespace Onboarding.Cli.Commands;

/// <summary>
/// The services a command talks to: the built-in sandbox, the real ones when every service secret is set (addresses
/// from the settings, secrets from environment variables only), or none (then the command works from git alone and
/// says so).
/// </summary>
internal sealed class ServiceSession : IAsyncDisposable
{
    /// <summary>The GitHub Actions environment that holds the service secrets (apply.yml runs in it).</summary>
    public const string ProductionEnvironment = "production";

    private readonly SandboxServer? _sandbox;
    private readonly JournalFile? _journal;

    private ServiceSession(ServiceConnections? connections, SandboxServer? sandbox, string description, JournalFile? journal = null)
    {
        Connections = connections;
        _sandbox = sandbox;
        Description = description;
        _journal = journal;
    }

    public bool IsSandbox => _sandbox is not null;

    /// <summary>Null when no credentials were given.</summary>
    public ServiceConnections? Connections { get; }

    /// <summary>A sentence for the reviewer: which services were read, or why none were.</summary>
    public string Description { get; }

    /// <param name="resetSandbox">Start the sandbox from its seed, forgetting what earlier runs left in it.</param>
    /// <param name="journal">With <paramref name="sandbox"/>: the file every request the emulators receive is written to (JSON lines).</param>
    /// <param name="credentials">Which variable gives each service's credential (default: <see cref="ServiceCredentials.Writing"/>).</param>
    public static async Task<ServiceSession> OpenAsync(
        CliContext context, bool sandbox, OnboardingSettings settings, CancellationToken cancellationToken, bool resetSandbox = false, string? journal = null,
        ServiceCredentials? credentials = null)
    {
        credentials ??= ServiceCredentials.Writing;
        if (sandbox)
        {
            if (resetSandbox && context.SandboxState is { } folder)
                SandboxServer.ResetState(folder);
            // The emulators keep the command's time too: their rate windows and the clients' pace count on one clock.
            // The helpdesk plays the configured plan, whose limits the client keeps to.
            var server = await SandboxServer.StartAsync(
                new SandboxOptions { StateDirectory = context.SandboxState, Time = context.Clock, Freshdesk = new FreshdeskSeed { Plan = settings.Freshdesk.Plan.ToString() } },
                cancellationToken);
            JournalFile? file;
            try
            {
                file = journal is null ? null : OpenJournal(server, journal);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            var access = new ServiceAccess(
                server.HubSpot.BaseAddress, server.Options.HubSpot.Tokens[0],
                server.Freshdesk.BaseAddress, server.Options.Freshdesk.ApiKey,
                server.GitHub.BaseAddress, server.Options.GitHub.Tokens[0].Token,
                new PrometheusAddress(server.PrometheusTemplate))
            {
                PrometheusUsername = server.Options.Prometheus.Username,
                PrometheusPassword = server.Options.Prometheus.Password,
            };
            return new ServiceSession(new ServiceConnections(access, settings, context.Clock), server,
                "Live checks ran against the built-in sandbox (local emulators of HubSpot, Freshdesk, GitHub and Prometheus)."
                + (file is null ? "" : $" Every request they received is in {file.Path}."),
                file);
        }

        var missing = credentials.Needed.Where(s => Secrets.Value(context, s) is null).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            return new ServiceSession(null, null,
                $"Live checks were skipped: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set (pull-request checks are given none). " +
                "Deal stages and what the services already hold were not read; the plan compares the manifests with their base version in git.");
        }

        // A command that never talks to Freshdesk is given no key: its client is built with none and never called.
        var real = new ServiceAccess(
            settings.HubSpot.BaseUrl, Secrets.Value(context, credentials.HubSpot)!,
            settings.Freshdesk.HelpdeskUrl, credentials.Freshdesk is { } freshdesk ? Secrets.Value(context, freshdesk)! : "",
            settings.GitHub.ApiUrl, Secrets.Value(context, credentials.Infrastructure)!)
        {
            // Half a login is no login; first-value says which half is missing (PrometheusLoginProblem).
            PrometheusUsername = PrometheusLoginProblem(context, "") is null ? Secrets.Value(context, Secrets.PrometheusUsername) : null,
            PrometheusPassword = PrometheusLoginProblem(context, "") is null ? Secrets.Value(context, Secrets.PrometheusPassword) : null,
        };
        return new ServiceSession(new ServiceConnections(real, settings, context.Clock), null, "Live checks read HubSpot, Freshdesk and GitHub (read requests only).");
    }

    /// <summary>
    /// For commands that must not fall back to working offline (apply): one sentence per service secret that is not
    /// set, naming the variable; empty when all are.
    /// </summary>
    public static IReadOnlyList<string> RequireSecrets(CliContext context, string command, ServiceCredentials? credentials = null) =>
        [.. (credentials ?? ServiceCredentials.Writing).Needed
            .Where(s => Secrets.Value(context, s) is null)
            .Select(s => $"{command} needs {s.Name}: {s.Purpose}. Set it as a secret of the '{ProductionEnvironment}' environment.")];

    /// <summary>
    /// Outside the sandbox, reports on the error stream each service secret <paramref name="command"/> needs and does
    /// not have (<see cref="RequireSecrets"/>); true when the command may go on.
    /// </summary>
    public static bool SecretsReady(CliContext context, string command, bool sandbox, ServiceCredentials? credentials = null)
    {
        if (sandbox)
            return true;
        var missing = RequireSecrets(context, command, credentials);
        foreach (var sentence in missing)
            context.Error.WriteLine($"onboarding {command}: {sentence}");
        return missing.Count == 0;
    }

    /// <summary>The Prometheus login is optional, but one half without the other is a mistake: a sentence naming the missing one, or null.</summary>
    public static string? PrometheusLoginProblem(CliContext context, string command)
    {
        var user = Secrets.Value(context, Secrets.PrometheusUsername) is not null;
        var password = Secrets.Value(context, Secrets.PrometheusPassword) is not null;
        if (user == password)
            return null;
        var (set, missing) = user ? (Secrets.PrometheusUsername, Secrets.PrometheusPassword) : (Secrets.PrometheusPassword, Secrets.PrometheusUsername);
        return $"{command} needs {missing.Name} as well: {set.Name} is set, and the proxy in front of Prometheus takes both. Set it as a secret of the '{ProductionEnvironment}' environment, or unset {set.Name}.";
    }

    /// <summary>Writes every request the sandbox's emulators receive from now on to <paramref name="path"/>, one JSON line each.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names it.</exception>
    public static JournalFile OpenJournal(SandboxServer server, string path)
    {
        ArgumentNullException.ThrowIfNull(server);
        try
        {
            return server.Journal.WriteTo(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IOException($"Could not write the request journal {path}: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Connections?.Dispose();
        _journal?.Dispose();
        if (_sandbox is not null)
            await _sandbox.DisposeAsync();
    }
}

/// <summary>Which variable gives each service's credential to a command; a null service is one the command never uses.</summary>
internal sealed record ServiceCredentials(SecretVariable HubSpot, SecretVariable? Freshdesk, SecretVariable Infrastructure)
{
    /// <summary>apply, import and plan: the credentials that may write.</summary>
    public static ServiceCredentials Writing { get; } = new(Secrets.HubSpotToken, Secrets.FreshdeskApiKey, Secrets.InfrastructureGitHubToken);

    /// <summary>drift: read-only credentials only, with no fallback to the ones that may write.</summary>
    public static ServiceCredentials ReadOnly { get; } = new(Secrets.HubSpotReadOnlyToken, Secrets.FreshdeskReadOnlyApiKey, Secrets.InfrastructureReadOnlyGitHubToken);

    /// <summary>first-value: HubSpot and the infrastructure repository; it never reads Freshdesk, so it needs no key for it.</summary>
    public static ServiceCredentials WithoutFreshdesk { get; } = Writing with { Freshdesk = null };

    public IReadOnlyList<SecretVariable> Needed => [HubSpot, .. Freshdesk is null ? Array.Empty<SecretVariable>() : [Freshdesk], Infrastructure];
}

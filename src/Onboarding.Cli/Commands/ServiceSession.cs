using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.GitHub;
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

    /// <summary>The service secrets that are not set, when opened with <c>withUnsetSecrets</c>: their services must not be asked.</summary>
    public IReadOnlyList<string> UnsetSecrets { get; private init; } = [];

    /// <summary>Null when no credentials were given.</summary>
    public ServiceConnections? Connections { get; }

    /// <summary>A sentence for the reviewer: which services were read, or why none were.</summary>
    public string Description { get; }

    /// <param name="resetSandbox">Start the sandbox from its seed, forgetting what earlier runs left in it.</param>
    /// <param name="journal">With <paramref name="sandbox"/>: the file every request the emulators receive is written to (JSON lines).</param>
    /// <param name="turnupTemplates">With <paramref name="sandbox"/>: issue templates put in place of the sandbox
    /// repository's (<c>--turnup-templates DIR</c>), by file name.</param>
    /// <param name="blank">With <paramref name="sandbox"/>: a sandbox that starts from its seeds starts as a new installation finds the services (<see cref="SandboxSeeds.Blank"/>).</param>
    /// <param name="withUnsetSecrets">
    /// Connect even when some service secrets are not set (doctor): those services get a placeholder credential and are
    /// named in <see cref="UnsetSecrets"/>, so the caller leaves them alone.
    /// </param>
    /// <param name="credentials">Which variable gives each service's credential (default: <see cref="ServiceCredentials.Writing"/>).</param>
    public static async Task<ServiceSession> OpenAsync(
        CliContext context, bool sandbox, OnboardingSettings settings, CancellationToken cancellationToken, bool resetSandbox = false, string? journal = null,
        IReadOnlyList<(string Name, string Text)>? turnupTemplates = null, bool blank = false, bool withUnsetSecrets = false, ServiceCredentials? credentials = null)
    {
        credentials ??= ServiceCredentials.Writing;
        if (sandbox)
        {
            if (resetSandbox && context.SandboxState is { } folder)
                SandboxServer.ResetState(folder);
            // The emulators keep the command's time too: their rate windows and the clients' pace count on one clock.
            // The helpdesk plays the configured plan, whose limits the client keeps to.
            var options = new SandboxOptions { StateDirectory = context.SandboxState, Time = context.Clock, Freshdesk = new FreshdeskSeed { Plan = settings.Freshdesk.Plan.ToString() },
                HubSpot = SandboxSeeds.HubSpot() with { DailyLimit = settings.HubSpot.DailyLimit },
            };
            var server = await SandboxServer.StartAsync(blank ? SandboxSeeds.Blank(options) : options, cancellationToken);
            JournalFile? file;
            try
            {
                if (turnupTemplates is not null)
                    PutTemplates(server, turnupTemplates);
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
                PrometheusLogins = server.Options.Prometheus.ClientLogins(),
            };
            return new ServiceSession(new ServiceConnections(access, settings, context.Clock), server,
                "Live checks ran against the built-in sandbox (local emulators of HubSpot, Freshdesk, GitHub and Prometheus)."
                + (turnupTemplates is null ? "" : $" Its infrastructure repository's {SampleTemplates.Folder}/ holds the {turnupTemplates.Count} templates given with --turnup-templates.")
                + (file is null ? "" : $" Every request they received is in {file.Path}."),
                file);
        }

        var missing = credentials.Needed.Where(s => Secrets.Value(context, s) is null).Select(s => s.Name).ToList();
        if (missing.Count > 0 && withUnsetSecrets)
        {
            const string unset = "unset";
            var partial = new ServiceAccess(
                settings.HubSpot.BaseUrl, Secrets.Value(context, Secrets.HubSpotToken) ?? unset,
                settings.Freshdesk.HelpdeskUrl, Secrets.Value(context, Secrets.FreshdeskApiKey) ?? unset,
                settings.GitHub.ApiUrl, Secrets.Value(context, Secrets.InfrastructureGitHubToken) ?? unset)
            {
                PrometheusLogins = PrometheusLogins.FromVariables(name => Secrets.Value(context, name), settings.PrometheusSharedLogin),
            };
            return new ServiceSession(new ServiceConnections(partial, settings, context.Clock), null, "Read the services whose secrets are set (read requests only).")
            {
                UnsetSecrets = missing,
            };
        }

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
            // Each community's own login; the shared one only for the communities the configuration lists (never half a pair).
            PrometheusLogins = PrometheusLogins.FromVariables(name => Secrets.Value(context, name), settings.PrometheusSharedLogin),
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

    /// <summary>The shared Prometheus login is optional, but one half without the other is a mistake: a sentence naming the missing one, or null.</summary>
    public static string? PrometheusLoginProblem(CliContext context, string command)
    {
        var user = Secrets.Value(context, Secrets.PrometheusUsername) is not null;
        var password = Secrets.Value(context, Secrets.PrometheusPassword) is not null;
        if (user == password)
            return null;
        var (set, missing) = user ? (Secrets.PrometheusUsername, Secrets.PrometheusPassword) : (Secrets.PrometheusPassword, Secrets.PrometheusUsername);
        return $"{command} needs {missing.Name} as well: {set.Name} is set, and the proxy in front of Prometheus takes both. Set it as a secret of the '{ProductionEnvironment}' environment, or unset {set.Name}.";
    }

    /// <summary>
    /// Puts <paramref name="templates"/> in place of the issue templates of the sandbox's infrastructure repository, as a
    /// push would; they stay in its kept state until <c>--reset</c> brings back the samples.
    /// </summary>
    public static void PutTemplates(SandboxServer server, IReadOnlyList<(string Name, string Text)> templates)
    {
        ArgumentNullException.ThrowIfNull(server);
        var infrastructure = server.Options.GitHub.Repositories[0];
        server.GitHubEmulator.Store.ReplaceIssueTemplates($"{infrastructure.Owner}/{infrastructure.Name}", templates);
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

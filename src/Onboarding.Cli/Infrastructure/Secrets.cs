using Onboarding.Core.Services.Prometheus;

namespace Onboarding.Cli.Infrastructure;

/// <summary>A secret the program reads from an environment variable, and what it is, in words for the person setting it.</summary>
internal sealed record SecretVariable(string Name, string Purpose);

/// <summary>
/// The secrets, which come from environment variables only (never from <c>onboarding.yaml</c>), and the two things done
/// so their values are never shown: masking under GitHub Actions, and redacting any text that reaches the user.
/// </summary>
internal static class Secrets
{
    public static SecretVariable HubSpotToken { get; } = new("HUBSPOT_TOKEN", "the HubSpot private app token");

    public static SecretVariable FreshdeskApiKey { get; } = new("FRESHDESK_API_KEY", "the Freshdesk API key");

    /// <summary>Not GITHUB_TOKEN: the token Actions gives a workflow cannot write to another repository.</summary>
    public static SecretVariable InfrastructureGitHubToken { get; } =
        new("INFRA_GITHUB_TOKEN", "a GitHub token that may read and write issues in the infrastructure repository and read its contents (the turnup templates)");

    /// <summary>The workflow's own token: the plan comment on the pull request, and apply's approval label.</summary>
    public static SecretVariable PullRequestToken { get; } = new("GITHUB_TOKEN", "the workflow's own token, for the plan comment and for reading the approval label of a merged pull request");

    /// <summary>
    /// The shared login of the proxy in front of the Prometheus the organisation runs itself; sent only to the
    /// communities <c>prometheus_shared_login</c> lists (<see cref="PrometheusLogins"/>).
    /// </summary>
    public static SecretVariable PrometheusUsername { get; } = new(PrometheusLogins.SharedUsernameVariable, "the user name of the proxy in front of the Prometheus the organisation runs");

    public static SecretVariable PrometheusPassword { get; } = new(PrometheusLogins.SharedPasswordVariable, "the password of the proxy in front of the Prometheus the organisation runs");

    /// <summary>
    /// One community's own Prometheus login, <c>PROMETHEUS_&lt;NAME&gt;_USERNAME</c> and <c>_PASSWORD</c>. Not in
    /// <see cref="All"/>, whose names are fixed: every variable of this pattern that is set is masked and redacted too.
    /// </summary>
    public static (SecretVariable Username, SecretVariable Password) PrometheusLoginOf(string community) => (
        new(PrometheusLogins.UsernameVariable(community), $"the user name of the proxy in front of {community}'s Prometheus"),
        new(PrometheusLogins.PasswordVariable(community), $"the password of the proxy in front of {community}'s Prometheus"));

    /// <summary>Read-only credentials, for drift, which never writes to the services and never falls back to the ones that may.</summary>
    public static SecretVariable HubSpotReadOnlyToken { get; } =
        new("HUBSPOT_READONLY_TOKEN", "a HubSpot private app token with read scopes only (drift never uses HUBSPOT_TOKEN, which may write)");

    public static SecretVariable FreshdeskReadOnlyApiKey { get; } =
        new("FRESHDESK_READONLY_API_KEY", "the API key of a Freshdesk agent whose role may only read (drift never uses FRESHDESK_API_KEY, which may write)");

    public static SecretVariable InfrastructureReadOnlyGitHubToken { get; } =
        new("INFRA_GITHUB_READONLY_TOKEN", "a GitHub token that may only read the infrastructure repository's issues and contents (the turnup templates) (drift never uses INFRA_GITHUB_TOKEN, which may write)");

    /// <summary>What reading or writing the three services needs.</summary>
    public static IReadOnlyList<SecretVariable> Services { get; } = [HubSpotToken, FreshdeskApiKey, InfrastructureGitHubToken];

    public static IReadOnlyList<SecretVariable> All { get; } =
    [
        HubSpotToken, FreshdeskApiKey, InfrastructureGitHubToken, PullRequestToken, PrometheusUsername, PrometheusPassword,
        HubSpotReadOnlyToken, FreshdeskReadOnlyApiKey, InfrastructureReadOnlyGitHubToken,
    ];

    public static string? Value(CliContext context, SecretVariable secret) => Value(context, secret.Name);

    public static string? Value(CliContext context, string name) =>
        context.Environment.Get(name) is { Length: > 0 } value ? value : null;

    /// <summary>The value of every secret that is set: those of <see cref="All"/> and each community's Prometheus login.</summary>
    public static IEnumerable<string> Values(CliContext context) =>
        All.Select(s => s.Name)
            .Concat(context.Environment.Names.Where(PrometheusLogins.IsCommunityVariable).Order(StringComparer.Ordinal))
            .Select(name => Value(context, name))
            .OfType<string>();

    /// <summary>
    /// Under GitHub Actions, <c>::add-mask::</c> for every secret that is set, so the runner hides it in the log even if
    /// it were printed. Must come before any other output: the runner masks only what follows.
    /// </summary>
    public static void MaskUnderActions(CliContext context)
    {
        if (!new GitHubActions(context).IsActive)
            return;
        foreach (var value in Values(context).Distinct(StringComparer.Ordinal))
        {
            context.Out.WriteLine($"::add-mask::{GitHubActions.Data(value)}");
            // The runner masks line by line, so a value over several lines is masked line by line as well.
            foreach (var line in value.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && l != value))
                context.Out.WriteLine($"::add-mask::{GitHubActions.Data(line)}");
        }
    }

    /// <summary>Text from elsewhere (an exception, a service's answer) with every secret value replaced by ***.</summary>
    public static string Redact(CliContext context, string text)
    {
        // Longest first, so a secret that contains another is replaced whole.
        foreach (var value in Values(context).OrderByDescending(v => v.Length))
            text = text.Replace(value, "***", StringComparison.Ordinal);
        return text;
    }
}

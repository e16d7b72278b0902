using System.Text;

namespace Onboarding.Core.Services.Prometheus;

/// <summary>HTTP basic auth for the proxy in front of one community's Prometheus.</summary>
public sealed record PrometheusLogin(string Username, string Password)
{
    // Records print their members; this one is a credential.
    public override string ToString() => "a Prometheus login";
}

/// <summary>Why a community's Prometheus is not asked, as a sentence naming what to set.</summary>
/// <param name="IsMistake">
/// Half a login (the community's hubs fail, so the run says so with its exit code) rather than none at all (they are
/// skipped: a community whose login was never given is not an error of this run).
/// </param>
public sealed record PrometheusLoginGap(string Reason, bool IsMistake);

/// <summary>The login meant for one community's Prometheus and the variables it came from, or why there is none.</summary>
public sealed record PrometheusLoginChoice
{
    private PrometheusLoginChoice(PrometheusLogin? login, string? source, PrometheusLoginGap? gap)
    {
        Login = login;
        Source = source;
        Gap = gap;
    }

    /// <summary>Null exactly when <see cref="Gap"/> is not.</summary>
    public PrometheusLogin? Login { get; }

    /// <summary>Where the login came from, in words for a refusal ("PROMETHEUS_TIDEPOOL_USERNAME and PROMETHEUS_TIDEPOOL_PASSWORD").</summary>
    public string? Source { get; }

    public PrometheusLoginGap? Gap { get; }

    public static PrometheusLoginChoice Use(PrometheusLogin login, string source)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return new(login, source, null);
    }

    public static PrometheusLoginChoice Missing(string reason, bool isMistake = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, null, new PrometheusLoginGap(reason, isMistake));
    }
}

/// <summary>
/// Which login goes to which community's Prometheus. A community's Prometheus may run in a cloud account the community
/// controls, where whoever runs it can read what is sent to it: so each community has a login of its own
/// (<c>PROMETHEUS_&lt;COMMUNITY&gt;_USERNAME</c> and <c>_PASSWORD</c>), and the organisation's shared login
/// (<c>PROMETHEUS_USERNAME</c>, <c>PROMETHEUS_PASSWORD</c>) goes only to the communities the configuration lists under
/// <c>prometheus_shared_login</c>, whose Prometheus the organisation runs itself. A community with neither is not asked.
/// </summary>
public sealed class PrometheusLogins
{
    public const string SharedUsernameVariable = "PROMETHEUS_USERNAME";

    public const string SharedPasswordVariable = "PROMETHEUS_PASSWORD";

    private const string Prefix = "PROMETHEUS_";

    private const string UsernameSuffix = "_USERNAME";

    private const string PasswordSuffix = "_PASSWORD";

    private readonly Func<string, PrometheusLoginChoice> _choose;

    /// <param name="choose">The choice for one community; called for each community asked about.</param>
    public PrometheusLogins(Func<string, PrometheusLoginChoice> choose)
    {
        ArgumentNullException.ThrowIfNull(choose);
        _choose = choose;
    }

    /// <summary>No login for anyone: every community is skipped with the sentence naming its variables.</summary>
    public static PrometheusLogins None { get; } = FromVariables(_ => null, []);

    public PrometheusLoginChoice For(string community)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(community);
        return _choose(community);
    }

    /// <summary><c>PROMETHEUS_&lt;COMMUNITY&gt;_USERNAME</c>: the name upper-cased, anything but a letter or digit as <c>_</c>.</summary>
    public static string UsernameVariable(string community) => Prefix + Key(community) + UsernameSuffix;

    public static string PasswordVariable(string community) => Prefix + Key(community) + PasswordSuffix;

    /// <summary>True for the name of a community's login variable (not the shared pair), so it can be masked without knowing the communities.</summary>
    public static bool IsCommunityVariable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var rest = name[Prefix.Length..];
        return (rest.EndsWith(UsernameSuffix, StringComparison.Ordinal) && rest.Length > UsernameSuffix.Length)
            || (rest.EndsWith(PasswordSuffix, StringComparison.Ordinal) && rest.Length > PasswordSuffix.Length);
    }

    /// <summary>
    /// The rule above over environment variables: the community's own pair when set; otherwise the shared pair, but only
    /// for a community in <paramref name="sharedCommunities"/>; otherwise none. Half a pair is a mistake, never half sent.
    /// </summary>
    /// <param name="variable">A variable's value, or null when it is not set (or empty).</param>
    public static PrometheusLogins FromVariables(Func<string, string?> variable, IEnumerable<string> sharedCommunities)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(sharedCommunities);
        var shared = new HashSet<string>(sharedCommunities, StringComparer.Ordinal);
        return new PrometheusLogins(community =>
        {
            var (user, password) = (UsernameVariable(community), PasswordVariable(community));
            if (Pair(variable, user, password) is { } own)
                return own.Login is { } login ? PrometheusLoginChoice.Use(login, $"{user} and {password}") : Half(community, own.Set!, own.Unset!);
            if (!shared.Contains(community))
            {
                return PrometheusLoginChoice.Missing(
                    $"{community}'s Prometheus was not asked: no login is meant for it. Set {user} and {password} to the login of the proxy in front of it; " +
                    $"or, only if the organisation runs that Prometheus itself, list {community} under prometheus_shared_login in the configuration so it gets {SharedUsernameVariable} and {SharedPasswordVariable}.");
            }

            if (Pair(variable, SharedUsernameVariable, SharedPasswordVariable) is not { } common)
            {
                return PrometheusLoginChoice.Missing(
                    $"{community}'s Prometheus was not asked: prometheus_shared_login lists it, but {SharedUsernameVariable} and {SharedPasswordVariable} are not set; set them, or {user} and {password} for its own login.");
            }

            return common.Login is { } sharedLogin
                ? PrometheusLoginChoice.Use(sharedLogin, $"{SharedUsernameVariable} and {SharedPasswordVariable}")
                : Half(community, common.Set!, common.Unset!);
        });
    }

    private static PrometheusLoginChoice Half(string community, string set, string unset) =>
        PrometheusLoginChoice.Missing($"{community}'s Prometheus was not asked: {set} is set but {unset} is not, and the proxy in front of it takes both; set {unset}, or unset {set}.", isMistake: true);

    /// <summary>Null when neither is set; the login when both are; otherwise which one is set and which is not.</summary>
    private static (PrometheusLogin? Login, string? Set, string? Unset)? Pair(Func<string, string?> variable, string userName, string passwordName)
    {
        var user = Value(variable, userName);
        var password = Value(variable, passwordName);
        return (user, password) switch
        {
            (null, null) => null,
            ({ } u, { } p) => (new PrometheusLogin(u, p), null, null),
            (not null, null) => (null, userName, passwordName),
            _ => (null, passwordName, userName),
        };
    }

    private static string? Value(Func<string, string?> variable, string name) => variable(name) is { Length: > 0 } value ? value : null;

    private static string Key(string community)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(community);
        var key = new StringBuilder(community.Length);
        foreach (var c in community)
            key.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return key.ToString();
    }
}

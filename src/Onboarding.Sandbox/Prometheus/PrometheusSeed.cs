using Onboarding.Core.Services.Prometheus;

namespace Onboarding.Sandbox.Prometheus;

/// <summary>
/// One time series of one community's Prometheus (each community's cluster has its own): its metric name, its labels,
/// and the moments it was scraped (each with value 1).
/// </summary>
public sealed record PrometheusSeries(string Community, string Metric, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<DateTimeOffset> Samples);

/// <summary>What the emulated Prometheus holds when it starts.</summary>
public sealed record PrometheusSeed
{
    /// <summary>The metric kube-state-metrics exports for pod annotations.</summary>
    public const string PodAnnotations = "kube_pod_annotations";

    /// <summary>The label kube-state-metrics makes of JupyterHub's <c>hub.jupyter.org/username</c> pod annotation.</summary>
    public const string UserLabel = "annotation_hub_jupyter_org_username";

    public IReadOnlyList<PrometheusSeries> Series { get; init; } = [];

    /// <summary>The login of the proxy in front of every community's Prometheus that has none of its own (HTTP basic auth).</summary>
    public string Username { get; init; } = "sandbox-prometheus";

    public string Password { get; init; } = "sandbox-prometheus-password";

    /// <summary>
    /// Communities whose Prometheus has a login of its own, as one in a cloud account the community controls would:
    /// the proxy in front of it accepts that login and no other (not the shared one).
    /// </summary>
    public IReadOnlyDictionary<string, PrometheusLogin> CommunityLogins { get; init; } = new Dictionary<string, PrometheusLogin>(StringComparer.Ordinal);

    /// <summary>The one login <paramref name="community"/>'s Prometheus accepts.</summary>
    public PrometheusLogin LoginOf(string community) =>
        CommunityLogins.TryGetValue(community, out var own) ? own : new PrometheusLogin(Username, Password);

    /// <summary>
    /// What a client that knows the sandbox sends: each community its own login, the shared one to the others, named by
    /// the variables that would hold them.
    /// </summary>
    public PrometheusLogins ClientLogins() => new(community => PrometheusLoginChoice.Use(
        LoginOf(community),
        CommunityLogins.ContainsKey(community)
            ? $"{PrometheusLogins.UsernameVariable(community)} and {PrometheusLogins.PasswordVariable(community)}"
            : $"{PrometheusLogins.SharedUsernameVariable} and {PrometheusLogins.SharedPasswordVariable}"));

    /// <summary>
    /// A user server pod <c>jupyter-&lt;user&gt;</c> in namespace <paramref name="hub"/> of <paramref name="community"/>'s cluster, scraped every
    /// <paramref name="scrapeInterval"/> from <paramref name="from"/> for <paramref name="duration"/>, as kube-state-metrics
    /// reports it while the pod exists.
    /// </summary>
    public static PrometheusSeries UserPod(string community, string hub, string user, DateTimeOffset from, TimeSpan duration, TimeSpan? scrapeInterval = null)
    {
        var interval = scrapeInterval ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(scrapeInterval));
        var samples = new List<DateTimeOffset>();
        for (var at = from; at <= from + duration; at += interval)
            samples.Add(at);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["namespace"] = hub,
            ["pod"] = "jupyter-" + user,
            [UserLabel] = user,
        };
        return new PrometheusSeries(community, PodAnnotations, labels, samples);
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Core.Configuration;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Services.Http;

namespace Onboarding.Services.Prometheus;

/// <summary>Where the hubs' Prometheus is, the login of the proxy in front of it, and how hard we may use it.</summary>
public sealed class PrometheusClientOptions
{
    /// <summary>
    /// Each community's Prometheus root, a template with <c>{community}</c> and <c>{hub}</c> (requests go to
    /// <c>api/v1/...</c> under it, so a path prefix behind a proxy is kept).
    /// </summary>
    public required PrometheusAddress Address { get; init; }

    /// <summary>HTTP basic auth for the proxy in front of Prometheus; both or neither.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Client-side pace; a range query over 14 days is heavy, and the same server watches the hubs.</summary>
    public int RequestsPerMinute { get; init; } = 30;

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int MaxRetries { get; init; } = 5;

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    // Never the password.
    public override string ToString() => $"Prometheus at {Address}";
}

/// <summary>
/// The First Value usage query over Prometheus' HTTP API, through the shared send path (<see cref="ServiceRequests"/>).
/// Every request is a read (GET), so every failure is retried by the shared pipeline.
/// </summary>
/// <remarks>
/// The query, per hub (the hub name is the Kubernetes namespace):
/// <code>max by (annotation_hub_jupyter_org_username) (kube_pod_annotations{namespace="&lt;hub&gt;", pod=~"jupyter-.*"})</code>
/// kube-state-metrics exports one <c>kube_pod_annotations</c> series per pod while it exists, and JupyterHub annotates
/// each user server pod with <c>hub.jupyter.org/username</c>; grouping by that label gives one series per user, whose
/// first point is the first time the user's server ran in the range. It is asked with a 5-minute step, Prometheus'
/// lookback, so a server that ran for a few minutes is still seen, and 14 days stay under the 11,000 points a series
/// may have.
/// </remarks>
public sealed class PrometheusClient : IPrometheus, IDisposable
{
    public const string ServiceName = "prometheus";

    /// <summary>The pod annotation label that names a server's user.</summary>
    public const string UserLabel = "annotation_hub_jupyter_org_username";

    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly PrometheusAddress _address;

    public PrometheusClient(PrometheusClientOptions options, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _address = options.Address;
        if ((options.Username is null) != (options.Password is null))
            throw new ArgumentException("Give Prometheus both a user name and a password, or neither.", nameof(options));

        // One pace for all of them: the addresses differ per community, the people who run them do not.
        var endpoint = new ServiceEndpoint(ServiceName, _address.For("community", "hub"), options.RequestsPerMinute, TimeSpan.FromMinutes(1), options.AttemptTimeout, options.MaxRetries)
        {
            BaseBackoff = options.BaseBackoff,
        };
        _http = ResilientHttp.CreateClient(endpoint, time, network);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.Username is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password)));
        }
    }

    /// <summary>The PromQL of the usage query for one hub.</summary>
    public static string UsageQuery(string hub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hub);
        var quoted = hub.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"max by ({UserLabel}) (kube_pod_annotations{{namespace=\"{quoted}\", pod=~\"jupyter-.*\"}})";
    }

    public async Task<IReadOnlyList<UserActivity>> ActiveUsersAsync(string community, string hub, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var operation = $"read the usage of hub {hub} of {community}";
        var root = _address.For(community, hub);
        var path = "api/v1/query_range"
            + "?query=" + Uri.EscapeDataString(UsageQuery(hub))
            + "&start=" + Seconds(from)
            + "&end=" + Seconds(to)
            + "&step=" + ((int)Step.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, path));
        var response = await _http.SendAsync(request, ServiceName, $"The Prometheus at {root.GetLeftPart(UriPartial.Authority)}", operation, cancellationToken);
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var body = Parse(text);
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                // The proxy in front of Prometheus answers this, in HTML; its words help nobody.
                var login = _http.DefaultRequestHeaders.Authorization is null ? "no login was given" : "the login was refused";
                throw new ServiceException(ServiceName, operation, status,
                    $"The Prometheus at {root.GetLeftPart(UriPartial.Authority)} refused to {operation} ({status}): {login}. Set PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD to the login of the proxy in front of it.");
            }

            if (!response.IsSuccessStatusCode || (string?)body?["status"] != "success")
            {
                var said = body?["error"] is JsonValue error ? $": {error}" : "";
                throw new ServiceException(ServiceName, operation, status, $"Prometheus refused to {operation} ({status}){said}.");
            }

            if (body!["data"] is not JsonObject data || (string?)data["resultType"] != "matrix" || data["result"] is not JsonArray result)
                throw new ServiceException(ServiceName, operation, status, $"Prometheus answered {operation} with a body that is not the matrix expected.");

            var users = new List<UserActivity>();
            foreach (var series in result.OfType<JsonObject>())
            {
                // A pod without the annotation (not a user server) lands in a group with no user label.
                if (series["metric"]?[UserLabel] is not JsonValue user || series["values"] is not JsonArray values || values.Count == 0)
                    continue;
                var first = values.OfType<JsonArray>().Select(Timestamp).Where(t => t is not null).Min();
                if (first is { } seen)
                    users.Add(new UserActivity(user.ToString(), seen));
            }

            return users;
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? Timestamp(JsonArray point) =>
        point.Count == 2 && point[0] is JsonValue value && value.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000))
            : null;

    private static JsonObject? Parse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

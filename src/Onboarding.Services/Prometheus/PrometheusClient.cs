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

/// <summary>Where the hubs' Prometheus is, which login goes to which community's, and how hard we may use it.</summary>
public sealed class PrometheusClientOptions
{
    /// <summary>
    /// Each community's Prometheus root, a template with <c>{community}</c> and <c>{hub}</c> (requests go to
    /// <c>api/v1/...</c> under it, so a path prefix behind a proxy is kept).
    /// </summary>
    public required PrometheusAddress Address { get; init; }

    /// <summary>
    /// The HTTP basic-auth login of the proxy in front of each community's Prometheus; a community without one is not
    /// asked (default: none for anyone).
    /// </summary>
    public PrometheusLogins Logins { get; init; } = PrometheusLogins.None;

    /// <summary>Client-side pace per Prometheus server; a range query over 14 days is heavy, and the same server watches the hubs.</summary>
    public int RequestsPerMinute { get; init; } = 30;

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int MaxRetries { get; init; } = 5;

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The most of an answer's body that is read; a larger one is refused. A hub's 14 days are a few kilobytes per
    /// user, so 16 MiB is thousands of users over.
    /// </summary>
    public int MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    // Never a login.
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

    /// <summary>More series than users a hub could have had in 14 days: such an answer is not believed.</summary>
    public const int MaxSeries = 50_000;

    /// <summary>The longest user name believed (JupyterHub's are far shorter).</summary>
    public const int MaxUserLength = 256;

    private readonly Dictionary<string, HttpClient> _servers = new(StringComparer.Ordinal);
    private readonly PrometheusClientOptions _options;
    private readonly HttpMessageHandler? _network;
    private readonly PrometheusAddress _address;
    private readonly PrometheusLogins _logins;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;
    private readonly int _maxBodyBytes;

    public PrometheusClient(PrometheusClientOptions options, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBodyBytes, 1024, nameof(options));
        _address = options.Address;
        _logins = options.Logins;
        _time = time ?? TimeProvider.System;
        _attemptTimeout = options.AttemptTimeout;
        _maxBodyBytes = options.MaxBodyBytes;

        _options = options;
        _network = network;
    }

    /// <summary>
    /// One client, and so one pace, per Prometheus address (the template filled in): a range query over 14 days is heavy
    /// for the server that answers it, but there is one per community, so a pace shared by all of them would make a
    /// nightly run over a thousand communities wait on one another's budget for nothing. A template without
    /// <c>{community}</c> names one server for all, which then gets one pace.
    /// </summary>
    private HttpClient ClientFor(Uri root)
    {
        var server = root.AbsoluteUri;
        lock (_servers)
        {
            if (_servers.TryGetValue(server, out var existing))
                return existing;
            var endpoint = new ServiceEndpoint(ServiceName, root, _options.RequestsPerMinute, TimeSpan.FromMinutes(1), _options.AttemptTimeout, _options.MaxRetries)
            {
                BaseBackoff = _options.BaseBackoff,
            };
            var http = ResilientHttp.CreateClient(endpoint, _time, _network);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            _servers[server] = http;
            return http;
        }
    }

    /// <summary>The PromQL of the usage query for one hub.</summary>
    public static string UsageQuery(string hub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hub);
        var quoted = hub.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"max by ({UserLabel}) (kube_pod_annotations{{namespace=\"{quoted}\", pod=~\"jupyter-.*\"}})";
    }

    public PrometheusLoginGap? LoginGap(string community) => _logins.For(community).Gap;

    public async Task<IReadOnlyList<UserActivity>> ActiveUsersAsync(string community, string hub, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var operation = $"read the usage of hub {hub} of {community}";
        var choice = _logins.For(community);
        if (choice.Login is not { } login)
            throw new ServiceException(ServiceName, operation, null, choice.Gap!.Reason);

        var root = _address.For(community, hub);
        var who = $"The Prometheus at {root.GetLeftPart(UriPartial.Authority)}";
        var path = "api/v1/query_range"
            + "?query=" + Uri.EscapeDataString(UsageQuery(hub))
            + "&start=" + Seconds(from)
            + "&end=" + Seconds(to)
            + "&step=" + ((int)Step.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, path));
        // On the request, not on the client: each community's Prometheus gets its own login and no other.
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(login.Username + ":" + login.Password)));
        HttpResponseMessage response;
        try
        {
            // Headers only: the body is read below, up to its cap and within the attempt's time.
            response = await ClientFor(root).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception error) when (ServiceRequests.IsNoAnswer(error, cancellationToken))
        {
            throw ServiceRequests.NoAnswer(ServiceName, who, operation, error, idempotent: true);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                // The proxy in front of Prometheus answers this, in HTML; its words help nobody.
                throw new ServiceException(ServiceName, operation, status,
                    $"{who} refused to {operation} ({status}): the login was refused. Set {choice.Source} to the login of the proxy in front of it.");
            }

            var body = Parse(await ReadBodyAsync(response, community, hub, who, operation, cancellationToken));
            if (!response.IsSuccessStatusCode)
            {
                var said = Text(body?["error"]) is { } error ? $": {Shorten(error, 300)}" : "";
                throw new ServiceException(ServiceName, operation, status, $"Prometheus refused to {operation} ({status}){said}.");
            }

            string? problem;
            if (body is null)
                problem = "its body is not a JSON object";
            else if (Text(body["status"]) != "success")
                problem = $"status is {Shown(body["status"])}, not success";
            else if (Users(body, from, to, out problem) is { } users)
                return users;
            throw new ServiceException(ServiceName, operation, status,
                $"The answer of {community}'s Prometheus about hub {hub} was refused, so nothing of it was counted: {problem}.");
        }
    }

    public void Dispose()
    {
        lock (_servers)
        {
            foreach (var http in _servers.Values)
                http.Dispose();
            _servers.Clear();
        }
    }

    /// <summary>The body, read to at most the cap and within the attempt's time; a larger or endless one is refused.</summary>
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string community, string hub, string who, string operation, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ServiceException TooLarge() => new(ServiceName, operation, status,
            $"The answer of {community}'s Prometheus about hub {hub} was refused, so nothing of it was counted: its body is larger than {_maxBodyBytes / 1024 / 1024.0:0.##} MiB, more than a hub's usage takes.");
        if (response.Content.Headers.ContentLength > _maxBodyBytes)
            throw TooLarge();

        using var timeout = new CancellationTokenSource(_attemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, linked.Token)) > 0)
            {
                if (body.Length + read > _maxBodyBytes)
                    throw TooLarge();
                body.Write(buffer, 0, read);
            }

            return body.ToArray();
        }
        catch (Exception error) when (error is not ServiceException && ServiceRequests.IsNoAnswer(error, cancellationToken))
        {
            throw ServiceRequests.NoAnswer(ServiceName, who, operation, error, idempotent: true);
        }
    }

    /// <summary>
    /// The users of a matrix answer, with every number in it checked: each point a <c>[time, "1"]</c> pair, the time a
    /// number inside the range asked about and after the point before it, the value exactly 1 (kube_pod_annotations is
    /// 1 while the pod exists), the user label a short string seen once; null and <paramref name="problem"/> otherwise.
    /// </summary>
    private static List<UserActivity>? Users(JsonObject body, DateTimeOffset from, DateTimeOffset to, out string? problem)
    {
        List<UserActivity>? Fail(string what, out string? said)
        {
            said = what;
            return null;
        }

        if (body["data"] is not JsonObject data)
            return Fail("data is not an object", out problem);
        if (Text(data["resultType"]) is not "matrix")
            return Fail($"data.resultType is {Shown(data["resultType"])}, not matrix", out problem);
        if (data["result"] is not JsonArray result)
            return Fail("data.result is not a list", out problem);
        if (result.Count > MaxSeries)
            return Fail($"data.result has {result.Count.ToString(CultureInfo.InvariantCulture)} series, more than the {MaxSeries.ToString(CultureInfo.InvariantCulture)} users a hub could have had", out problem);

        var start = from.ToUnixTimeMilliseconds() / 1000d;
        var end = to.ToUnixTimeMilliseconds() / 1000d;
        // Prometheus answers one point per step of the range at most.
        var maxPoints = (long)Math.Floor((end - start) / Step.TotalSeconds) + 1;
        var users = new List<UserActivity>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++)
        {
            var at = $"data.result[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (result[i] is not JsonObject series)
                return Fail($"{at} is not an object", out problem);
            if (series["metric"] is not JsonObject metric)
                return Fail($"{at}.metric is not an object", out problem);
            string? user = null;
            if (metric[UserLabel] is { } label)
            {
                user = Text(label);
                if (user is null || user.Length is 0 or > MaxUserLength || user.Any(char.IsControl))
                    return Fail($"{at}.metric.{UserLabel} is {Shown(label)}, not a user name", out problem);
                if (!seen.Add(user))
                    return Fail($"{at} repeats the user of an earlier series", out problem);
            }

            if (series["values"] is not JsonArray values || values.Count == 0)
                return Fail($"{at}.values is not a list of points", out problem);
            if (values.Count > maxPoints)
                return Fail($"{at}.values has {values.Count.ToString(CultureInfo.InvariantCulture)} points, more than the {maxPoints.ToString(CultureInfo.InvariantCulture)} steps of the range asked about", out problem);

            double? first = null;
            double previous = double.NegativeInfinity;
            for (var j = 0; j < values.Count; j++)
            {
                var point = $"{at}.values[{j.ToString(CultureInfo.InvariantCulture)}]";
                if (values[j] is not JsonArray { Count: 2 } pair)
                    return Fail($"{point} is not a [time, \"value\"] pair", out problem);
                if (pair[0] is not JsonValue time || time.GetValueKind() != JsonValueKind.Number || !time.TryGetValue<double>(out var seconds) || !double.IsFinite(seconds))
                    return Fail($"{point} has the time {Shown(pair[0])}, not a number of seconds", out problem);
                if (seconds < start - 0.001 || seconds > end + 0.001)
                    return Fail($"{point} has the time {Shown(pair[0])}, outside the range asked about", out problem);
                if (seconds <= previous)
                    return Fail($"{point} is not later than the point before it", out problem);
                if (Text(pair[1]) is not { } text)
                    return Fail($"{point} has the value {Shown(pair[1])}, not a number in a string", out problem);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    return Fail($"{point} has the value {Shown(pair[1])}, not a number", out problem);
                if (value != 1)
                    return Fail($"{point} has the value {Shown(pair[1])}, where kube_pod_annotations is 1 while a pod exists", out problem);
                previous = seconds;
                first ??= seconds;
            }

            // A pod without the annotation (not a user server) lands in a group with no user label.
            if (user is not null)
                users.Add(new UserActivity(user, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(first!.Value * 1000))));
        }

        problem = null;
        return users;
    }

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>The text of a JSON string; null for anything else (a number, an object, nothing).</summary>
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A value from the answer as it may be quoted in a sentence: short, its kind when it is not a string or number.</summary>
    private static string Shown(JsonNode? node) => node switch
    {
        null => "missing",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => "\"" + Shorten(value.GetValue<string>(), 40) + "\"",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => Shorten(value.ToJsonString(), 40),
        JsonValue value => value.GetValueKind().ToString().ToLowerInvariant(),
        JsonArray => "a list",
        _ => "an object",
    };

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static JsonObject? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

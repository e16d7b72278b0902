using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Prometheus;

/// <summary>
/// Every community's Prometheus in one host: community C's is under <c>/C/</c> (in real life each community's cluster
/// has its own, such as <c>https://prometheus.C.example.org/</c>), so two communities' hubs of the same name never share
/// series. Each serves Prometheus' HTTP API, only <c>/api/v1/query_range</c> (GET, or POST with a form body), evaluated
/// over the seeded series: at each step a series has the value of its latest sample no older than the 5-minute
/// lookback, as Prometheus evaluates instant vectors. Errors use Prometheus' envelope (<c>status</c>, <c>errorType</c>,
/// <c>error</c>). Prometheus has no auth of its own; like a real installation, it sits behind a proxy that asks for
/// HTTP basic auth and answers 401 in HTML without it.
/// </summary>
public sealed class PrometheusEmulator : IServiceEmulator
{
    /// <summary>Prometheus refuses range queries with more points than this per series.</summary>
    public const int MaxPointsPerSeries = 11_000;

    /// <summary>How far back an instant evaluation looks for a sample (Prometheus' default <c>--query.lookback-delta</c>).</summary>
    public static readonly TimeSpan LookbackDelta = TimeSpan.FromMinutes(5);

    /// <param name="state">What <see cref="PrometheusStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public PrometheusEmulator(PrometheusSeed? seed = null, PrometheusState? state = null)
    {
        Store = new PrometheusStore(seed, state);
    }

    public string Name => "prometheus";

    public PrometheusStore Store { get; }

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(GuardAsync);
        app.MapGet("/{community}/api/v1/query_range", QueryRangeAsync);
        app.MapPost("/{community}/api/v1/query_range", QueryRangeAsync);
    }

    /// <summary>Basic auth as an nginx proxy asks for it: 401, a WWW-Authenticate challenge, and nginx's HTML page.</summary>
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (Authenticated(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Authentication Required\"";
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync(
            "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
            context.RequestAborted);
    }

    private bool Authenticated(HttpRequest request) =>
        BasicAuth.Credentials(request) is { } credentials
        && BasicAuth.SecretEquals(credentials, Store.Seed.Username + ":" + Store.Seed.Password);

    public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Prometheus has no rate limit of its own; the proxy in front of it answers like this.
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, retryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Too Many Requests\n", context.RequestAborted);
    }

    public Task WriteServerErrorAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = status == StatusCodes.Status503ServiceUnavailable ? "unavailable" : status == StatusCodes.Status504GatewayTimeout ? "timeout" : "internal";
        return WriteErrorAsync(context, status, type, "the sandbox was told to fail this request");
    }

    private async Task QueryRangeAsync(HttpContext context)
    {
        var parameters = await ParametersAsync(context.Request);
        var text = parameters.GetValueOrDefault("query", "");
        if (!TryTime(parameters, "start", out var start, out var problem)
            || !TryTime(parameters, "end", out var end, out problem)
            || !TryStep(parameters, out var step, out problem))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "bad_data", problem!);
            return;
        }

        if (end < start)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "bad_data", "end timestamp must not be before start time");
            return;
        }

        if ((end - start) / step >= MaxPointsPerSeries)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
            return;
        }

        PromQuery query;
        try
        {
            query = PromQuery.Parse(text);
        }
        catch (FormatException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "bad_data", $"invalid parameter \"query\": {e.Message}");
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["status"] = "success",
            ["data"] = new JsonObject { ["resultType"] = "matrix", ["result"] = Evaluate((string)context.Request.RouteValues["community"]!, query, start, end, step) },
        });
    }

    /// <summary>Each selected series (or each group of <c>max by</c>) with its value at every step where it has one.</summary>
    private JsonArray Evaluate(string community, PromQuery query, decimal start, decimal end, decimal step)
    {
        var selected = Store.SeriesOf(community).Where(query.Selects).ToList();
        var groups = query.MaxBy is { } by
            ? selected.GroupBy(s => s.Labels.GetValueOrDefault(by, ""), StringComparer.Ordinal)
                .Select(g => (Labels: g.Key.Length == 0 ? new SortedDictionary<string, string>(StringComparer.Ordinal) : new SortedDictionary<string, string>(StringComparer.Ordinal) { [by] = g.Key }, Series: g.ToList()))
            : selected.Select(s => (Labels: new SortedDictionary<string, string>(s.Labels.ToDictionary(), StringComparer.Ordinal) { ["__name__"] = s.Metric }, Series: new List<PrometheusSeries> { s }));

        var lookback = (decimal)LookbackDelta.TotalSeconds;
        var result = new List<(string Key, JsonObject Item)>();
        foreach (var (labels, series) in groups)
        {
            var samples = series.SelectMany(s => s.Samples).Select(Seconds).Order().ToArray();
            var values = new JsonArray();
            for (var t = start; t <= end; t += step)
            {
                // Every sample has value 1, so the max over the group is 1 wherever any member has a sample in the lookback.
                var index = Array.BinarySearch(samples, t);
                var latest = index >= 0 ? index : ~index - 1;
                if (latest >= 0 && samples[latest] > t - lookback)
                    // Prometheus writes the timestamp as a JSON number of seconds and the value as a string.
                    values.Add(new JsonArray(JsonValue.Create((double)t), "1"));
            }

            if (values.Count == 0)
                continue;
            var metric = new JsonObject();
            foreach (var (name, value) in labels)
                metric[name] = value;
            result.Add((string.Join(',', labels.Select(l => $"{l.Key}={l.Value}")), new JsonObject { ["metric"] = metric, ["values"] = values }));
        }

        return [.. result.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (JsonNode)r.Item)];
    }

    private static decimal Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000m;

    /// <summary>URL parameters and, for a form POST, the form's; Prometheus reads both.</summary>
    private static async Task<Dictionary<string, string>> ParametersAsync(HttpRequest request)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
            result[key] = value.ToString();
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
                result[key] = ((StringValues)value).ToString();
        }

        return result;
    }

    /// <summary>A Unix timestamp in seconds (fractions allowed) or RFC 3339, as Prometheus accepts.</summary>
    private static bool TryTime(Dictionary<string, string> parameters, string name, out decimal seconds, out string? problem)
    {
        var text = parameters.GetValueOrDefault(name, "");
        problem = null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds))
            return true;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            seconds = Seconds(at);
            return true;
        }

        problem = $"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid timestamp";
        return false;
    }

    /// <summary>Seconds (fractions allowed) or a duration such as 5m, 1h, 30s.</summary>
    private static bool TryStep(Dictionary<string, string> parameters, out decimal seconds, out string? problem)
    {
        var text = parameters.GetValueOrDefault("step", "");
        problem = null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
        {
            var unit = text.Length > 1 ? text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => 0 } : 0;
            if (unit == 0 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                problem = $"invalid parameter \"step\": cannot parse \"{text}\" to a valid duration";
                return false;
            }

            seconds = (decimal)count * unit;
        }

        if (seconds <= 0)
        {
            problem = "zero or negative query resolution step widths are not accepted. Try a positive integer";
            return false;
        }

        return true;
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string type, string error) =>
        WriteJsonAsync(context, status, new JsonObject { ["status"] = "error", ["errorType"] = type, ["error"] = error });

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}

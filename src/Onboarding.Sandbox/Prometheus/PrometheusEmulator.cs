using System.Collections.Concurrent;
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
/// series. Each serves Prometheus' HTTP API, only <c>/api/v1/query_range</c> (GET, or POST with a form body; see
/// <see cref="PrometheusQueries"/>). Errors use Prometheus' envelope (<c>status</c>, <c>errorType</c>, <c>error</c>).
/// Prometheus has no auth of its own; like a real installation, it sits behind a proxy that asks for HTTP basic auth and
/// answers 401 in HTML without it. A community with a login of its own (<see cref="PrometheusSeed.CommunityLogins"/>)
/// accepts that login only; the others accept the shared one. Tests can make one community's Prometheus answer with a
/// body that is not what Prometheus gives (<see cref="AnswerBadly"/>).
/// </summary>
public sealed class PrometheusEmulator : IServiceEmulator, IServiceProtocol
{
    /// <param name="state">What <see cref="PrometheusStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public PrometheusEmulator(PrometheusSeed? seed = null, TimeProvider? time = null, PrometheusState? state = null)
    {
        Time = time ?? TimeProvider.System;
        Store = new PrometheusStore(seed, Time, state);
    }

    public string Name => "prometheus";

    public TimeProvider Time { get; }

    public PrometheusStore Store { get; }

    private readonly ConcurrentDictionary<string, PrometheusBadAnswer> _badAnswers = new(StringComparer.Ordinal);

    /// <summary>From now on <paramref name="community"/>'s Prometheus answers every query with a body of <paramref name="kind"/>, status 200.</summary>
    public void AnswerBadly(string community, PrometheusBadAnswer kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(community);
        _badAnswers[community] = kind;
    }

    /// <summary>Undoes <see cref="AnswerBadly"/> for every community.</summary>
    public void AnswerWell() => _badAnswers.Clear();

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(GuardAsync);
        app.Use(BadAnswerAsync);
        var routes = new EmulatorRoutes(app, this, Store.Gate);
        var queries = new PrometheusQueries(Store);
        routes.Map("GET", "/{community}/api/v1/query_range", (r, form) => queries.QueryRange(r.Route("community"), Parameters(r, form)));
        routes.Map("POST", "/{community}/api/v1/query_range", (r, form) => queries.QueryRange(r.Route("community"), Parameters(r, form)));
    }

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
        return WriteAsync(context, new PrometheusProblem(status, type, "the sandbox was told to fail this request").ToResponse(context));
    }

    /// <summary>The body Prometheus reads is a form (on a POST); its fields come back as a JSON object of strings.</summary>
    public async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
            return null;
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var fields = new JsonObject();
        foreach (var (key, value) in form)
            fields[key] = ((StringValues)value).ToString();
        return fields;
    }

    public Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.WriteAsync(context, "application/json");
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

    /// <summary>The login of the community the path names (its first segment); a path without one gets the shared login's check.</summary>
    private bool Authenticated(HttpRequest request)
    {
        var login = Store.Seed.LoginOf(Community(request));
        return BasicAuth.Credentials(request) is { } credentials && BasicAuth.SecretEquals(credentials, login.Username + ":" + login.Password);
    }

    private static string Community(HttpRequest request) =>
        (request.Path.Value ?? "").TrimStart('/').Split('/', 2)[0];

    /// <summary>A community told to answer badly gets its bad body, in place of the real answer, after the proxy let it through.</summary>
    private async Task BadAnswerAsync(HttpContext context, RequestDelegate next)
    {
        if (!_badAnswers.TryGetValue(Community(context.Request), out var kind))
        {
            await next(context);
            return;
        }

        var start = decimal.TryParse(context.Request.Query["start"].ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = kind == PrometheusBadAnswer.NotJson ? "text/html" : "application/json";
        await context.Response.WriteAsync(PrometheusBadAnswers.Body(kind, start), context.RequestAborted);
    }

    /// <summary>The URL's parameters, then the form's over them: Prometheus reads both.</summary>
    private static Dictionary<string, string> Parameters(EmulatorRequest request, JsonNode? form)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
            result[key] = value.ToString();
        foreach (var (key, value) in form as JsonObject ?? [])
            result[key] = (string)value!;
        return result;
    }
}

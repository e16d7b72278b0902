using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>
/// HubSpot's CRM API on 127.0.0.1: private-app bearer auth, the 10-second and daily request budgets with HubSpot's
/// headers, the token's granular scopes (403 MISSING_SCOPES, <see cref="HubSpotScopes"/>), objects v3 (Community custom
/// object, contacts, deals, notes), associations v4, deal pipelines and schemas.
/// </summary>
public sealed class HubSpotEmulator : IServiceEmulator, IServiceProtocol
{
    private const string JsonContentType = "application/json;charset=utf-8";

    private readonly FixedWindowLimiter _burst;
    private readonly FixedWindowLimiter _daily;
    private readonly FixedWindowLimiter _search;

    /// <param name="state">What <see cref="HubSpotStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public HubSpotEmulator(HubSpotSeed? seed = null, TimeProvider? time = null, HubSpotState? state = null)
    {
        Seed = seed ?? new HubSpotSeed();
        Time = time ?? TimeProvider.System;
        Store = state is null ? new HubSpotStore(Seed, Time) { Behaviour = Seed } : new HubSpotStore(state, Seed.SearchLag, Time) { Behaviour = Seed };
        _burst = new FixedWindowLimiter(Seed.RateLimit, Seed.RateWindow, Time);
        _daily = new FixedWindowLimiter(Seed.DailyLimit, TimeSpan.FromDays(1), Time);
        _search = new FixedWindowLimiter(Seed.SearchRateLimit, TimeSpan.FromSeconds(1), Time);
    }

    public string Name => "hubspot";

    public TimeProvider Time { get; }

    public HubSpotSeed Seed { get; }

    public HubSpotStore Store { get; }

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(GuardAsync);
        var routes = new EmulatorRoutes(app, this, Store.Gate);
        var associations = new HubSpotAssociations(Store);
        var objects = new HubSpotObjects(Store, associations);
        var search = new HubSpotSearch(Store);
        var pipelines = new HubSpotPipelines(Store);
        var schemas = new HubSpotSchemas(Store);
        var properties = new HubSpotProperties(Store);

        routes.Map("GET", "/crm/v3/objects/{objectType}", r => objects.List(r.Route("objectType"), Int(r, "limit"), Q(r, "after"), List(r, "properties"), List(r, "associations"), Bool(r, "archived"), r.Http.Request.Path));
        routes.Map("POST", "/crm/v3/objects/{objectType}", (r, body) => objects.Create(r.Route("objectType"), body));
        routes.Map("GET", "/crm/v3/objects/{objectType}/{objectId}", r => objects.Get(r.Route("objectType"), r.Route("objectId"), Q(r, "idProperty"), List(r, "properties"), List(r, "associations"), Bool(r, "archived"), List(r, "propertiesWithHistory")));
        routes.Map("PATCH", "/crm/v3/objects/{objectType}/{objectId}", (r, body) => objects.Update(r.Route("objectType"), r.Route("objectId"), Q(r, "idProperty"), body));
        routes.Map("DELETE", "/crm/v3/objects/{objectType}/{objectId}", r => objects.Archive(r.Route("objectType"), r.Route("objectId")));
        routes.Map("POST", "/crm/v3/objects/{objectType}/search", (r, body) => search.Search(r.Route("objectType"), body));
        routes.Map("POST", "/crm/v3/objects/{objectType}/batch/{action}", (r, body) => r.Route("action") switch
        {
            "read" => objects.BatchRead(r.Route("objectType"), body, Bool(r, "archived")),
            "create" => objects.BatchCreate(r.Route("objectType"), body),
            "update" => objects.BatchUpdate(r.Route("objectType"), body),
            "upsert" => objects.BatchUpsert(r.Route("objectType"), body),
            _ => throw HubSpotProblem.NotFoundPath(),
        });

        routes.Map("GET", "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}", r => associations.List(r.Route("objectType"), r.Route("objectId"), r.Route("toObjectType"), Int(r, "limit"), Q(r, "after"), r.Http.Request.Path));
        routes.Map("PUT", "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}", (r, body) => associations.PutLabelled(r.Route("objectType"), r.Route("objectId"), r.Route("toObjectType"), r.Route("toObjectId"), body));
        routes.Map("DELETE", "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}", r => associations.Delete(r.Route("objectType"), r.Route("objectId"), r.Route("toObjectType"), r.Route("toObjectId")));
        routes.Map("PUT", "/crm/v4/objects/{objectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}", r => associations.PutDefault(r.Route("objectType"), r.Route("objectId"), r.Route("toObjectType"), r.Route("toObjectId")));
        routes.Map("POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/{**action}", (r, body) => associations.Batch(r.Route("fromObjectType"), r.Route("toObjectType"), r.Route("action"), body));
        routes.Map("GET", "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels", r => associations.ListLabels(r.Route("fromObjectType"), r.Route("toObjectType")));
        routes.Map("GET", "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels", r => associations.ListLabels(r.Route("fromObjectType"), r.Route("toObjectType")));
        routes.Map("POST", "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels", (r, body) => properties.CreateLabel(r.Route("fromObjectType"), r.Route("toObjectType"), body));
        routes.Map("POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels", (r, body) => properties.CreateLabel(r.Route("fromObjectType"), r.Route("toObjectType"), body));

        routes.Map("GET", "/crm/v3/properties/{objectType}", r => properties.List(r.Route("objectType")));
        routes.Map("POST", "/crm/v3/properties/{objectType}", (r, body) => properties.Create(r.Route("objectType"), body));

        routes.Map("GET", "/crm/v3/pipelines/{objectType}", r => pipelines.List(r.Route("objectType")));
        routes.Map("GET", "/crm/v3/pipelines/{objectType}/{pipelineId}", r => pipelines.Get(r.Route("objectType"), r.Route("pipelineId")));
        routes.Map("GET", "/crm/v3/pipelines/{objectType}/{pipelineId}/stages", r => pipelines.ListStages(r.Route("objectType"), r.Route("pipelineId")));
        routes.Map("GET", "/crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}", r => pipelines.GetStage(r.Route("objectType"), r.Route("pipelineId"), r.Route("stageId")));

        foreach (var prefix in new[] { "/crm-object-schemas/v3/schemas", "/crm/v3/schemas" })
        {
            routes.Map("GET", prefix, _ => schemas.List());
            routes.Map("GET", prefix + "/{objectType}", r => schemas.Get(r.Route("objectType")));
        }

        routes.MapFallback(_ => throw HubSpotProblem.NotFoundPath());
    }

    public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        WriteLimitHeaders(context, Seed.RateLimit, 0, Seed.DailyLimit, null);
        await WriteAsync(context, RateLimited("TEN_SECONDLY_ROLLING", "ten_secondly_rolling"));
    }

    public Task WriteServerErrorAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (category, message) = status switch
        {
            StatusCodes.Status502BadGateway => ("BAD_GATEWAY", "Bad gateway: the service could not be reached. Please try again."),
            StatusCodes.Status503ServiceUnavailable => ("SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Please try again."),
            StatusCodes.Status504GatewayTimeout => ("GATEWAY_TIMEOUT", "The request timed out. Please try again."),
            _ => ("INTERNAL_ERROR", "internal error"),
        };
        return WriteAsync(context, new HubSpotProblem(status, category, message).ToResponse(context));
    }

    /// <summary>HubSpot reads a body as JSON; one that does not parse is a validation error naming where.</summary>
    public async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException error)
        {
            throw HubSpotProblem.Validation($"Invalid input JSON on line {(error.LineNumber ?? 0) + 1}, column {(error.BytePositionInLine ?? 0) + 1}: the body is not valid JSON.");
        }
    }

    /// <summary>Every answer carries a correlation id (an error's is the one in its body).</summary>
    public Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.ContainsKey(HubSpotProblem.CorrelationHeader))
            response = response.WithHeader(HubSpotProblem.CorrelationHeader, Guid.NewGuid().ToString());
        return response.WriteAsync(context, JsonContentType);
    }

    // ---------------------------------------------------------------- middleware

    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var token = BearerToken(context.Request);
        if (token is null)
        {
            await WriteAsync(context, new HubSpotProblem(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication and private app access tokens sent as 'Authorization: Bearer <token>'.").ToResponse(context));
            return;
        }

        if (!Seed.Tokens.Contains(token, StringComparer.Ordinal))
        {
            await WriteAsync(context, new HubSpotProblem(401, "INVALID_AUTHENTICATION", "The access token used to make this call is not valid. Check that it belongs to an installed private app and has not been rotated.").ToResponse(context));
            return;
        }

        var burst = _burst.Take(token);
        var daily = _daily.Take(token);
        WriteLimitHeaders(context, Seed.RateLimit, burst.Remaining, Seed.DailyLimit, daily.Remaining);
        if (!daily.Allowed)
        {
            await WriteAsync(context, RateLimited("DAILY", "daily"));
            return;
        }

        if (!burst.Allowed)
        {
            await WriteAsync(context, RateLimited("TEN_SECONDLY_ROLLING", "ten_secondly_rolling"));
            return;
        }

        // Search has its own, lower limit per token (5 a second), on top of the burst budget.
        if (IsSearch(context.Request) && !_search.Take(token).Allowed)
        {
            await WriteAsync(context, RateLimited("SECONDLY", "secondly"));
            return;
        }

        var granted = Seed.ScopesOf(token);
        var missing = HubSpotScopes.Required(context.Request.Method, context.Request.Path.Value ?? "").FirstOrDefault(s => !granted.Contains(s, StringComparer.Ordinal));
        if (missing is not null)
        {
            await WriteAsync(context, HubSpotScopes.Missing(missing).ToResponse(context));
            return;
        }

        await next(context);
    }

    private static bool IsSearch(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Value ?? "").TrimEnd('/').EndsWith("/search", StringComparison.Ordinal)
        && (request.Path.Value ?? "").StartsWith("/crm/v3/objects/", StringComparison.Ordinal);

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private void WriteLimitHeaders(HttpContext context, int max, int remaining, int dailyMax, int? dailyRemaining)
    {
        var headers = context.Response.Headers;
        headers["X-HubSpot-RateLimit-Max"] = max.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = ((long)Seed.RateWindow.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Daily"] = dailyMax.ToString(CultureInfo.InvariantCulture);
        if (dailyRemaining is { } d)
            headers["X-HubSpot-RateLimit-Daily-Remaining"] = d.ToString(CultureInfo.InvariantCulture);
    }

    private static EmulatorResponse RateLimited(string policy, string words)
    {
        var correlationId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = $"You have reached your {words} limit.",
            ["errorType"] = "RATE_LIMIT",
            ["correlationId"] = correlationId,
            ["category"] = "RATE_LIMITS",
            ["policyName"] = policy,
        };
        return new EmulatorResponse(StatusCodes.Status429TooManyRequests, body).WithHeader(HubSpotProblem.CorrelationHeader, correlationId);
    }

    // ---------------------------------------------------------------- query parameters

    private static string? Q(EmulatorRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    private static List<string> List(EmulatorRequest request, string name) =>
        [.. request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static bool Bool(EmulatorRequest request, string name) => string.Equals(Q(request, name), "true", StringComparison.OrdinalIgnoreCase);

    private static int? Int(EmulatorRequest request, string name)
    {
        var text = Q(request, name);
        if (text is null)
            return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw HubSpotProblem.Validation($"{name} must be a whole number, but was {text}.");
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>
/// HubSpot's CRM API on 127.0.0.1: private-app bearer auth, the 10-second and daily request budgets with HubSpot's
/// headers, objects v3 (Community custom object, contacts, deals, notes), associations v4, deal pipelines and schemas.
/// </summary>
public sealed class HubSpotEmulator : IServiceEmulator
{
    private const string JsonContentType = "application/json;charset=utf-8";

    private readonly FixedWindowLimiter _burst;
    private readonly FixedWindowLimiter _daily;

    /// <param name="state">What <see cref="HubSpotStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public HubSpotEmulator(HubSpotSeed? seed = null, TimeProvider? time = null, HubSpotState? state = null)
    {
        Seed = seed ?? new HubSpotSeed();
        var clock = time ?? TimeProvider.System;
        Store = state is null ? new HubSpotStore(Seed, clock) : new HubSpotStore(state, Seed.SearchLag, clock);
        _burst = new FixedWindowLimiter(Seed.RateLimit, Seed.RateWindow, clock);
        _daily = new FixedWindowLimiter(Seed.DailyLimit, TimeSpan.FromDays(1), clock);
    }

    public string Name => "hubspot";

    public HubSpotSeed Seed { get; }

    public HubSpotStore Store { get; }

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(GuardAsync);
        app.UseRouting();
        var s = Store;

        Map(app, "GET", "/crm/v3/objects/{objectType}", c => s.ListObjects(R(c, "objectType"), Int(c, "limit"), Q(c, "after"), List(c, "properties"), List(c, "associations"), Bool(c, "archived"), c.Request.Path));
        MapBody(app, "POST", "/crm/v3/objects/{objectType}", (c, b) => s.CreateObject(R(c, "objectType"), b));
        Map(app, "GET", "/crm/v3/objects/{objectType}/{objectId}", c => s.GetObject(R(c, "objectType"), R(c, "objectId"), Q(c, "idProperty"), List(c, "properties"), List(c, "associations"), Bool(c, "archived")));
        MapBody(app, "PATCH", "/crm/v3/objects/{objectType}/{objectId}", (c, b) => s.UpdateObject(R(c, "objectType"), R(c, "objectId"), Q(c, "idProperty"), b));
        Map(app, "DELETE", "/crm/v3/objects/{objectType}/{objectId}", c => s.ArchiveObject(R(c, "objectType"), R(c, "objectId")));
        MapBody(app, "POST", "/crm/v3/objects/{objectType}/search", (c, b) => s.Search(R(c, "objectType"), b));
        MapBody(app, "POST", "/crm/v3/objects/{objectType}/batch/{action}", (c, b) => R(c, "action") switch
        {
            "read" => s.BatchRead(R(c, "objectType"), b, Bool(c, "archived")),
            "create" => s.BatchCreate(R(c, "objectType"), b),
            "update" => s.BatchUpdate(R(c, "objectType"), b),
            "upsert" => s.BatchUpsert(R(c, "objectType"), b),
            _ => throw HubSpotStore.NotFoundPath(),
        });

        Map(app, "GET", "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}", c => s.ListAssociations(R(c, "objectType"), R(c, "objectId"), R(c, "toObjectType"), Int(c, "limit"), Q(c, "after"), c.Request.Path));
        MapBody(app, "PUT", "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}", (c, b) => s.PutLabelledAssociation(R(c, "objectType"), R(c, "objectId"), R(c, "toObjectType"), R(c, "toObjectId"), b));
        Map(app, "DELETE", "/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}", c => s.DeleteAssociation(R(c, "objectType"), R(c, "objectId"), R(c, "toObjectType"), R(c, "toObjectId")));
        Map(app, "PUT", "/crm/v4/objects/{objectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}", c => s.PutDefaultAssociation(R(c, "objectType"), R(c, "objectId"), R(c, "toObjectType"), R(c, "toObjectId")));
        MapBody(app, "POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/{**action}", (c, b) => s.BatchAssociations(R(c, "fromObjectType"), R(c, "toObjectType"), R(c, "action"), b));
        Map(app, "GET", "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels", c => s.ListLabels(R(c, "fromObjectType"), R(c, "toObjectType")));
        Map(app, "GET", "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels", c => s.ListLabels(R(c, "fromObjectType"), R(c, "toObjectType")));

        Map(app, "GET", "/crm/v3/pipelines/{objectType}", c => s.ListPipelines(R(c, "objectType")));
        Map(app, "GET", "/crm/v3/pipelines/{objectType}/{pipelineId}", c => s.GetPipeline(R(c, "objectType"), R(c, "pipelineId")));
        Map(app, "GET", "/crm/v3/pipelines/{objectType}/{pipelineId}/stages", c => s.ListStages(R(c, "objectType"), R(c, "pipelineId")));
        Map(app, "GET", "/crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}", c => s.GetStage(R(c, "objectType"), R(c, "pipelineId"), R(c, "stageId")));

        foreach (var prefix in new[] { "/crm-object-schemas/v3/schemas", "/crm/v3/schemas" })
        {
            Map(app, "GET", prefix, _ => s.ListSchemas());
            Map(app, "GET", prefix + "/{objectType}", c => s.GetSchema(R(c, "objectType")));
        }

        app.MapFallback(_ => throw HubSpotStore.NotFoundPath());
    }

    public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        WriteLimitHeaders(context, Seed.RateLimit, 0, Seed.DailyLimit, null);
        await WriteRateLimitBodyAsync(context, "TEN_SECONDLY_ROLLING", "ten_secondly_rolling");
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
        return WriteErrorAsync(context, new HubSpotApiException(status, category, message));
    }

    // ---------------------------------------------------------------- middleware

    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            var token = BearerToken(context.Request);
            if (token is null)
            {
                await WriteErrorAsync(context, new HubSpotApiException(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication and private app access tokens sent as 'Authorization: Bearer <token>'."));
                return;
            }

            if (!Seed.Tokens.Contains(token, StringComparer.Ordinal))
            {
                await WriteErrorAsync(context, new HubSpotApiException(401, "INVALID_AUTHENTICATION", "The access token used to make this call is not valid. Check that it belongs to an installed private app and has not been rotated."));
                return;
            }

            var burst = _burst.Take(token);
            var daily = _daily.Take(token);
            WriteLimitHeaders(context, Seed.RateLimit, burst.Remaining, Seed.DailyLimit, daily.Remaining);
            if (!daily.Allowed)
            {
                await WriteRateLimitBodyAsync(context, "DAILY", "daily");
                return;
            }

            if (!burst.Allowed)
            {
                await WriteRateLimitBodyAsync(context, "TEN_SECONDLY_ROLLING", "ten_secondly_rolling");
                return;
            }

            await next(context);
        }
        catch (HubSpotApiException error) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, error);
        }
    }

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

    private static Task WriteRateLimitBodyAsync(HttpContext context, string policy, string words)
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
        return WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, body, correlationId);
    }

    private static Task WriteErrorAsync(HttpContext context, HubSpotApiException error)
    {
        var correlationId = Guid.NewGuid().ToString();
        return WriteJsonAsync(context, error.Status, error.ToJson(correlationId), correlationId);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode? body, string? correlationId = null)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["X-HubSpot-Correlation-Id"] = correlationId ?? Guid.NewGuid().ToString();
        if (body is null)
            return;
        context.Response.ContentType = JsonContentType;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    // ---------------------------------------------------------------- routing helpers

    private static void Map(WebApplication app, string method, string pattern, Func<HttpContext, HubSpotResponse> handler) =>
        app.MapMethods(pattern, [method], (RequestDelegate)(context => RespondAsync(context, handler(context))));

    private static void MapBody(WebApplication app, string method, string pattern, Func<HttpContext, JsonNode?, HubSpotResponse> handler) =>
        app.MapMethods(pattern, [method], (RequestDelegate)(async context =>
        {
            var body = await ReadBodyAsync(context.Request);
            await RespondAsync(context, handler(context, body));
        }));

    private static Task RespondAsync(HttpContext context, HubSpotResponse response)
    {
        if (response.Changed)
            context.MarkStateChanged();
        return WriteJsonAsync(context, response.Status, response.Body);
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
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
            throw HubSpotApiException.Validation($"Invalid input JSON on line {(error.LineNumber ?? 0) + 1}, column {(error.BytePositionInLine ?? 0) + 1}: the body is not valid JSON.");
        }
    }

    private static string R(HttpContext context, string name) => context.GetRouteValue(name)?.ToString() ?? "";

    private static string? Q(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    private static List<string> List(HttpContext context, string name) =>
        [.. context.Request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static bool Bool(HttpContext context, string name) => string.Equals(Q(context, name), "true", StringComparison.OrdinalIgnoreCase);

    private static int? Int(HttpContext context, string name)
    {
        var text = Q(context, name);
        if (text is null)
            return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw HubSpotApiException.Validation($"{name} must be a whole number, but was {text}.");
    }
}

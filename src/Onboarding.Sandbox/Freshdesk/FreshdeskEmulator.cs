using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>
/// Freshdesk API v2 as the notes describe it: Basic auth with the API key, JSON only, updates by PUT, 409 on duplicates,
/// the plan's request budget for the account (per minute or per hour) and its per-endpoint caps per minute, with
/// X-RateLimit-* headers on every answer and 429 + Retry-After past either.
/// </summary>
public sealed class FreshdeskEmulator : IServiceEmulator, IServiceProtocol
{
    private const string RateDecisionKey = "freshdesk.rate";
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly FixedWindowLimiter _limiter;
    private readonly Dictionary<FreshdeskEndpoint, FixedWindowLimiter> _endpointLimiters;

    /// <param name="state">What <see cref="FreshdeskStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public FreshdeskEmulator(FreshdeskSeed? seed = null, TimeProvider? time = null, FreshdeskState? state = null)
    {
        Time = time ?? TimeProvider.System;
        Store = new FreshdeskStore(seed, Time, state);
        var limits = Seed.Limits;
        _limiter = new FixedWindowLimiter(limits.Requests, limits.Window, Time);
        _endpointLimiters = limits.PerMinute.ToDictionary(l => l.Key, l => new FixedWindowLimiter(l.Value, TimeSpan.FromMinutes(1), Time));
    }

    public string Name => "freshdesk";

    public TimeProvider Time { get; }

    public FreshdeskStore Store { get; }

    public FreshdeskSeed Seed => Store.Seed;

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(GuardAsync);
        var api = new EmulatorRoutes(app, this, Store.Gate).Group("/api/v2");
        var contacts = new FreshdeskContacts(Store);
        var companies = new FreshdeskCompanies(Store);
        var tickets = new FreshdeskTickets(Store);
        var conversations = new FreshdeskConversations(Store);
        var emailConfigs = new FreshdeskEmailConfigs(Store);
        var companyFields = new FreshdeskCompanyFields(Store);

        api.Map("POST", "/contacts", (r, body) => Located(r, "contacts", contacts.Create(Object(body))));
        api.Map("GET", "/contacts", r => contacts.List(Query(r)));
        api.Map("GET", "/contacts/{id:long}", r => contacts.Get(Id(r)));
        api.Map("PUT", "/contacts/{id:long}", (r, body) => contacts.Update(Id(r), Object(body)));
        api.Map("DELETE", "/contacts/{id:long}", r => contacts.Delete(Id(r)));

        api.Map("POST", "/companies", (r, body) => Located(r, "companies", companies.Create(Object(body))));
        api.Map("GET", "/companies", r => companies.List(Query(r)));
        api.Map("GET", "/companies/autocomplete", r => companies.Autocomplete(Query(r)));
        api.Map("GET", "/companies/{id:long}", r => companies.Get(Id(r)));
        api.Map("PUT", "/companies/{id:long}", (r, body) => companies.Update(Id(r), Object(body)));
        api.Map("DELETE", "/companies/{id:long}", r => companies.Delete(Id(r)));

        api.Map("POST", "/tickets", (r, body) => Located(r, "tickets", tickets.Create(Object(body))));
        api.Map("POST", "/tickets/outbound_email", (r, body) => Located(r, "tickets", tickets.CreateOutboundEmail(Object(body))));
        api.Map("GET", "/tickets", r => tickets.List(Query(r)));
        api.Map("GET", "/tickets/{id:long}", r => tickets.Get(Id(r), Query(r)));
        api.Map("PUT", "/tickets/{id:long}", (r, body) => tickets.Update(Id(r), Object(body)));
        api.Map("DELETE", "/tickets/{id:long}", r => tickets.Delete(Id(r)));
        api.Map("POST", "/tickets/{id:long}/notes", (r, body) => conversations.AddNote(Id(r), Object(body)));
        api.Map("POST", "/tickets/{id:long}/reply", (r, body) => conversations.AddReply(Id(r), Object(body)));
        api.Map("GET", "/tickets/{id:long}/conversations", r => conversations.List(Id(r), Query(r)));
        api.Map("GET", "/search/tickets", r => tickets.Search(Query(r)));

        api.Map("GET", "/email_configs", _ => emailConfigs.List());
        api.Map("GET", "/company_fields", _ => companyFields.List());
        api.Map("POST", "/admin/company_fields", (r, body) => companyFields.Create(Object(body)));
        api.Map("GET", "/email_configs/{id:long}", r => emailConfigs.Get(Id(r)));
    }

    public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = Math.Max(1, retryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Total"] = _limiter.Limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Remaining"] = "0";
        context.Response.Headers["X-RateLimit-Used-CurrentRequest"] = "1";
        // The body of Freshdesk's 429 is not documented; clients go by the status and Retry-After.
        await WriteAsync(context, new EmulatorResponse(StatusCodes.Status429TooManyRequests, new JsonObject { ["message"] = _limiter.WindowLength >= TimeSpan.FromHours(1) ? "You have exceeded the limit of requests per hour" : "You have exceeded the limit of requests per minute" }));
    }

    public async Task WriteServerErrorAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(RateDecisionKey, out var decision) && decision is FixedWindowLimiter.Decision d)
            WriteRateHeaders(context, d);
        await WriteAsync(context, new EmulatorResponse(status, new JsonObject { ["code"] = "internal_error", ["message"] = "We're sorry, but something went wrong." }));
    }

    /// <summary>Freshdesk takes JSON only: another content type is 415, a body that is not a JSON object 400 invalid_json.</summary>
    public async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            var given = request.ContentType ?? "nothing";
            throw FreshdeskProblem.Coded(415, "invalid_content_type", $"Content-Type header is set to {given}. It should be set to application/json");
        }

        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject
                ?? throw new JsonException("The body is not an object.");
        }
        catch (JsonException)
        {
            throw FreshdeskProblem.Validation(new FreshdeskFieldError(null, "Request body has invalid json format", "invalid_json"));
        }
    }

    /// <summary>A page of a list links to the next one (<c>Link: &lt;…&gt;; rel="next"</c>) while more exist.</summary>
    public Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Page is { HasNext: true } page)
        {
            var request = context.Request;
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            query["page"] = (page.Number + 1).ToString(CultureInfo.InvariantCulture);
            var next = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}" + QueryString.Create(query!);
            response = response.WithHeader(HeaderNames.Link, $"<{next}>; rel=\"next\"");
        }

        return response.WriteAsync(context, JsonContentType, FreshdeskJson.Options);
    }

    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        // Every request counts against the account's budget, invalid ones too; a capped endpoint's also against its own.
        var decision = _limiter.Take(Seed.Domain);
        context.Items[RateDecisionKey] = decision;
        if (!decision.Allowed)
        {
            await WriteRateLimitedAsync(context, (int)Math.Ceiling(decision.ResetIn.TotalSeconds));
            return;
        }

        if (FreshdeskPlanLimits.EndpointOf(context.Request.Method, context.Request.Path.Value ?? "") is { } endpoint
            && _endpointLimiters.TryGetValue(endpoint, out var endpointLimiter)
            && endpointLimiter.Take(Seed.Domain) is { Allowed: false } capped)
        {
            await WriteRateLimitedAsync(context, (int)Math.Ceiling(capped.ResetIn.TotalSeconds));
            return;
        }

        WriteRateHeaders(context, decision);
        context.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString();
        if (!Authenticated(context.Request))
        {
            await WriteAsync(context, FreshdeskProblem.Coded(401, "invalid_credentials", "You have to be logged in to perform this action.").ToResponse(context));
            return;
        }

        if (!AcceptsJson(context.Request))
        {
            await WriteAsync(context, FreshdeskProblem.Coded(406, "invalid_accept_header", "This request only supports application/json type in the Accept header.").ToResponse(context));
            return;
        }

        await next(context);
    }

    private void WriteRateHeaders(HttpContext context, FixedWindowLimiter.Decision decision)
    {
        context.Response.Headers["X-RateLimit-Total"] = _limiter.Limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Used-CurrentRequest"] = "1";
    }

    private bool Authenticated(HttpRequest request)
    {
        // Freshdesk takes the API key as the user id and ignores the password.
        if (BasicAuth.Credentials(request) is not { } credentials)
            return false;
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        var key = colon < 0 ? credentials : credentials[..colon];
        return BasicAuth.SecretEquals(key, Seed.ApiKey) || Seed.OtherApiKeys.Any(other => BasicAuth.SecretEquals(key, other));
    }

    private static bool AcceptsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
            return true;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
            return true;
        return types.Any(t => t.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase)
            || t.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            || t.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A create answers with where the new item lives.</summary>
    private static EmulatorResponse Located(EmulatorRequest r, string collection, EmulatorResponse created)
    {
        var request = r.Http.Request;
        return created.Body?["id"] is { } id
            ? created.WithHeader(HeaderNames.Location, $"{request.Scheme}://{request.Host}/api/v2/{collection}/{id.ToJsonString()}")
            : created;
    }

    /// <summary>The body <see cref="ReadBodyAsync"/> read, which is always an object.</summary>
    private static JsonObject Object(JsonNode? body) => (JsonObject)body!;

    private static Dictionary<string, string> Query(EmulatorRequest r) =>
        r.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);

    private static long Id(EmulatorRequest r) => long.Parse(r.Route("id"), CultureInfo.InvariantCulture);
}

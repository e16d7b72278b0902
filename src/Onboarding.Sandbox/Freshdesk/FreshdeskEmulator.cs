using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>
/// Freshdesk API v2 as the notes describe it: Basic auth with the API key, JSON only, updates by PUT, 409 on duplicates,
/// a per-account request budget per minute with X-RateLimit-* headers on every answer and 429 + Retry-After past it.
/// </summary>
public sealed class FreshdeskEmulator : IServiceEmulator
{
    private const string RateDecisionKey = "freshdesk.rate";
    private FixedWindowLimiter? _limiter;
    private TimeProvider _time = TimeProvider.System;

    /// <param name="state">What <see cref="FreshdeskStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public FreshdeskEmulator(FreshdeskSeed? seed = null, FreshdeskState? state = null)
    {
        Store = new FreshdeskStore(seed, state);
    }

    public string Name => "freshdesk";

    public FreshdeskStore Store { get; }

    public FreshdeskSeed Seed => Store.Seed;

    /// <summary>The account's request budget (available once the host has configured the emulator).</summary>
    public FixedWindowLimiter Limiter => _limiter ?? throw new InvalidOperationException("The emulator is not configured yet.");

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _time = app.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        _limiter = new FixedWindowLimiter(Seed.RateLimit, Seed.RateLimitWindow, _time);
        app.Use(GuardAsync);

        var api = app.MapGroup("/api/v2");
        api.MapPost("/contacts", c => WithBody(c, StatusCodes.Status201Created, b => Store.CreateContact(b, Now), "contacts"));
        api.MapGet("/contacts", c => WriteListAsync(c, () => Store.ListContacts(Query(c))));
        api.MapGet("/contacts/{id:long}", c => Read(c, () => Store.GetContact(Id(c))));
        api.MapPut("/contacts/{id:long}", c => WithBody(c, StatusCodes.Status200OK, b => Store.UpdateContact(Id(c), b, Now)));
        api.MapDelete("/contacts/{id:long}", c => Delete(c, () => Store.DeleteContact(Id(c), Now)));

        api.MapPost("/companies", c => WithBody(c, StatusCodes.Status201Created, b => Store.CreateCompany(b, Now), "companies"));
        api.MapGet("/companies", c => WriteListAsync(c, () => Store.ListCompanies(Query(c))));
        api.MapGet("/companies/autocomplete", c => Read(c, () => Store.AutocompleteCompanies(Query(c))));
        api.MapGet("/companies/{id:long}", c => Read(c, () => Store.GetCompany(Id(c))));
        api.MapPut("/companies/{id:long}", c => WithBody(c, StatusCodes.Status200OK, b => Store.UpdateCompany(Id(c), b, Now)));
        api.MapDelete("/companies/{id:long}", c => Delete(c, () => Store.DeleteCompany(Id(c))));

        api.MapPost("/tickets", c => WithBody(c, StatusCodes.Status201Created, b => Store.CreateTicket(b, Now), "tickets"));
        api.MapPost("/tickets/outbound_email", c => WithBody(c, StatusCodes.Status201Created, b => Store.CreateOutboundEmail(b, Now), "tickets"));
        api.MapGet("/tickets", c => WriteListAsync(c, () => Store.ListTickets(Query(c), Now)));
        api.MapGet("/tickets/{id:long}", c => Read(c, () => Store.GetTicket(Id(c), Query(c))));
        api.MapPut("/tickets/{id:long}", c => WithBody(c, StatusCodes.Status200OK, b => Store.UpdateTicket(Id(c), b, Now)));
        api.MapDelete("/tickets/{id:long}", c => Delete(c, () => Store.DeleteTicket(Id(c), Now)));
        api.MapPost("/tickets/{id:long}/notes", c => WithBody(c, StatusCodes.Status201Created, b => Store.AddNote(Id(c), b, Now)));
        api.MapPost("/tickets/{id:long}/reply", c => WithBody(c, StatusCodes.Status201Created, b => Store.AddReply(Id(c), b, Now)));
        api.MapGet("/tickets/{id:long}/conversations", c => WriteListAsync(c, () => Store.ListConversations(Id(c), Query(c))));
        api.MapGet("/search/tickets", c => Read(c, () => Store.SearchTickets(Query(c), Now)));

        api.MapGet("/email_configs", c => Read(c, Store.ListEmailConfigs));
        api.MapGet("/email_configs/{id:long}", c => Read(c, () => Store.GetEmailConfig(Id(c))));
    }

    public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, retryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Total"] = (_limiter?.Limit ?? Seed.RateLimit).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Remaining"] = "0";
        context.Response.Headers["X-RateLimit-Used-CurrentRequest"] = "1";
        // The body of Freshdesk's 429 is not documented; clients go by the status and Retry-After.
        await WriteJsonAsync(context, new JsonObject { ["message"] = "You have exceeded the limit of requests per minute" });
    }

    public async Task WriteServerErrorAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (context.Items.TryGetValue(RateDecisionKey, out var decision) && decision is FixedWindowLimiter.Decision d)
            WriteRateHeaders(context, d);
        await WriteJsonAsync(context, new JsonObject { ["code"] = "internal_error", ["message"] = "We're sorry, but something went wrong." });
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        // Every request counts against the account's budget, invalid ones too.
        var decision = Limiter.Take(Seed.Domain);
        context.Items[RateDecisionKey] = decision;
        if (!decision.Allowed)
        {
            await WriteRateLimitedAsync(context, (int)Math.Ceiling(decision.ResetIn.TotalSeconds));
            return;
        }

        WriteRateHeaders(context, decision);
        context.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString();
        if (!Authenticated(context.Request))
        {
            await WriteProblemAsync(context, FreshdeskApiException.Coded(401, "invalid_credentials", "You have to be logged in to perform this action."));
            return;
        }

        if (!AcceptsJson(context.Request))
        {
            await WriteProblemAsync(context, FreshdeskApiException.Coded(406, "invalid_accept_header", "This request only supports application/json type in the Accept header."));
            return;
        }

        await next(context);
    }

    private void WriteRateHeaders(HttpContext context, FixedWindowLimiter.Decision decision)
    {
        context.Response.Headers["X-RateLimit-Total"] = Limiter.Limit.ToString(CultureInfo.InvariantCulture);
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
        return BasicAuth.SecretEquals(key, Seed.ApiKey);
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

    private static async Task WithBody(HttpContext context, int status, Func<JsonObject, JsonNode> action, string? locationCollection = null)
    {
        if (!context.Request.HasJsonContentType())
        {
            var given = context.Request.ContentType ?? "nothing";
            await WriteProblemAsync(context, FreshdeskApiException.Coded(415, "invalid_content_type", $"Content-Type header is set to {given}. It should be set to application/json"));
            return;
        }

        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw new JsonException("The body is not an object.");
        }
        catch (JsonException)
        {
            await WriteProblemAsync(context, FreshdeskApiException.Validation(new FreshdeskFieldError(null, "Request body has invalid json format", "invalid_json")));
            return;
        }

        JsonNode result;
        try
        {
            result = action(body);
        }
        catch (FreshdeskApiException problem)
        {
            await WriteProblemAsync(context, problem);
            return;
        }

        context.MarkStateChanged();
        if (locationCollection is not null && result["id"] is { } id)
            context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}/api/v2/{locationCollection}/{id.ToJsonString()}";
        context.Response.StatusCode = status;
        await WriteJsonAsync(context, result);
    }

    private static async Task Read(HttpContext context, Func<JsonNode> action)
    {
        JsonNode result;
        try
        {
            result = action();
        }
        catch (FreshdeskApiException problem)
        {
            await WriteProblemAsync(context, problem);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        await WriteJsonAsync(context, result);
    }

    private static async Task Delete(HttpContext context, Action action)
    {
        try
        {
            action();
        }
        catch (FreshdeskApiException problem)
        {
            await WriteProblemAsync(context, problem);
            return;
        }

        context.MarkStateChanged();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>A JSON array page; <c>Link: &lt;next&gt;; rel="next"</c> when more pages exist.</summary>
    private static Task WriteListAsync(HttpContext context, FreshdeskPage page)
    {
        if (page.HasMore)
        {
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var current = query.TryGetValue("page", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : 1;
            query["page"] = (current + 1).ToString(CultureInfo.InvariantCulture);
            var next = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}"
                + Microsoft.AspNetCore.Http.QueryString.Create(query!);
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        return WriteJsonAsync(context, page.Items);
    }

    private static Task WriteListAsync(HttpContext context, Func<FreshdeskPage> list)
    {
        FreshdeskPage page;
        try
        {
            page = list();
        }
        catch (FreshdeskApiException problem)
        {
            return WriteProblemAsync(context, problem);
        }

        return WriteListAsync(context, page);
    }

    private static Task WriteProblemAsync(HttpContext context, FreshdeskApiException problem)
    {
        context.Response.StatusCode = problem.Status;
        return problem.Body is null ? Task.CompletedTask : WriteJsonAsync(context, problem.Body);
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonNode node)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(node.ToJsonString(FreshdeskJson.Options), context.RequestAborted);
    }

    private static Dictionary<string, string> Query(HttpContext context) =>
        context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);

    private static long Id(HttpContext context) =>
        long.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// GitHub's REST API as GitHub Enterprise serves it (under <c>/api/v3/</c>, where Octokit looks for a non-github.com address):
/// issues, issue comments, labels, issue search (with index lag), pulls and contents, with GitHub's auth, rate-limit headers,
/// absolute Link pagination and error bodies.
/// </summary>
public sealed class GitHubEmulator : IServiceEmulator
{
    public const string ApiPrefix = "/api/v3";
    private const string CallerKey = "github.caller";
    private const string RateKey = "github.rate";
    private const string Json = "application/json; charset=utf-8";
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TimeProvider _time;
    private readonly FixedWindowLimiter _core;
    private readonly FixedWindowLimiter _anonymous;
    private readonly FixedWindowLimiter _search;
    private long _requests;

    /// <param name="state">What <see cref="GitHubStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public GitHubEmulator(GitHubSeed? seed = null, TimeProvider? time = null, GitHubState? state = null)
    {
        _time = time ?? TimeProvider.System;
        Store = new GitHubStore(seed, _time, state);
        var s = Store.Seed;
        _core = new FixedWindowLimiter(s.RateLimit, s.RateLimitWindow, _time);
        _anonymous = new FixedWindowLimiter(s.AnonymousRateLimit, s.RateLimitWindow, _time);
        _search = new FixedWindowLimiter(s.SearchRateLimit, s.SearchRateLimitWindow, _time);
    }

    public string Name => "github";

    public GitHubStore Store { get; }

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(GuardAsync);
        var api = app.MapGroup(ApiPrefix);
        const string repo = "/repos/{owner}/{repo}";

        api.MapGet($"{repo}/issues", (HttpContext c, string owner, string repo) => Run(c, Docs.ListIssues, (caller, urls) =>
        {
            var q = c.Request.Query;
            var (page, perPage) = Paging(c.Request);
            var query = new GitHubIssueQuery(
                State: q["state"].ToString() is "closed" or "all" ? q["state"].ToString() : "open",
                Labels: q["labels"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Sort: q["sort"].ToString() is "updated" or "comments" ? q["sort"].ToString() : "created",
                Direction: q["direction"].ToString() == "asc" ? "asc" : "desc",
                Since: Since(c.Request),
                Page: page,
                PerPage: perPage);
            return Task.FromResult(Store.ListIssues(urls, caller, owner, repo, query));
        }));
        api.MapPost($"{repo}/issues", (HttpContext c, string owner, string repo) => Run(c, Docs.CreateIssue, async (caller, urls) =>
            Store.CreateIssue(urls, caller, owner, repo, await ObjectBodyAsync(c))));
        api.MapGet($"{repo}/issues/{{number:int}}", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.GetIssue, (caller, urls) =>
            Task.FromResult(Store.GetIssue(urls, caller, owner, repo, number))));
        api.MapPatch($"{repo}/issues/{{number:int}}", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.UpdateIssue, async (caller, urls) =>
            Store.UpdateIssue(urls, caller, owner, repo, number, await ObjectBodyAsync(c))));

        api.MapGet($"{repo}/issues/{{number:int}}/comments", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.ListComments, (caller, urls) =>
        {
            var (page, perPage) = Paging(c.Request);
            return Task.FromResult(Store.ListComments(urls, caller, owner, repo, number, Since(c.Request), page, perPage));
        }));
        api.MapPost($"{repo}/issues/{{number:int}}/comments", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.CreateComment, async (caller, urls) =>
            Store.CreateComment(urls, caller, owner, repo, number, await ObjectBodyAsync(c))));
        api.MapGet($"{repo}/issues/comments/{{id:long}}", (HttpContext c, string owner, string repo, long id) => Run(c, Docs.GetComment, (caller, urls) =>
            Task.FromResult(Store.GetComment(urls, caller, owner, repo, id))));
        api.MapPatch($"{repo}/issues/comments/{{id:long}}", (HttpContext c, string owner, string repo, long id) => Run(c, Docs.UpdateComment, async (caller, urls) =>
            Store.UpdateComment(urls, caller, owner, repo, id, await ObjectBodyAsync(c))));

        api.MapGet($"{repo}/labels", (HttpContext c, string owner, string repo) => Run(c, Docs.ListLabels, (caller, urls) =>
        {
            var (page, perPage) = Paging(c.Request);
            return Task.FromResult(Store.ListLabels(urls, caller, owner, repo, page, perPage));
        }));
        api.MapPost($"{repo}/labels", (HttpContext c, string owner, string repo) => Run(c, Docs.CreateLabel, async (caller, urls) =>
            Store.CreateLabel(urls, caller, owner, repo, await ObjectBodyAsync(c))));
        api.MapGet($"{repo}/labels/{{name}}", (HttpContext c, string owner, string repo, string name) => Run(c, Docs.GetLabel, (caller, urls) =>
            Task.FromResult(Store.GetLabel(urls, caller, owner, repo, name))));
        api.MapGet($"{repo}/issues/{{number:int}}/labels", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.ListIssueLabels, (caller, urls) =>
        {
            var (page, perPage) = Paging(c.Request);
            return Task.FromResult(Store.ListIssueLabels(urls, caller, owner, repo, number, page, perPage));
        }));
        api.MapPost($"{repo}/issues/{{number:int}}/labels", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.AddIssueLabels, async (caller, urls) =>
            Store.ChangeIssueLabels(urls, caller, owner, repo, number, await BodyAsync(c), replace: false)));
        api.MapPut($"{repo}/issues/{{number:int}}/labels", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.SetIssueLabels, async (caller, urls) =>
            Store.ChangeIssueLabels(urls, caller, owner, repo, number, await BodyAsync(c), replace: true)));

        api.MapGet("/search/issues", new RequestDelegate(SearchAsync));

        api.MapGet($"{repo}/pulls", (HttpContext c, string owner, string repo) => Run(c, Docs.ListPulls, (caller, urls) =>
        {
            var q = c.Request.Query;
            var (page, perPage) = Paging(c.Request);
            var state = q["state"].ToString() is "closed" or "all" ? q["state"].ToString() : "open";
            var sort = q["sort"].ToString() is "updated" or "popularity" or "long-running" ? q["sort"].ToString() : "created";
            var direction = q["direction"].ToString() is "asc" or "desc" ? q["direction"].ToString() : null;
            var baseRef = q["base"].ToString() is { Length: > 0 } b ? b : null;
            return Task.FromResult(Store.ListPulls(urls, caller, owner, repo, state, baseRef, sort == "updated" ? "updated" : "created", direction, page, perPage));
        }));
        api.MapGet($"{repo}/pulls/{{number:int}}", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.GetPull, (caller, urls) =>
            Task.FromResult(Store.GetPull(urls, caller, owner, repo, number))));
        api.MapGet($"{repo}/pulls/{{number:int}}/files", (HttpContext c, string owner, string repo, int number) => Run(c, Docs.ListPullFiles, (caller, urls) =>
        {
            var (page, perPage) = Paging(c.Request);
            return Task.FromResult(Store.ListPullFiles(urls, caller, owner, repo, number, page, perPage));
        }));

        api.MapGet($"{repo}/contents/{{**path}}", (HttpContext c, string owner, string repo, string? path) => Run(c, Docs.GetContent, (caller, urls) =>
        {
            var reference = c.Request.Query["ref"].ToString();
            return Task.FromResult(Store.GetContent(urls, caller, owner, repo, path ?? "", reference.Length == 0 ? null : reference));
        }));
        api.MapPut($"{repo}/contents/{{**path}}", (HttpContext c, string owner, string repo, string? path) => Run(c, Docs.PutContent, async (caller, urls) =>
            Store.PutContent(urls, caller, owner, repo, path ?? "", await ObjectBodyAsync(c))));

        app.MapFallback((HttpContext c) => WriteJsonAsync(c, 404, GitHubJson.Error("Not Found", Docs.Root, 404)));
    }

    private Task SearchAsync(HttpContext c) => Run(c, Docs.SearchIssues, (caller, urls) =>
    {
        var (page, perPage) = Paging(c.Request);
        var q = c.Request.Query;
        return Task.FromResult(Store.SearchIssues(urls, caller, q["q"].ToString(), q["sort"].ToString(), q["order"].ToString() == "asc" ? "asc" : "desc", page, perPage));
    });

    public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = RequestId(context);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var body = GitHubJson.Error(
            $"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {id}.",
            Docs.SecondaryRateLimits,
            StatusCodes.Status429TooManyRequests);
        await WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, body);
    }

    public async Task WriteServerErrorAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequestId(context);
        var message = status switch
        {
            StatusCodes.Status502BadGateway => "Server Error",
            StatusCodes.Status503ServiceUnavailable => "Service Unavailable",
            StatusCodes.Status504GatewayTimeout => "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
            _ => "Server Error",
        };
        await WriteJsonAsync(context, status, GitHubJson.Error(message, Docs.Root, status));
    }

    // ---------------------------------------------------------------- auth and rate limit

    /// <summary>Authenticates the token, counts the request against its budget, and sets the headers every GitHub answer carries.</summary>
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        RequestId(context);
        if (!context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (string.IsNullOrWhiteSpace(context.Request.Headers.UserAgent))
        {
            await WriteJsonAsync(context, 403, GitHubJson.Error("Request forbidden by administrative rules. Please make sure your request has a User-Agent header.", Docs.UserAgent, 403));
            return;
        }

        var caller = GitHubCaller.Anonymous;
        var token = Token(context.Request);
        if (token is not null)
        {
            var found = Store.Authenticate(token);
            if (found is null)
            {
                RateHeaders(context, "core", _anonymous, Address(context));
                await WriteJsonAsync(context, 401, GitHubJson.Error("Bad credentials", Docs.Root, 401));
                return;
            }

            caller = new GitHubCaller(found.Login, found.CanWrite);
            context.Response.Headers["X-OAuth-Scopes"] = found.CanWrite ? "repo" : "";
            context.Response.Headers["X-Accepted-OAuth-Scopes"] = "repo";
        }

        var isSearch = context.Request.Path.StartsWithSegments($"{ApiPrefix}/search", StringComparison.OrdinalIgnoreCase);
        var limiter = isSearch ? _search : caller.Login is null ? _anonymous : _core;
        var key = caller.Login ?? Address(context);
        var decision = RateHeaders(context, isSearch ? "search" : "core", limiter, key);
        if (!decision.Allowed)
        {
            var who = caller.Login is null
                ? $"{Address(context)}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
                : $"user ID {Store.Read(s => s.Users.FirstOrDefault(u => u.Login == caller.Login)?.Id ?? 0)}.";
            var status = Store.Seed.PrimaryRateLimitStatus;
            var body = GitHubJson.Error($"API rate limit exceeded for {who} If you reach out to GitHub Support for help, please include the request ID {RequestId(context)}.", Docs.RateLimits, status);
            await WriteJsonAsync(context, status, body);
            return;
        }

        var isWrite = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        if (isWrite && caller.Login is null)
        {
            await WriteJsonAsync(context, 401, GitHubJson.Error("Requires authentication", Docs.Root, 401));
            return;
        }

        if (isWrite && !caller.CanWrite)
        {
            await WriteJsonAsync(context, 403, GitHubJson.Error("Resource not accessible by personal access token", Docs.Root, 403));
            return;
        }

        context.Items[CallerKey] = caller;
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
        {
            // GitHub has no 405: a method a path does not take is simply not found.
            await WriteJsonAsync(context, 404, GitHubJson.Error("Not Found", Docs.Root, 404));
        }
    }

    private FixedWindowLimiter.Decision RateHeaders(HttpContext context, string resource, FixedWindowLimiter limiter, string key)
    {
        var decision = limiter.Take($"{resource}:{key}");
        var reset = _time.GetUtcNow() + decision.ResetIn;
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = limiter.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = ((long)Math.Ceiling(reset.ToUnixTimeMilliseconds() / 1000.0)).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = (limiter.Limit - decision.Remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = resource;
        context.Items[RateKey] = decision;
        return decision;
    }

    private static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
            return null;
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
            return header;
        var scheme = header[..space];
        var value = header[(space + 1)..].Trim();
        if (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
            return value;
        if (scheme.Equals("basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? decoded : decoded[(colon + 1)..];
            }
            catch (FormatException)
            {
                return value;
            }
        }

        return value;
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private string RequestId(HttpContext context)
    {
        if (context.Response.Headers.TryGetValue("X-GitHub-Request-Id", out var existing) && existing.Count > 0)
            return existing.ToString();
        var n = Interlocked.Increment(ref _requests);
        var id = string.Create(CultureInfo.InvariantCulture, $"{n & 0xFFFF:X4}:{n * 7919 % 0xFFFFF:X5}:{n * 104729 % 0xFFFFFF:X6}:{n * 1299709 % 0xFFFFFFF:X7}:{_time.GetUtcNow().ToUnixTimeSeconds():X8}");
        context.Response.Headers["X-GitHub-Request-Id"] = id;
        context.Response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        context.Response.Headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        return id;
    }

    // ---------------------------------------------------------------- routes

    private static async Task Run(HttpContext context, string documentation, Func<GitHubCaller, GitHubUrls, Task<GitHubResult>> handle)
    {
        var caller = context.Items[CallerKey] as GitHubCaller ?? GitHubCaller.Anonymous;
        var urls = Urls(context.Request);
        GitHubResult result;
        try
        {
            result = await handle(caller, urls);
        }
        catch (GitHubProblem problem)
        {
            await WriteJsonAsync(context, problem.Status, problem.Body(documentation));
            return;
        }

        if (result.Changed)
            context.MarkStateChanged();
        if (result.Location is not null)
            context.Response.Headers.Location = result.Location;
        if (result.Total is { } total)
        {
            var (page, perPage) = Paging(context.Request);
            var link = LinkHeader(context.Request, urls, page, perPage, total);
            if (link is not null)
                context.Response.Headers.Link = link;
        }

        await WriteJsonAsync(context, result.Status, result.Body);
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        return context.Response.WriteAsync(body.ToJsonString(Output), Encoding.UTF8);
    }

    /// <summary>The emulator's own address as the client reached it, so links are absolute and point back here.</summary>
    private static GitHubUrls Urls(HttpRequest request)
    {
        var web = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new GitHubUrls(web + ApiPrefix, web);
    }

    internal static (int Page, int PerPage) Paging(HttpRequest request)
    {
        var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var perPage = int.TryParse(request.Query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var pp) && pp > 0 ? Math.Min(pp, 100) : 30;
        return (page, perPage);
    }

    private static DateTimeOffset? Since(HttpRequest request) =>
        DateTimeOffset.TryParse(request.Query["since"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since : null;

    /// <summary>GitHub's Link header: absolute URLs, the request's own query with <c>page</c> replaced; rel prev, next, last, first.</summary>
    internal static string? LinkHeader(HttpRequest request, GitHubUrls urls, int page, int perPage, int total)
    {
        var last = Math.Max(1, (total + perPage - 1) / perPage);
        if (last == 1 && page == 1)
            return null;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        string Url(int target)
        {
            var pairs = query.Where(kv => kv.Key != "page").Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString())).ToList();
            pairs.Add(new("page", target.ToString(CultureInfo.InvariantCulture)));
            return $"{urls.Web}{request.Path}{QueryString.Create(pairs)}";
        }

        var links = new List<string>();
        if (page > 1)
            links.Add($"<{Url(Math.Min(page - 1, last))}>; rel=\"prev\"");
        if (page < last)
        {
            links.Add($"<{Url(page + 1)}>; rel=\"next\"");
            links.Add($"<{Url(last)}>; rel=\"last\"");
        }

        if (page > 1)
            links.Add($"<{Url(1)}>; rel=\"first\"");
        return string.Join(", ", links);
    }

    private static async Task<JsonNode?> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw GitHubProblem.Of(400, "Problems parsing JSON");
        }
    }

    private static async Task<JsonObject> ObjectBodyAsync(HttpContext context) =>
        await BodyAsync(context) switch
        {
            JsonObject obj => obj,
            null => [],
            _ => throw GitHubProblem.Of(400, "Problems parsing JSON"),
        };

    private static class Docs
    {
        public const string Root = "https://docs.github.com/rest";
        public const string UserAgent = "https://docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent";
        public const string RateLimits = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
        public const string SecondaryRateLimits = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
        public const string ListIssues = "https://docs.github.com/rest/issues/issues#list-repository-issues";
        public const string CreateIssue = "https://docs.github.com/rest/issues/issues#create-an-issue";
        public const string GetIssue = "https://docs.github.com/rest/issues/issues#get-an-issue";
        public const string UpdateIssue = "https://docs.github.com/rest/issues/issues#update-an-issue";
        public const string ListComments = "https://docs.github.com/rest/issues/comments#list-issue-comments";
        public const string CreateComment = "https://docs.github.com/rest/issues/comments#create-an-issue-comment";
        public const string GetComment = "https://docs.github.com/rest/issues/comments#get-an-issue-comment";
        public const string UpdateComment = "https://docs.github.com/rest/issues/comments#update-an-issue-comment";
        public const string ListLabels = "https://docs.github.com/rest/issues/labels#list-labels-for-a-repository";
        public const string CreateLabel = "https://docs.github.com/rest/issues/labels#create-a-label";
        public const string GetLabel = "https://docs.github.com/rest/issues/labels#get-a-label";
        public const string ListIssueLabels = "https://docs.github.com/rest/issues/labels#list-labels-for-an-issue";
        public const string AddIssueLabels = "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue";
        public const string SetIssueLabels = "https://docs.github.com/rest/issues/labels#set-labels-for-an-issue";
        public const string SearchIssues = "https://docs.github.com/rest/search/search#search-issues-and-pull-requests";
        public const string ListPulls = "https://docs.github.com/rest/pulls/pulls#list-pull-requests";
        public const string GetPull = "https://docs.github.com/rest/pulls/pulls#get-a-pull-request";
        public const string ListPullFiles = "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files";
        public const string GetContent = "https://docs.github.com/rest/repos/contents#get-repository-content";
        public const string PutContent = "https://docs.github.com/rest/repos/contents#create-or-update-file-contents";
    }
}

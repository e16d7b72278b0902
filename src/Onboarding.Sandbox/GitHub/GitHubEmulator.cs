using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// GitHub's REST API as GitHub Enterprise serves it (under <c>/api/v3/</c>, where Octokit looks for a non-github.com address):
/// issues, issue comments, issue events (labels added and removed, with their actor), a collaborator's permission, labels,
/// issue search (with index lag), pulls, their reviews and contents, commit statuses, with GitHub's auth, rate-limit headers,
/// absolute Link pagination and error bodies.
/// </summary>
public sealed partial class GitHubEmulator : IServiceEmulator, IServiceProtocol
{
    public const string ApiPrefix = "/api/v3";

    /// <summary>Where GitHub Enterprise Server serves GraphQL (api.github.com serves it at <c>/graphql</c>).</summary>
    public const string GraphQLPath = "/api/graphql";
    private const string CallerKey = "github.caller";
    private const string RateKey = "github.rate";
    private const string Json = "application/json; charset=utf-8";
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FixedWindowLimiter _core;
    private readonly FixedWindowLimiter _anonymous;
    private readonly FixedWindowLimiter _search;
    private readonly FixedWindowLimiter _graphql;
    private readonly FixedWindowLimiter _contentPerMinute;
    private readonly FixedWindowLimiter _contentPerHour;
    private long _requests;

    /// <param name="state">What <see cref="GitHubStore.ImportJson"/> read, to continue a kept sandbox; null starts from the seed.</param>
    public GitHubEmulator(GitHubSeed? seed = null, TimeProvider? time = null, GitHubState? state = null)
    {
        Time = time ?? TimeProvider.System;
        Store = new GitHubStore(seed, Time, state);
        var s = Store.Seed;
        _core = new FixedWindowLimiter(s.RateLimit, s.RateLimitWindow, Time);
        _anonymous = new FixedWindowLimiter(s.AnonymousRateLimit, s.RateLimitWindow, Time);
        _search = new FixedWindowLimiter(s.SearchRateLimit, s.SearchRateLimitWindow, Time);
        _graphql = new FixedWindowLimiter(s.RateLimit, s.RateLimitWindow, Time);
        _contentPerMinute = new FixedWindowLimiter(s.ContentCreationPerMinute, TimeSpan.FromMinutes(1), Time);
        _contentPerHour = new FixedWindowLimiter(s.ContentCreationPerHour, TimeSpan.FromHours(1), Time);
    }

    public string Name => "github";

    public TimeProvider Time { get; }

    public GitHubStore Store { get; }

    public void Configure(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(GuardAsync);
        var routes = new EmulatorRoutes(app, this, Store.Gate);
        var api = routes.Group(ApiPrefix);
        var issues = new GitHubIssues(Store);
        var comments = new GitHubComments(Store);
        var labels = new GitHubLabels(Store);
        var search = new GitHubSearch(Store);
        var pulls = new GitHubPulls(Store);
        var reviews = new GitHubReviews(Store);
        var contents = new GitHubContents(Store);
        var repositories = new GitHubRepositories(Store);
        var statuses = new GitHubStatuses(Store);
        const string repo = "/repos/{owner}/{repo}";

        api.Map("GET", $"{repo}/issues", r =>
        {
            var q = r.Query;
            var (page, perPage) = Paging(r.Http.Request);
            var query = new GitHubIssueQuery(
                State: q["state"].ToString() is "closed" or "all" ? q["state"].ToString() : "open",
                Labels: q["labels"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Sort: q["sort"].ToString() is "updated" or "comments" ? q["sort"].ToString() : "created",
                Direction: q["direction"].ToString() == "asc" ? "asc" : "desc",
                Since: Since(r.Http.Request),
                Page: page,
                PerPage: perPage);
            return issues.List(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), query);
        }).WithMetadata(Docs.ListIssues);
        api.Map("POST", $"{repo}/issues", (r, body) => issues.Create(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Object(body))).WithMetadata(Docs.CreateIssue);
        api.Map("GET", $"{repo}/issues/{{number:int}}", r => issues.Get(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r))).WithMetadata(Docs.GetIssue);
        api.Map("PATCH", $"{repo}/issues/{{number:int}}", (r, body) => issues.Update(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), Object(body))).WithMetadata(Docs.UpdateIssue);

        api.Map("GET", $"{repo}/issues/{{number:int}}/comments", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            return comments.List(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), Since(r.Http.Request), page, perPage);
        }).WithMetadata(Docs.ListComments);
        api.Map("GET", $"{repo}/issues/comments", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            var q = r.Query;
            return comments.ListRepository(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), q["sort"].ToString(), q["direction"].ToString(), Since(r.Http.Request), page, perPage);
        }).WithMetadata(Docs.ListRepositoryComments);
        api.Map("POST", $"{repo}/issues/{{number:int}}/comments", (r, body) => comments.Create(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), Object(body))).WithMetadata(Docs.CreateComment);
        api.Map("GET", $"{repo}/issues/comments/{{id:long}}", r => comments.Get(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Id(r))).WithMetadata(Docs.GetComment);
        api.Map("PATCH", $"{repo}/issues/comments/{{id:long}}", (r, body) => comments.Update(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Id(r), Object(body))).WithMetadata(Docs.UpdateComment);

        api.Map("POST", $"{repo}/statuses/{{sha}}", (r, body) => statuses.Create(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), r.Route("sha"), Object(body))).WithMetadata(Docs.CreateStatus);
        api.Map("GET", $"{repo}/commits/{{reference}}/statuses", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            return statuses.List(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), r.Route("reference"), page, perPage);
        }).WithMetadata(Docs.ListStatuses);

        api.Map("GET", repo, r => repositories.Get(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"))).WithMetadata(Docs.GetRepository);

        var access = new GitHubAccess(Store);
        api.Map("GET", $"{repo}/issues/{{number:int}}/events", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            return access.Events(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), page, perPage);
        }).WithMetadata(Docs.ListIssueEvents);
        api.Map("GET", $"{repo}/collaborators/{{username}}/permission", r => access.Permission(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), r.Route("username"))).WithMetadata(Docs.GetPermission);

        api.Map("GET", $"{repo}/labels", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            return labels.List(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), page, perPage);
        }).WithMetadata(Docs.ListLabels);
        api.Map("POST", $"{repo}/labels", (r, body) => labels.Create(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Object(body))).WithMetadata(Docs.CreateLabel);
        api.Map("GET", $"{repo}/labels/{{name}}", r => labels.Get(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), r.Route("name"))).WithMetadata(Docs.GetLabel);
        api.Map("GET", $"{repo}/issues/{{number:int}}/labels", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            return labels.ListForIssue(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), page, perPage);
        }).WithMetadata(Docs.ListIssueLabels);
        api.Map("POST", $"{repo}/issues/{{number:int}}/labels", (r, body) => labels.ChangeForIssue(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), body, replace: false)).WithMetadata(Docs.AddIssueLabels);
        api.Map("PUT", $"{repo}/issues/{{number:int}}/labels", (r, body) => labels.ChangeForIssue(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), body, replace: true)).WithMetadata(Docs.SetIssueLabels);

        api.Map("GET", "/search/issues", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            var q = r.Query;
            return search.Issues(Urls(r), Caller(r), q["q"].ToString(), q["sort"].ToString(), q["order"].ToString() == "asc" ? "asc" : "desc", page, perPage);
        }).WithMetadata(Docs.SearchIssues);

        api.Map("GET", $"{repo}/pulls", r =>
        {
            var q = r.Query;
            var (page, perPage) = Paging(r.Http.Request);
            var state = q["state"].ToString() is "closed" or "all" ? q["state"].ToString() : "open";
            var sort = q["sort"].ToString() is "updated" or "popularity" or "long-running" ? q["sort"].ToString() : "created";
            var direction = q["direction"].ToString() is "asc" or "desc" ? q["direction"].ToString() : null;
            var baseRef = q["base"].ToString() is { Length: > 0 } b ? b : null;
            return pulls.List(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), state, baseRef, sort == "updated" ? "updated" : "created", direction, page, perPage);
        }).WithMetadata(Docs.ListPulls);
        api.Map("GET", $"{repo}/pulls/{{number:int}}", r => pulls.Get(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r))).WithMetadata(Docs.GetPull);
        api.Map("GET", $"{repo}/pulls/{{number:int}}/files", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            return pulls.ListFiles(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), page, perPage);
        }).WithMetadata(Docs.ListPullFiles);

        api.Map("GET", $"{repo}/pulls/{{number:int}}/reviews", r =>
        {
            var (page, perPage) = Paging(r.Http.Request);
            return reviews.List(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), page, perPage);
        }).WithMetadata(Docs.ListReviews);
        api.Map("POST", $"{repo}/pulls/{{number:int}}/reviews", (r, body) => reviews.Create(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), Number(r), Object(body))).WithMetadata(Docs.CreateReview);

        api.Map("GET", $"{repo}/contents/{{**path}}", r =>
        {
            var reference = r.Query["ref"].ToString();
            return contents.Get(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), r.Route("path"), reference.Length == 0 ? null : reference);
        }).WithMetadata(Docs.GetContent);
        api.Map("PUT", $"{repo}/contents/{{**path}}", (r, body) => contents.Put(Urls(r), Caller(r), r.Route("owner"), r.Route("repo"), r.Route("path"), Object(body))).WithMetadata(Docs.PutContent);

        var graphql = new GitHubGraphQL(Store);
        routes.Map("POST", GraphQLPath, (r, body) => graphql.Execute(Urls(r), Caller(r), body)).WithMetadata(Docs.GraphQL);

        routes.MapFallback(_ => throw GitHubProblem.NotFound());
    }

    public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = RequestId(context);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var body = GitHubJson.Error(
            $"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {id}.",
            Docs.SecondaryRateLimits,
            StatusCodes.Status429TooManyRequests);
        await WriteAsync(context, new EmulatorResponse(StatusCodes.Status429TooManyRequests, body));
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
        await WriteAsync(context, new EmulatorResponse(status, GitHubJson.Error(message, Docs.Root, status)));
    }

    /// <summary>GitHub reads a body as JSON; one that does not parse is 400 "Problems parsing JSON".</summary>
    public async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
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

    /// <summary>A page of a list carries GitHub's Link header (absolute, with rel prev, next, last and first).</summary>
    public Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Page is { } page && LinkHeader(context.Request, Urls(context.Request), page.Number, page.Size, page.Total) is { } link)
            response = response.WithHeader("Link", link);
        return response.WriteAsync(context, Json, Output);
    }

    // ---------------------------------------------------------------- auth and rate limit

    /// <summary>Authenticates the token, counts the request against its budget, and sets the headers every GitHub answer carries.</summary>
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        RequestId(context);
        var isGraphQL = context.Request.Path.Equals(GraphQLPath, StringComparison.OrdinalIgnoreCase);
        if (!isGraphQL && !context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (string.IsNullOrWhiteSpace(context.Request.Headers.UserAgent))
        {
            await WriteAsync(context, new EmulatorResponse(403, GitHubJson.Error("Request forbidden by administrative rules. Please make sure your request has a User-Agent header.", Docs.UserAgent, 403)));
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
                await WriteAsync(context, new EmulatorResponse(401, GitHubJson.Error("Bad credentials", Docs.Root, 401)));
                return;
            }

            caller = new GitHubCaller(found.Login, found.CanWrite) { ProjectAccess = found.ProjectAccess, CanPush = found.CanPush };
            context.Response.Headers["X-OAuth-Scopes"] = string.Join(", ", caller.Scopes);
            context.Response.Headers["X-Accepted-OAuth-Scopes"] = isGraphQL ? "" : "repo";
        }

        if (isGraphQL)
        {
            // GraphQL has a budget of its own, takes no anonymous caller, and decides per field what a token may do.
            if (caller.Login is null)
            {
                await WriteAsync(context, new EmulatorResponse(401, GitHubJson.Error("This endpoint requires you to be authenticated.", Docs.GraphQLAuthentication, 401)));
                return;
            }

            if (!RateHeaders(context, "graphql", _graphql, caller.Login).Allowed)
            {
                var limited = new JsonObject
                {
                    ["errors"] = new JsonArray(new JsonObject { ["type"] = "RATE_LIMITED", ["message"] = "API rate limit exceeded for user ID " + Store.Read(s => s.Users.FirstOrDefault(u => u.Login == caller.Login)?.Id ?? 0) + "." }),
                };
                await WriteAsync(context, new EmulatorResponse(Store.Seed.PrimaryRateLimitStatus, limited));
                return;
            }

            context.Items[CallerKey] = caller;
            await next(context);
            return;
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
            await WriteAsync(context, new EmulatorResponse(status, body));
            return;
        }

        var isWrite = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        if (isWrite && caller.Login is null)
        {
            await WriteAsync(context, new EmulatorResponse(401, GitHubJson.Error("Requires authentication", Docs.Root, 401)));
            return;
        }

        if (isWrite && !caller.CanWrite)
        {
            await WriteAsync(context, new EmulatorResponse(403, GitHubJson.Error("Resource not accessible by personal access token", Docs.Root, 403)));
            return;
        }

        if (isWrite && CreatesContent(context.Request) && !TakeContentSlot(caller.Login!))
        {
            // GitHub's secondary limit: 403, no Retry-After and a budget that is not used up, only a message.
            var body = GitHubJson.Error(
                $"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {RequestId(context)}.",
                Docs.SecondaryRateLimits,
                StatusCodes.Status403Forbidden);
            await WriteAsync(context, new EmulatorResponse(StatusCodes.Status403Forbidden, body));
            return;
        }

        context.Items[CallerKey] = caller;
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
        {
            // GitHub has no 405: a method a path does not take is simply not found.
            await WriteAsync(context, new EmulatorResponse(404, GitHubJson.Error("Not Found", Docs.Root, 404)));
        }
    }

    /// <summary>POST of an issue, a comment or a pull request: what GitHub's secondary limits on creating content count.</summary>
    private static bool CreatesContent(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && ContentPath().IsMatch(request.Path.Value ?? "");

    [System.Text.RegularExpressions.GeneratedRegex(@"^/api/v3/repos/[^/]+/[^/]+/(issues|issues/\d+/comments|pulls)/?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ContentPath();

    /// <summary>Counts a content-creating request against the minute's and then the hour's budget; false when either is spent.</summary>
    private bool TakeContentSlot(string login) =>
        _contentPerMinute.Take($"content:{login}").Allowed && _contentPerHour.Take($"content:{login}").Allowed;

    private FixedWindowLimiter.Decision RateHeaders(HttpContext context, string resource, FixedWindowLimiter limiter, string key)
    {
        var decision = limiter.Take($"{resource}:{key}");
        var reset = Time.GetUtcNow() + decision.ResetIn;
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
        var id = string.Create(CultureInfo.InvariantCulture, $"{n & 0xFFFF:X4}:{n * 7919 % 0xFFFFF:X5}:{n * 104729 % 0xFFFFFF:X6}:{n * 1299709 % 0xFFFFFFF:X7}:{Time.GetUtcNow().ToUnixTimeSeconds():X8}");
        context.Response.Headers["X-GitHub-Request-Id"] = id;
        context.Response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        context.Response.Headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        return id;
    }

    // ---------------------------------------------------------------- routes

    private static GitHubCaller Caller(EmulatorRequest request) => request.Http.Items[CallerKey] as GitHubCaller ?? GitHubCaller.Anonymous;

    private static GitHubUrls Urls(EmulatorRequest request) => Urls(request.Http.Request);

    private static int Number(EmulatorRequest request) => int.Parse(request.Route("number"), CultureInfo.InvariantCulture);

    private static long Id(EmulatorRequest request) => long.Parse(request.Route("id"), CultureInfo.InvariantCulture);

    /// <summary>Most bodies must be an object; none at all counts as an empty one.</summary>
    private static JsonObject Object(JsonNode? body) => body switch
    {
        JsonObject obj => obj,
        null => [],
        _ => throw GitHubProblem.Of(400, "Problems parsing JSON"),
    };

    /// <summary>The emulator's own address as the client reached it, so links are absolute and point back here.</summary>
    private static GitHubUrls Urls(HttpRequest request)
    {
        var web = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new GitHubUrls(web + ApiPrefix, web);
    }

    private static (int Page, int PerPage) Paging(HttpRequest request)
    {
        var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var perPage = int.TryParse(request.Query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var pp) && pp > 0 ? Math.Min(pp, 100) : 30;
        return (page, perPage);
    }

    private static DateTimeOffset? Since(HttpRequest request) =>
        DateTimeOffset.TryParse(request.Query["since"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since : null;

    /// <summary>GitHub's Link header: absolute URLs, the request's own query with <c>page</c> replaced; rel prev, next, last, first.</summary>
    private static string? LinkHeader(HttpRequest request, GitHubUrls urls, int page, int perPage, int total)
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

    private static class Docs
    {
        public const string Root = GitHubJson.DocsBase;
        public const string UserAgent = "https://docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent";
        public const string RateLimits = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
        public const string SecondaryRateLimits = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
        public const string GraphQLAuthentication = "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";
        public static readonly GitHubDocumentation GraphQL = new("https://docs.github.com/graphql");
        public static readonly GitHubDocumentation ListIssues = new("https://docs.github.com/rest/issues/issues#list-repository-issues");
        public static readonly GitHubDocumentation CreateIssue = new("https://docs.github.com/rest/issues/issues#create-an-issue");
        public static readonly GitHubDocumentation GetIssue = new("https://docs.github.com/rest/issues/issues#get-an-issue");
        public static readonly GitHubDocumentation UpdateIssue = new("https://docs.github.com/rest/issues/issues#update-an-issue");
        public static readonly GitHubDocumentation ListComments = new("https://docs.github.com/rest/issues/comments#list-issue-comments");
        public static readonly GitHubDocumentation ListRepositoryComments = new("https://docs.github.com/rest/issues/comments#list-issue-comments-for-a-repository");
        public static readonly GitHubDocumentation CreateComment = new("https://docs.github.com/rest/issues/comments#create-an-issue-comment");
        public static readonly GitHubDocumentation GetComment = new("https://docs.github.com/rest/issues/comments#get-an-issue-comment");
        public static readonly GitHubDocumentation UpdateComment = new("https://docs.github.com/rest/issues/comments#update-an-issue-comment");
        public static readonly GitHubDocumentation ListIssueEvents = new("https://docs.github.com/rest/issues/events#list-issue-events");
        public static readonly GitHubDocumentation GetPermission = new("https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user");
        public static readonly GitHubDocumentation ListLabels = new("https://docs.github.com/rest/issues/labels#list-labels-for-a-repository");
        public static readonly GitHubDocumentation CreateLabel = new("https://docs.github.com/rest/issues/labels#create-a-label");
        public static readonly GitHubDocumentation GetLabel = new("https://docs.github.com/rest/issues/labels#get-a-label");
        public static readonly GitHubDocumentation ListIssueLabels = new("https://docs.github.com/rest/issues/labels#list-labels-for-an-issue");
        public static readonly GitHubDocumentation AddIssueLabels = new("https://docs.github.com/rest/issues/labels#add-labels-to-an-issue");
        public static readonly GitHubDocumentation SetIssueLabels = new("https://docs.github.com/rest/issues/labels#set-labels-for-an-issue");
        public static readonly GitHubDocumentation SearchIssues = new("https://docs.github.com/rest/search/search#search-issues-and-pull-requests");
        public static readonly GitHubDocumentation ListPulls = new("https://docs.github.com/rest/pulls/pulls#list-pull-requests");
        public static readonly GitHubDocumentation GetPull = new("https://docs.github.com/rest/pulls/pulls#get-a-pull-request");
        public static readonly GitHubDocumentation ListPullFiles = new("https://docs.github.com/rest/pulls/pulls#list-pull-requests-files");
        public static readonly GitHubDocumentation ListReviews = new("https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request");
        public static readonly GitHubDocumentation CreateReview = new("https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request");
        public static readonly GitHubDocumentation GetContent = new("https://docs.github.com/rest/repos/contents#get-repository-content");
        public static readonly GitHubDocumentation GetRepository = new("https://docs.github.com/rest/repos/repos#get-a-repository");
        public static readonly GitHubDocumentation CreateStatus = new("https://docs.github.com/rest/commits/statuses#create-a-commit-status");
        public static readonly GitHubDocumentation ListStatuses = new("https://docs.github.com/rest/commits/statuses#list-commit-statuses-for-a-reference");
        public static readonly GitHubDocumentation PutContent = new("https://docs.github.com/rest/repos/contents#create-or-update-file-contents");
    }
}

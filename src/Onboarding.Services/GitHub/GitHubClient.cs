using System.Globalization;
using System.Net;
using Octokit;
using Octokit.Internal;
using Onboarding.Core.Authoring;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using Onboarding.Services.Http;
using CoreIssueState = Onboarding.Core.Services.GitHub.IssueState;
using CoreNewIssue = Onboarding.Core.Services.GitHub.NewIssue;
using OctokitClient = Octokit.GitHubClient;
using OctokitNewIssue = Octokit.NewIssue;

namespace Onboarding.Services.GitHub;

/// <summary>
/// <see cref="IGitHubIssues"/> through Octokit, over the shared resilient HTTP pipeline (paced, 429 always retried,
/// server errors retried only for requests safe to repeat, by the rule in <see cref="ServiceRequests"/>). Octokit builds
/// the requests, so each call says whether it is safe to repeat. Octokit's exceptions become
/// <see cref="ServiceException"/>s with a plain sentence; the token never appears in one.
/// </summary>
public sealed partial class GitHubClient : IGitHubIssues, IRepositoryFiles, IDisposable
{
    private const int PageSize = 100;
    private const int MaxPages = 100;
    private const int MaxSearchPages = 10;
    private const int MaxRepositoryCommentPages = 1000;
    private const string ServiceName = "github";
    private readonly GitHubClientOptions _options;
    private readonly HttpClientAdapter _http;
    private readonly OctokitClient _github;
    private readonly ApiConnection _api;
    private string? _ownLogin;

    public GitHubClient(GitHubClientOptions options, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        time ??= TimeProvider.System;
        var endpoint = options.Endpoint;
        var rateLimits = new GitHubRateLimitHandler(endpoint, time)
        {
            InnerHandler = network ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false },
        };
        // Content creation is paced under GitHub's secondary limits by caps of the shared pace.
        var paced = ResilientHttp.CreateHandler(endpoint with { Caps = [.. endpoint.Caps, .. options.ContentCreationLimits.Caps()] }, time, rateLimits);
        _http = new HttpClientAdapter(() => new CallIdempotencyHandler { InnerHandler = paced });
        var credentials = options.Token is null ? Credentials.Anonymous : new Credentials(options.Token, AuthenticationType.Bearer);
        var connection = new Connection(
            new ProductHeaderValue("onboarding"),
            ApiAddress(endpoint.BaseAddress),
            new InMemoryCredentialStore(credentials),
            new UntimedOctokitHttp(_http),
            new SimpleJsonSerializer());
        _github = new OctokitClient(connection);
        _api = new ApiConnection(connection);
    }

    private string Repo => $"{_options.Owner}/{_options.Repository}";

    /// <summary>api.github.com for github.com; otherwise the host's <c>/api/v3/</c>, as Octokit does for GitHub Enterprise.</summary>
    public static Uri ApiAddress(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (baseAddress.Host is "github.com" or "api.github.com")
            return new Uri("https://api.github.com/");
        var root = baseAddress.AbsoluteUri.TrimEnd('/');
        return root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? new Uri(root + "/") : new Uri(root + "/api/v3/");
    }

    public Task<IReadOnlyList<IssueRef>> ListIssuesByLabelAsync(string label, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return CallAsync($"list the issues labelled '{label}' in {Repo}", idempotent: true, async () =>
        {
            // Our own query: Octokit's RepositoryIssueRequest always adds filter=assigned, which this operation does not take.
            var query = new Dictionary<string, string>(StringComparer.Ordinal) { ["state"] = "all", ["labels"] = label, ["sort"] = "created", ["direction"] = "asc" };
            var options = new ApiOptions { PageSize = PageSize, PageCount = MaxPages, StartPage = 1 };
            var issues = await _api.GetAll<Issue>(ApiUrls.Issues(_options.Owner, _options.Repository), query, options);
            if (issues.Count >= PageSize * MaxPages)
                throw new ServiceException(ServiceName, "list issues", null, $"GitHub has more than {PageSize * MaxPages} issues labelled '{label}' in {Repo}; that is more than onboarding reads.");
            return (IReadOnlyList<IssueRef>)[.. issues.Where(i => i.PullRequest is null).Select(ToRef)];
        }, cancellationToken);
    }

    /// <summary>
    /// Asks GraphQL's <c>viewer</c>, read once per client: the one question every kind of token answers (a personal
    /// token, an app's installation token and a workflow's own token). REST's <c>GET /user</c> answers 403 "Resource
    /// not accessible by integration" to the last two, and <c>GET /app</c> needs the app's own JWT.
    /// </summary>
    public async Task<string> GetOwnLoginAsync(CancellationToken cancellationToken = default)
    {
        if (_ownLogin is { } known)
            return known;
        var login = await CallAsync($"learn which account the token of {Repo} acts as", idempotent: true, async () =>
        {
            var query = new System.Text.Json.Nodes.JsonObject { ["query"] = "query { viewer { login } }" }.ToJsonString();
            var answer = await _github.Connection.Post<ViewerAnswer>(GraphQLAddress, query, "application/json", "application/json", parameters: null, cancellationToken);
            var login = answer.Body?.Data?.Viewer?.Login;
            if (string.IsNullOrEmpty(login))
            {
                var said = answer.Body?.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Select(e => e.Message)) : "no login in the answer";
                throw new ServiceException(ServiceName, "learn the token's account", 200,
                    $"GitHub did not say which account the token acts as ({said}). Onboarding trusts only what that account wrote, so it stopped.");
            }

            return login;
        }, cancellationToken);
        _ownLogin = login;
        return login;
    }

    private Uri GraphQLAddress => GitHubProjects.GraphQLAddress(_options.Endpoint.BaseAddress);

    public async Task<IReadOnlyList<IssueRef>> FindIssuesByMarkerAsync(string marker, string label, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var issues = await ListIssuesByLabelAsync(label, cancellationToken);
        var own = await GetOwnLoginAsync(cancellationToken);
        return [.. issues.Where(i => i.Body.Contains(marker, StringComparison.Ordinal) && Authorship.IsOwn(i.Author, own))];
    }

    public async Task<IReadOnlyList<IssueRef>> SearchIssuesByMarkerAsync(string marker, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        if (marker.Contains('"', StringComparison.Ordinal))
            throw new ArgumentException("A search marker cannot contain a double quote.", nameof(marker));
        var own = await GetOwnLoginAsync(cancellationToken);
        var found = await SearchAsync(marker, cancellationToken);
        return [.. found.Where(i => Authorship.IsOwn(i.Author, own))];
    }

    private Task<IReadOnlyList<IssueRef>> SearchAsync(string marker, CancellationToken cancellationToken)
    {
        return CallAsync($"search {Repo} for issues marked '{marker}'", idempotent: true, async () =>
        {
            var found = new List<IssueRef>();
            for (var page = 1; page <= MaxSearchPages; page++)
            {
                var request = new SearchIssuesRequest($"\"{EscapeQueryText(marker)}\"")
                {
                    Type = IssueTypeQualifier.Issue,
                    In = [IssueInQualifier.Body],
                    PerPage = PageSize,
                    Page = page,
                };
                request.Repos.Add(_options.Owner, _options.Repository);
                var result = await _github.Search.SearchIssues(request);
                // Search matches words, not exact text: keep only bodies that really contain the marker.
                found.AddRange(result.Items.Where(i => i.PullRequest is null && (i.Body ?? "").Contains(marker, StringComparison.Ordinal)).Select(ToRef));
                if (result.Items.Count < PageSize || page * PageSize >= result.TotalCount)
                    break;
            }

            return (IReadOnlyList<IssueRef>)found;
        }, cancellationToken);
    }

    public Task<IssueRef> GetIssueAsync(int number, CancellationToken cancellationToken = default) =>
        CallAsync($"read issue #{number} in {Repo}", idempotent: true, async () => ToRef(await _github.Issue.Get(_options.Owner, _options.Repository, number)), cancellationToken);

    public Task<IssueRef> CreateIssueAsync(CoreNewIssue issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return CallAsync($"open the issue '{issue.Title}' in {Repo}", idempotent: false, async () =>
        {
            Issue created;
            try
            {
                created = await _github.Issue.Create(_options.Owner, _options.Repository, Request(issue, issue.Assignees));
            }
            catch (ApiValidationException invalid) when (issue.Assignees.Count > 0 && RefusesAssignees(invalid))
            {
                // GitHub refuses (422, nothing is made) an assignee who cannot be assigned in the repository; the issue
                // matters more than who it is assigned to, so it opens without, and the caller sees it in Assignees.
                created = await _github.Issue.Create(_options.Owner, _options.Repository, Request(issue, []));
            }

            return RequireLabels(ToRef(created), issue.Labels, opened: true);
        }, cancellationToken);

        static OctokitNewIssue Request(CoreNewIssue issue, IReadOnlyList<string> assignees)
        {
            var request = new OctokitNewIssue(issue.Title) { Body = issue.Body };
            foreach (var label in issue.Labels)
                request.Labels.Add(label);
            foreach (var login in assignees)
                request.Assignees.Add(login);
            return request;
        }
    }

    /// <summary>A 422 whose only complaints are about the assignees.</summary>
    private static bool RefusesAssignees(ApiValidationException invalid) =>
        invalid.ApiError?.Errors is { Count: > 0 } errors && errors.All(e => e.Field is "assignees" or "assignee");

    public Task<IssueRef> UpdateIssueAsync(int number, IssueChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return CallAsync($"update issue #{number} in {Repo}", idempotent: true, async () =>
        {
            // Start from the issue as it is: Octokit always sends the milestone, and this keeps one a person set.
            var current = await _github.Issue.Get(_options.Owner, _options.Repository, number);
            var update = current.ToUpdate();
            if (change.Title is not null)
                update.Title = change.Title;
            if (change.Body is not null)
                update.Body = change.Body;
            if (change.State is { } state)
                update.State = state == CoreIssueState.Closed ? ItemState.Closed : ItemState.Open;
            if (change.Labels is not null)
            {
                update.ClearLabels();
                foreach (var label in change.Labels)
                    update.AddLabel(label);
            }

            var updated = ToRef(await _github.Issue.Update(_options.Owner, _options.Repository, number, update));
            return change.Labels is null ? updated : RequireLabels(updated, change.Labels, opened: false);
        }, cancellationToken);
    }

    /// <summary>
    /// GitHub answers 201/200 but drops the labels when the token's account has no push access to the repository.
    /// Onboarding finds its issues by their labels, so an issue without them would be opened again on every run: stop.
    /// </summary>
    private IssueRef RequireLabels(IssueRef issue, IReadOnlyList<string> wanted, bool opened)
    {
        var missing = wanted.Where(l => !issue.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count == 0)
            return issue;
        var what = opened ? $"opened issue #{issue.Number} ({issue.HtmlUrl}) without" : $"kept issue #{issue.Number} ({issue.HtmlUrl}) without";
        throw new ServiceException(ServiceName, opened ? "open an issue" : "label an issue", opened ? 201 : 200,
            $"GitHub {what} the labels {string.Join(", ", missing.Select(l => $"'{l}'"))}: the token's account has no push (write) access to {Repo}, " +
            $"and GitHub silently drops labels set by such an account. Onboarding finds its issues by these labels, so it stopped rather than open them again on every run. " +
            $"Give the token's account (or app) write access to {Repo}, add the labels to #{issue.Number} by hand, and run again.");
    }

    public Task<IReadOnlyList<CommentRef>> ListCommentsAsync(int number, CancellationToken cancellationToken = default) =>
        CallAsync($"read the comments of #{number} in {Repo}", idempotent: true, async () =>
        {
            var options = new ApiOptions { PageSize = PageSize, PageCount = MaxPages, StartPage = 1 };
            // Our own query: Octokit's comment listing adds sort and direction, which this operation does not take (oldest first is its order).
            var comments = await _api.GetAll<IssueComment>(ApiUrls.IssueComments(_options.Owner, _options.Repository, number), new Dictionary<string, string>(StringComparer.Ordinal), options);
            return (IReadOnlyList<CommentRef>)[.. comments.Select(c => ToRef(c, number))];
        }, cancellationToken);

    public Task<IReadOnlyList<CommentRef>> ListRepositoryCommentsAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        CallAsync($"read the comments in {Repo}", idempotent: true, async () =>
        {
            var options = new ApiOptions { PageSize = PageSize, PageCount = MaxRepositoryCommentPages, StartPage = 1 };
            var query = new Dictionary<string, string>(StringComparer.Ordinal) { ["sort"] = "created", ["direction"] = "asc" };
            if (since is { } from)
                query["since"] = from.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var comments = await _api.GetAll<IssueComment>(ApiUrls.IssueComments(_options.Owner, _options.Repository), query, options);
            if (comments.Count >= PageSize * MaxRepositoryCommentPages)
                throw new ServiceException(ServiceName, "list comments", null, $"GitHub has more than {PageSize * MaxRepositoryCommentPages} comments in {Repo}; that is more than onboarding reads at once.");
            return (IReadOnlyList<CommentRef>)[.. comments.Select(c => ToRef(c, NumberFromHtmlUrl(c.HtmlUrl)))];
        }, cancellationToken);

    public Task<CommentRef> CreateCommentAsync(int number, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CallAsync($"comment on #{number} in {Repo}", idempotent: false, async () =>
            ToRef(await _github.Issue.Comment.Create(_options.Owner, _options.Repository, number, body), number), cancellationToken);
    }

    public Task<CommentRef> UpdateCommentAsync(long commentId, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CallAsync($"update comment {commentId} in {Repo}", idempotent: true, async () =>
        {
            var comment = await _github.Issue.Comment.Update(_options.Owner, _options.Repository, commentId, body);
            return ToRef(comment, NumberFromHtmlUrl(comment.HtmlUrl));
        }, cancellationToken);
    }

    public async Task<CommentRef?> FindCommentByMarkerAsync(int number, string marker, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        var comments = await ListCommentsAsync(number, cancellationToken);
        var own = await GetOwnLoginAsync(cancellationToken);
        return comments.FirstOrDefault(c => c.Body.Contains(marker, StringComparison.Ordinal) && Authorship.IsOwn(c.Author, own));
    }

    /// <summary>
    /// The labeled and unlabeled events of an issue or pull request, oldest first, each with who did it
    /// (<c>GET /repos/{owner}/{repo}/issues/{number}/events</c>; other kinds of event are left out).
    /// </summary>
    public Task<IReadOnlyList<LabelEvent>> ListLabelEventsAsync(int number, CancellationToken cancellationToken = default) =>
        CallAsync($"read the events of #{number} in {Repo}", idempotent: true, async () =>
        {
            var options = new ApiOptions { PageSize = PageSize, PageCount = MaxPages, StartPage = 1 };
            var events = await _github.Issue.Events.GetAllForIssue(_options.Owner, _options.Repository, number, options);
            return (IReadOnlyList<LabelEvent>)[.. events
                .Where(e => e.Label is not null && e.Event.StringValue is "labeled" or "unlabeled")
                .OrderBy(e => e.CreatedAt)
                .ThenBy(e => e.Id)
                .Select(e => new LabelEvent(e.Event.StringValue == "labeled", e.Label.Name, e.Actor?.Login ?? "", e.CreatedAt))];
        }, cancellationToken);

    /// <summary>
    /// What <paramref name="login"/> may do in the repository (<c>GET /repos/{owner}/{repo}/collaborators/{username}/permission</c>):
    /// <c>permission</c> is admin, write, read or none (maintain counts as write, triage as read), <c>role_name</c>
    /// the role itself.
    /// </summary>
    public Task<CollaboratorAccess> GetPermissionAsync(string login, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        return CallAsync($"read the permission of {login} in {Repo}", idempotent: true, async () =>
        {
            var answer = await _api.Get<PermissionAnswer>(new Uri($"repos/{Uri.EscapeDataString(_options.Owner)}/{Uri.EscapeDataString(_options.Repository)}/collaborators/{Uri.EscapeDataString(login)}/permission", UriKind.Relative));
            return new CollaboratorAccess(login, answer.Permission ?? "none", answer.RoleName ?? answer.Permission ?? "none");
        }, cancellationToken);
    }

    /// <summary>
    /// The merged pull request whose merge made <paramref name="commitSha"/> (a merge, squash or the last rebased
    /// commit), with its labels as they are now; null when none of the most recently updated closed pull requests is.
    /// Reads at most <see cref="MaxMergedPullPages"/> pages: the pull request of a push was updated moments ago.
    /// </summary>
    public Task<MergedPullRequest?> FindMergedPullRequestAsync(string commitSha, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commitSha);
        return CallAsync($"find the pull request merged as {commitSha[..Math.Min(12, commitSha.Length)]} in {Repo}", idempotent: true, async () =>
        {
            var request = new PullRequestRequest { State = ItemStateFilter.Closed, SortProperty = PullRequestSort.Updated, SortDirection = SortDirection.Descending };
            var options = new ApiOptions { PageSize = PageSize, PageCount = MaxMergedPullPages, StartPage = 1 };
            var pulls = await _github.PullRequest.GetAllForRepository(_options.Owner, _options.Repository, request, options);
            var merged = pulls.FirstOrDefault(p => p.MergedAt is not null && string.Equals(p.MergeCommitSha, commitSha, StringComparison.OrdinalIgnoreCase));
            return merged is null ? null : new MergedPullRequest(merged.Number, [.. merged.Labels.Select(l => l.Name)], new Uri(merged.HtmlUrl))
            {
                Author = merged.User?.Login ?? "",
                FromIssue = ReviewCheck.IssueOf(new ReviewedPullRequest(
                    merged.Number, merged.User?.Login ?? "", merged.Head?.Sha ?? "", merged.Head?.Ref ?? "",
                    merged.Head?.Repository?.Id is { } head && head == merged.Base?.Repository?.Id)),
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Sets a commit status (<c>POST /repos/{owner}/{repo}/statuses/{sha}</c>): <paramref name="state"/> is error,
    /// failure, pending or success; GitHub keeps the latest status per <paramref name="context"/>, so repeating it is safe.
    /// </summary>
    public Task CreateCommitStatusAsync(string sha, string state, string description, string? targetUrl, string context, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        return CallAsync($"set the status '{context}' of commit {sha[..Math.Min(12, sha.Length)]} in {Repo}", idempotent: true, async () =>
        {
            var status = new NewCommitStatus
            {
                State = state switch
                {
                    "success" => CommitState.Success,
                    "failure" => CommitState.Failure,
                    "pending" => CommitState.Pending,
                    _ => CommitState.Error,
                },
                Description = description,
                TargetUrl = targetUrl,
                Context = context,
            };
            return await _github.Repository.Status.Create(_options.Owner, _options.Repository, sha, status);
        }, cancellationToken);
    }

    /// <summary>GraphQL's answer to <c>viewer { login }</c>, read by Octokit's serializer (snake_case names).</summary>
    private sealed class ViewerAnswer
    {
        public ViewerData? Data { get; set; }

        public List<GraphQLMessage>? Errors { get; set; }
    }

    private sealed class ViewerData
    {
        public ViewerLogin? Viewer { get; set; }
    }

    private sealed class ViewerLogin
    {
        public string? Login { get; set; }
    }

    private sealed class GraphQLMessage
    {
        public string? Message { get; set; }
    }

    /// <summary>The fields of GitHub's repository-collaborator-permission that onboarding reads.</summary>
    private sealed class PermissionAnswer
    {
        public string? Permission { get; set; }

        public string? RoleName { get; set; }
    }

    /// <summary>How many pages of recently updated closed pull requests <see cref="FindMergedPullRequestAsync"/> reads.</summary>
    public const int MaxMergedPullPages = 3;

    public void Dispose() => _http.Dispose();

    private static IssueRef ToRef(Issue issue) => new(
        issue.Number,
        issue.Title,
        issue.Body ?? "",
        issue.State.StringValue,
        [.. issue.Labels.Select(l => l.Name)],
        new Uri(issue.HtmlUrl))
    {
        NodeId = issue.NodeId,
        Author = issue.User?.Login ?? "",
        Assignees = [.. (issue.Assignees ?? []).Select(a => a.Login)],
    };

    private static CommentRef ToRef(IssueComment comment, int number) =>
        new(comment.Id, number, comment.Body ?? "", comment.User?.Login ?? "", new Uri(comment.HtmlUrl));

    /// <summary>The issue or pull request number in ".../issues/12#issuecomment-3" or ".../pull/12#issuecomment-3".</summary>
    private static int NumberFromHtmlUrl(string htmlUrl)
    {
        var path = new Uri(htmlUrl).AbsolutePath.TrimEnd('/');
        return int.TryParse(path[(path.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>Octokit puts the search text into the URL as it is; escape what would end or split the query.</summary>
    private static string EscapeQueryText(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("&", "%26", StringComparison.Ordinal)
            .Replace("#", "%23", StringComparison.Ordinal)
            .Replace("+", "%2B", StringComparison.Ordinal);

    /// <param name="idempotent">Whether the call's requests are safe to repeat (see <see cref="ServiceRequests"/>): its
    /// reads always are; an issue or comment PATCH sets absolute values; an issue or a comment made is not.</param>
    private async Task<T> CallAsync<T>(string operation, bool idempotent, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        // Octokit's calls take no cancellation token: a cancelled run stops before its next request.
        cancellationToken.ThrowIfCancellationRequested();
        CallIdempotencyHandler.Declare(idempotent);
        try
        {
            return await call();
        }
        catch (ServiceException)
        {
            throw;
        }
        catch (Exception e) when (Translate(operation, idempotent, e) is { } translated)
        {
            throw translated;
        }
    }

    private ServiceException? Translate(string operation, bool idempotent, Exception e)
    {
        string said;
        int? status;
        switch (e)
        {
            case RateLimitExceededException limit:
                status = (int)limit.StatusCode;
                said = $"GitHub's API rate limit for this token is used up ({limit.Limit} requests); it resets at {limit.Reset.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}. Try again after that.";
                break;
            case SecondaryRateLimitExceededException secondary:
                status = (int)secondary.StatusCode;
                said = "GitHub's secondary rate limit stopped the request; wait a few minutes and try again.";
                break;
            case AuthorizationException auth:
                status = (int)auth.StatusCode;
                said = _options.Token is null
                    ? $"GitHub requires a token for this ({Said(auth)})."
                    : $"GitHub did not accept the token ({Said(auth)}); check that it is current.";
                break;
            case ForbiddenException forbidden:
                status = (int)forbidden.StatusCode;
                said = $"GitHub refused it ({Said(forbidden)}); the token may lack permission for {Repo}.";
                break;
            case NotFoundException notFound:
                status = (int)notFound.StatusCode;
                said = $"GitHub found no such thing ({Said(notFound)}); check that {Repo} exists and the token can see it.";
                break;
            case ApiValidationException invalid:
                status = (int)invalid.StatusCode;
                said = $"GitHub rejected it: {Said(invalid)}{Details(invalid)}.";
                break;
            case ApiException { StatusCode: HttpStatusCode.TooManyRequests } tooMany:
                status = 429;
                said = $"GitHub kept answering 'too many requests' ({Said(tooMany)}); try again later.";
                break;
            case ApiException api when (int)api.StatusCode >= 500:
                status = (int)api.StatusCode;
                said = $"GitHub failed with {(int)api.StatusCode} ({Said(api)}).{ServiceRequests.MayHaveBeenMade(idempotent)}";
                break;
            case ApiException api:
                status = (int)api.StatusCode;
                said = $"GitHub answered {(int)api.StatusCode} ({Said(api)}).";
                break;
            case var noAnswer when ServiceRequests.IsNoAnswer(noAnswer, CancellationToken.None):
                return ServiceRequests.NoAnswer(ServiceName, "GitHub", operation, noAnswer, idempotent);
            default:
                return null;
        }

        return new ServiceException(ServiceName, operation, status, $"Could not {operation}: {said}", e);
    }

    private static string Said(ApiException e) =>
        string.IsNullOrWhiteSpace(e.ApiError?.Message) ? $"status {(int)e.StatusCode}" : e.ApiError.Message.Trim();

    private static string Details(ApiValidationException e)
    {
        var errors = e.ApiError?.Errors;
        if (errors is null || errors.Count == 0)
            return "";
        var parts = errors.Select(d => string.IsNullOrWhiteSpace(d.Message)
            ? $"{d.Resource} {d.Field} is {d.Code?.Replace('_', ' ')}"
            : d.Message);
        return " (" + string.Join("; ", parts) + ")";
    }
}

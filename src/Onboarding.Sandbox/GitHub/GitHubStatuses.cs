using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// Commit statuses (<c>POST /repos/{owner}/{repo}/statuses/{sha}</c>, <c>GET /repos/{owner}/{repo}/commits/{ref}/statuses</c>),
/// as GitHub serves them: <c>state</c> is one of error, failure, pending, success; <c>description</c> at most 140
/// characters; <c>context</c> "default" when not given; the commit must be one the repository has; creating one
/// needs push access (without it GitHub answers 404). Statuses are listed newest first.
/// </summary>
internal sealed class GitHubStatuses(GitHubStore store)
{
    public const int MaxDescriptionLength = 140;

    private static readonly string[] States = ["error", "failure", "pending", "success"];

    public EmulatorResponse Create(GitHubUrls urls, GitHubCaller caller, string owner, string name, string sha, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        if (!caller.CanPush)
            throw GitHubProblem.NotFound();
        var state = ReadString(body, "state", "Status");
        if (state is null)
            throw GitHubProblem.Invalid(("Status", "state", "missing_field", null));
        if (!States.Contains(state, StringComparer.Ordinal))
            throw GitHubProblem.Invalid(("Status", "state", "custom", $"state is not included in the list"));
        var description = ReadString(body, "description", "Status");
        if (description is { Length: > MaxDescriptionLength })
            throw GitHubProblem.Invalid(("Status", "description", "custom", $"description is too long (maximum is {MaxDescriptionLength} characters)"));
        var target = ReadString(body, "target_url", "Status");
        if (target is not null && !(Uri.TryCreate(target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            throw GitHubProblem.Invalid(("Status", "target_url", "custom", "target_url must use an http(s) scheme"));
        var context = ReadString(body, "context", "Status") is { Length: > 0 } given ? given : "default";
        if (!KnowsCommit(repo, sha))
            throw GitHubProblem.Invalid(("Status", "sha", "custom", $"No commit found for SHA: {sha}"));

        var now = store.Now;
        var status = new GitHubStatusState
        {
            Id = store.State.NextId++,
            Sha = sha.ToLowerInvariant(),
            State = state,
            Description = description,
            TargetUrl = target,
            Context = context,
            Creator = caller.Login!,
            CreatedAt = now,
        };
        repo.Statuses.Add(status);
        var json = Render(urls, repo, status);
        return new EmulatorResponse(201, json) { Changed = true }.WithHeader(HeaderNames.Location, (string)json["url"]!);
    }

    public EmulatorResponse List(GitHubUrls urls, GitHubCaller caller, string owner, string name, string reference, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        var sha = repo.Branches.FirstOrDefault(b => b.Name == reference)?.HeadSha ?? reference;
        var statuses = repo.Statuses.Where(s => string.Equals(s.Sha, sha, StringComparison.OrdinalIgnoreCase)).OrderByDescending(s => s.Id).ToList();
        return Page(statuses, page, perPage, s => Render(urls, repo, s));
    }

    /// <summary>A branch's head, a pull request's head or merge commit, or a commit a status was set on before.</summary>
    private static bool KnowsCommit(GitHubRepositoryState repo, string sha) =>
        repo.Branches.Any(b => Same(b.HeadSha, sha)) ||
        repo.Issues.Any(i => i.PullRequest is { } pull && (Same(pull.HeadSha, sha) || Same(pull.MergeCommitSha, sha))) ||
        repo.Statuses.Any(s => Same(s.Sha, sha));

    private static bool Same(string? a, string b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private JsonObject Render(GitHubUrls urls, GitHubRepositoryState repo, GitHubStatusState status) => new()
    {
        ["url"] = $"{GitHubJson.RepoApi(urls, repo)}/statuses/{status.Sha}",
        ["avatar_url"] = null,
        ["id"] = status.Id,
        ["node_id"] = GitHubJson.NodeId("StatusContext", status.Id),
        ["state"] = status.State,
        ["description"] = status.Description,
        ["target_url"] = status.TargetUrl,
        ["context"] = status.Context,
        ["created_at"] = GitHubJson.Time(status.CreatedAt),
        ["updated_at"] = GitHubJson.Time(status.CreatedAt),
        ["creator"] = GitHubJson.User(urls, store.UserOf(status.Creator)),
    };
}

using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>Pull requests: read, listed and their changed files, as seeded (the program never opens one).</summary>
internal sealed class GitHubPulls(GitHubStore store)
{
    public EmulatorResponse Get(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        if (issue.PullRequest is null)
            throw GitHubProblem.NotFound();
        return new EmulatorResponse(200, GitHubJson.PullRequest(urls, repo, issue, store.UserOf, store.Association(repo, issue.Author)));
    }

    /// <summary>
    /// <c>GET /repos/{owner}/{repo}/pulls</c>: open, closed or all pull requests, optionally onto one base branch, by
    /// creation or last update (GitHub's default direction is desc for created and asc otherwise).
    /// </summary>
    public EmulatorResponse List(GitHubUrls urls, GitHubCaller caller, string owner, string name, string state, string? baseRef, string sort, string? direction, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        var pulls = repo.Issues.Where(i => i.PullRequest is not null && (state == "all" || i.State == state) && (baseRef is null || i.PullRequest.BaseRef == baseRef));
        Func<GitHubIssueState, DateTimeOffset> key = sort == "updated" ? i => i.UpdatedAt : i => i.CreatedAt;
        var descending = direction is null ? sort == "created" : direction == "desc";
        var ordered = (descending ? pulls.OrderByDescending(key).ThenByDescending(i => i.Number) : pulls.OrderBy(key).ThenBy(i => i.Number)).ToList();
        return Page(ordered, page, perPage, i => GitHubJson.PullRequestSimple(urls, repo, i, store.UserOf, store.Association(repo, i.Author)));
    }

    /// <summary>GitHub lists at most this many changed files of a pull request.</summary>
    public const int MaxListedFiles = 3000;

    public EmulatorResponse ListFiles(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        var pull = issue.PullRequest ?? throw GitHubProblem.NotFound();
        // "Responses include a maximum of 3000 files."
        return Page([.. pull.Files.Take(MaxListedFiles)], page, perPage, f => GitHubJson.PullFile(urls, repo, pull, f));
    }
}

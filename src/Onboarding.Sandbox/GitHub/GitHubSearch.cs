using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>Issue search: qualifiers, sorting and paging over the (lagging) search index; the first 1000 results only.</summary>
internal sealed class GitHubSearch(GitHubStore store)
{
    public const int MaxSearchResults = 1000;

    public EmulatorResponse Issues(GitHubUrls urls, GitHubCaller caller, string? q, string? sort, string order, int page, int perPage)
    {
        if (string.IsNullOrWhiteSpace(q))
            throw GitHubProblem.Invalid(("Search", "q", "missing", null));
        if ((page - 1) * perPage >= MaxSearchResults)
            throw GitHubProblem.Of(422, "Only the first 1000 search results are available");
        var query = GitHubSearchQuery.Parse(q);
        var now = store.Now;
        var hits = new List<(GitHubRepositoryState Repo, GitHubIssueState Issue)>();
        foreach (var repo in store.State.Repositories)
        {
            if (repo.Private && caller.Login is null)
                continue;
            if (query.Repos.Count > 0 && !query.Repos.Contains($"{repo.Owner}/{repo.Name}", StringComparer.OrdinalIgnoreCase))
                continue;
            foreach (var issue in repo.Issues)
            {
                var indexed = Indexed(issue, now);
                if (indexed is not null && query.Matches(indexed, issue.PullRequest is not null))
                    hits.Add((repo, issue));
            }
        }

        Func<(GitHubRepositoryState Repo, GitHubIssueState Issue), object> key = sort switch
        {
            "created" => h => h.Issue.CreatedAt,
            "comments" => h => h.Repo.Comments.Count(c => c.IssueNumber == h.Issue.Number),
            _ => h => h.Issue.UpdatedAt,
        };
        var ordered = (order == "asc" ? hits.OrderBy(key) : hits.OrderByDescending(key)).ToList();
        var items = new JsonArray();
        foreach (var (repo, issue) in ordered.Skip((page - 1) * perPage).Take(perPage))
            items.Add(GitHubJson.SearchItem(urls, repo, issue, store.UserOf, store.Association(repo, issue.Author)));
        var body = new JsonObject
        {
            ["total_count"] = ordered.Count,
            ["incomplete_results"] = false,
            ["search_type"] = "lexical",
            ["items"] = items,
        };
        return new EmulatorResponse(200, body) { Page = new ListPage(page, perPage, Math.Min(ordered.Count, MaxSearchResults)) };
    }

    /// <summary>The newest version the index has caught up with; older ones are dropped once a newer one is visible.</summary>
    private static GitHubSearchVersion? Indexed(GitHubIssueState issue, DateTimeOffset now)
    {
        var visible = issue.SearchIndex.FindLastIndex(v => v.VisibleAt <= now);
        if (visible < 0)
            return null;
        if (visible > 0)
            issue.SearchIndex.RemoveRange(0, visible);
        return issue.SearchIndex[0];
    }
}

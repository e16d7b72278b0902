using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>Issue comments: listed, written, read and edited.</summary>
internal sealed class GitHubComments(GitHubStore store)
{
    public EmulatorResponse List(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, DateTimeOffset? since, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        IssueIn(repo, number);
        var comments = repo.Comments
            .Where(c => c.IssueNumber == number && (since is null || c.UpdatedAt >= since))
            .OrderBy(c => c.Id)
            .ToList();
        return Page(comments, page, perPage, c => store.RenderComment(urls, repo, c));
    }

    /// <summary>
    /// Every comment of the repository's issues and pull requests: by creation (the default) or last update, ascending
    /// unless told otherwise (the direction counts only with a sort), from <paramref name="since"/> on (by update).
    /// </summary>
    public EmulatorResponse ListRepository(GitHubUrls urls, GitHubCaller caller, string owner, string name, string sort, string direction, DateTimeOffset? since, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        if (sort.Length > 0 && sort is not ("created" or "updated"))
            throw GitHubProblem.Invalid(("IssueComment", "sort", "invalid", null));
        if (direction.Length > 0 && direction is not ("asc" or "desc"))
            throw GitHubProblem.Invalid(("IssueComment", "direction", "invalid", null));
        var matches = repo.Comments.Where(c => since is null || c.UpdatedAt >= since);
        Func<GitHubCommentState, DateTimeOffset> key = sort == "updated" ? c => c.UpdatedAt : c => c.CreatedAt;
        var ordered = sort.Length > 0 && direction == "desc"
            ? matches.OrderByDescending(key).ThenByDescending(c => c.Id)
            : matches.OrderBy(key).ThenBy(c => c.Id);
        return Page([.. ordered], page, perPage, c => store.RenderComment(urls, repo, c));
    }

    public EmulatorResponse Create(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        var text = ReadString(body, "body", "IssueComment");
        if (string.IsNullOrEmpty(text))
            throw GitHubProblem.Invalid(("IssueComment", "body", "missing_field", null));
        CheckBody(text, "IssueComment");
        var now = store.Now;
        var comment = new GitHubCommentState { Id = store.State.NextId++, IssueNumber = number, Body = text, Author = caller.Login!, CreatedAt = now, UpdatedAt = now };
        repo.Comments.Add(comment);
        issue.UpdatedAt = now;
        var json = store.RenderComment(urls, repo, comment);
        return new EmulatorResponse(201, json) { Changed = true }.WithHeader(HeaderNames.Location, (string)json["url"]!);
    }

    public EmulatorResponse Get(GitHubUrls urls, GitHubCaller caller, string owner, string name, long id)
    {
        var repo = store.Repo(caller, owner, name);
        var comment = repo.Comments.FirstOrDefault(c => c.Id == id) ?? throw GitHubProblem.NotFound();
        return new EmulatorResponse(200, store.RenderComment(urls, repo, comment));
    }

    public EmulatorResponse Update(GitHubUrls urls, GitHubCaller caller, string owner, string name, long id, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        var comment = repo.Comments.FirstOrDefault(c => c.Id == id) ?? throw GitHubProblem.NotFound();
        var text = ReadString(body, "body", "IssueComment");
        if (string.IsNullOrEmpty(text))
            throw GitHubProblem.Invalid(("IssueComment", "body", "missing_field", null));
        CheckBody(text, "IssueComment");
        var changed = comment.Body != text;
        if (changed)
        {
            comment.Body = text;
            comment.UpdatedAt = store.Now;
        }

        return new EmulatorResponse(200, store.RenderComment(urls, repo, comment)) { Changed = changed };
    }
}

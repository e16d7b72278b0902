using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>Filters of <c>GET /repos/{owner}/{repo}/issues</c>.</summary>
public sealed record GitHubIssueQuery(
    string State = "open",
    IReadOnlyList<string>? Labels = null,
    string Sort = "created",
    string Direction = "desc",
    DateTimeOffset? Since = null,
    int Page = 1,
    int PerPage = 30);

/// <summary>Issues (and pull requests read as issues): listed with filters, read, opened and edited.</summary>
internal sealed class GitHubIssues(GitHubStore store)
{
    public const int MaxTitleLength = 256;

    public EmulatorResponse List(GitHubUrls urls, GitHubCaller caller, string owner, string name, GitHubIssueQuery query)
    {
        var repo = store.Repo(caller, owner, name);
        IEnumerable<GitHubIssueState> issues = repo.Issues;
        if (query.State != "all")
            issues = issues.Where(i => i.State == query.State);
        if (query.Labels is { Count: > 0 } labels)
            issues = issues.Where(i => labels.All(l => i.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)));
        if (query.Since is { } since)
            issues = issues.Where(i => i.UpdatedAt >= since);
        Func<GitHubIssueState, object> key = query.Sort switch
        {
            "updated" => i => i.UpdatedAt,
            "comments" => i => repo.Comments.Count(c => c.IssueNumber == i.Number),
            _ => i => i.CreatedAt,
        };
        var ordered = query.Direction == "asc"
            ? issues.OrderBy(key).ThenBy(i => i.Number)
            : issues.OrderByDescending(key).ThenByDescending(i => i.Number);
        return Page(ordered.ToList(), query.Page, query.PerPage, i => store.RenderIssue(urls, repo, i));
    }

    public EmulatorResponse Get(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        return new EmulatorResponse(200, GitHubJson.IssueWithClosedBy(urls, repo, issue, store.UserOf, store.Association(repo, issue.Author)));
    }

    public EmulatorResponse Create(GitHubUrls urls, GitHubCaller caller, string owner, string name, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        var title = ReadString(body, "title", "Issue");
        if (string.IsNullOrWhiteSpace(title))
            throw GitHubProblem.Invalid(("Issue", "title", "missing_field", null));
        if (title.Length > MaxTitleLength)
            throw GitHubProblem.Invalid(("Issue", "title", "custom", $"title is too long (maximum is {MaxTitleLength} characters)"));
        var text = ReadString(body, "body", "Issue");
        CheckBody(text, "Issue");
        // Without push access GitHub opens the issue all the same and silently drops its labels and assignees.
        var labels = caller.CanPush ? ReadLabels(body["labels"], "Issue") ?? [] : [];
        var assignees = caller.CanPush ? Assignees(repo, body) : [];
        var now = store.Now;
        EnsureLabels(store.State, repo, labels);
        var issue = NewIssue(store.State, repo, title, text, caller.Login!, now);
        issue.Assignees = assignees;
        ChangeLabels(store.State, issue, Canonical(repo, labels), caller.Login!, now);
        store.Index(issue, now);
        var json = GitHubJson.IssueWithClosedBy(urls, repo, issue, store.UserOf, store.Association(repo, issue.Author));
        return new EmulatorResponse(201, json) { Changed = true }.WithHeader(HeaderNames.Location, (string)json["url"]!);
    }

    /// <summary>
    /// The logins of <c>assignees</c> (and the closing-down <c>assignee</c>), each of whom must be assignable in the
    /// repository (its owner, a collaborator, or an account with push access); anyone else makes GitHub refuse the
    /// request with 422 (field assignees, code invalid), and nothing is opened.
    /// </summary>
    private List<string> Assignees(GitHubRepositoryState repo, JsonObject body)
    {
        var logins = new List<string>();
        if (body["assignees"] is { } given)
        {
            if (given is not JsonArray array)
                throw GitHubProblem.Invalid(("Issue", "assignees", "invalid", null));
            foreach (var item in array)
                logins.Add(item is JsonValue value && value.TryGetValue<string>(out var login) ? login : throw GitHubProblem.Invalid(("Issue", "assignees", "invalid", null)));
        }

        if (ReadString(body, "assignee", "Issue") is { Length: > 0 } single)
            logins.Add(single);
        if (logins.Count > 10)
            throw GitHubProblem.Invalid(("Issue", "assignees", "invalid", "You can assign up to 10 people"));
        foreach (var login in logins)
        {
            if (store.RoleOf(repo, login) is "none" or "read" && !repo.Collaborators.Any(c => string.Equals(c.Login, login, StringComparison.OrdinalIgnoreCase)))
                throw GitHubProblem.Invalid(("Issue", "assignees", "invalid", null));
        }

        return [.. logins.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public EmulatorResponse Update(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        var changed = false;
        if (body.ContainsKey("title"))
        {
            var title = ReadString(body, "title", "Issue");
            if (title is not null)
            {
                if (string.IsNullOrWhiteSpace(title))
                    throw GitHubProblem.Invalid(("Issue", "title", "missing_field", null));
                if (title.Length > MaxTitleLength)
                    throw GitHubProblem.Invalid(("Issue", "title", "custom", $"title is too long (maximum is {MaxTitleLength} characters)"));
                changed |= issue.Title != title;
                issue.Title = title;
            }
        }

        if (body.ContainsKey("body"))
        {
            var text = ReadString(body, "body", "Issue");
            CheckBody(text, "Issue");
            changed |= issue.Body != text;
            issue.Body = text;
        }

        var state = ReadString(body, "state", "Issue");
        if (state is not null && state != "open" && state != "closed")
            throw GitHubProblem.Invalid(("Issue", "state", "invalid", null));
        var reason = ReadString(body, "state_reason", "Issue");
        if (reason is not null && reason is not ("completed" or "not_planned" or "duplicate" or "reopened"))
            throw GitHubProblem.Invalid(("Issue", "state_reason", "invalid", null));
        var now = store.Now;
        if (state is not null && state != issue.State)
        {
            changed = true;
            issue.State = state;
            if (state == "closed")
            {
                issue.StateReason = reason is null or "reopened" ? "completed" : reason;
                issue.ClosedAt = now;
                issue.ClosedBy = caller.Login;
            }
            else
            {
                issue.StateReason = "reopened";
                issue.ClosedAt = null;
            }
        }

        if (body.ContainsKey("labels") && caller.CanPush)
        {
            var labels = ReadLabels(body["labels"], "Issue") ?? [];
            EnsureLabels(store.State, repo, labels);
            changed |= ChangeLabels(store.State, issue, Canonical(repo, labels), caller.Login!, now);
        }

        if (changed)
        {
            issue.UpdatedAt = now;
            store.Index(issue, now);
        }

        return new EmulatorResponse(200, GitHubJson.IssueWithClosedBy(urls, repo, issue, store.UserOf, store.Association(repo, issue.Author))) { Changed = changed };
    }
}

using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// Who did what to an issue's labels (its events) and what an account may do in a repository (its permission), as
/// GitHub serves them: events oldest first with their actor; a permission as the legacy base role (admin, write, read,
/// none; maintain counts as write and triage as read) next to the role's own name.
/// </summary>
internal sealed class GitHubAccess(GitHubStore store)
{
    public EmulatorResponse Events(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        var labels = repo.Labels;
        return Page(issue.Events, page, perPage, e => new JsonObject
        {
            ["id"] = e.Id,
            ["node_id"] = GitHubJson.NodeId(e.Event == "labeled" ? "LabeledEvent" : "UnlabeledEvent", e.Id),
            ["url"] = $"{GitHubJson.RepoApi(urls, repo)}/issues/events/{e.Id}",
            ["actor"] = GitHubJson.User(urls, store.UserOf(e.Actor)),
            ["event"] = e.Event,
            ["commit_id"] = null,
            ["commit_url"] = null,
            ["created_at"] = GitHubJson.Time(e.CreatedAt),
            ["performed_via_github_app"] = null,
            ["label"] = new JsonObject
            {
                ["name"] = e.Label,
                ["color"] = labels.FirstOrDefault(l => string.Equals(l.Name, e.Label, StringComparison.OrdinalIgnoreCase))?.Color ?? "ededed",
            },
        });
    }

    public EmulatorResponse Permission(GitHubUrls urls, GitHubCaller caller, string owner, string name, string login)
    {
        var repo = store.Repo(caller, owner, name);
        var role = store.RoleOf(repo, login);
        var permission = role switch
        {
            "admin" => "admin",
            "maintain" or "write" => "write",
            "triage" or "read" => "read",
            _ => "none",
        };
        var user = GitHubJson.User(urls, store.UserOf(login));
        user["permissions"] = new JsonObject
        {
            ["admin"] = role == "admin",
            ["maintain"] = role is "admin" or "maintain",
            ["push"] = permission is "admin" or "write",
            ["triage"] = role is not ("read" or "none"),
            ["pull"] = role != "none",
        };
        user["role_name"] = role;
        return new EmulatorResponse(200, new JsonObject { ["permission"] = permission, ["role_name"] = role, ["user"] = user });
    }
}

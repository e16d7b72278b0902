using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.GitHub;

/// <summary>A repository itself (<c>GET /repos/{owner}/{repo}</c>), with what the caller may do in it under <c>permissions</c>, as GitHub answers an authenticated request.</summary>
internal sealed class GitHubRepositories(GitHubStore store)
{
    public EmulatorResponse Get(GitHubUrls urls, GitHubCaller caller, string owner, string name)
    {
        var repo = store.Repo(caller, owner, name);
        var json = GitHubJson.Repository(urls, repo, store.UserOf(repo.Owner));
        if (caller.Login is not null)
        {
            var push = caller.CanWrite && caller.CanPush;
            json["permissions"] = new JsonObject
            {
                ["admin"] = false,
                ["maintain"] = false,
                ["push"] = push,
                ["triage"] = push,
                ["pull"] = true,
            };
        }

        return new EmulatorResponse(200, json);
    }
}

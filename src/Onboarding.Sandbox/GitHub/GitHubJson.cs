using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.GitHub;

/// <summary>The emulator's own absolute addresses, as GitHub Enterprise has them: the API under /api/v3, web pages at the root.</summary>
/// <param name="Api">e.g. http://127.0.0.1:5123/api/v3 (no trailing slash).</param>
/// <param name="Web">e.g. http://127.0.0.1:5123 (no trailing slash).</param>
public sealed record GitHubUrls(string Api, string Web);

/// <summary>Renders the store's objects in the shapes GitHub's REST API returns (see the OpenAPI components).</summary>
internal static class GitHubJson
{
    public const string DocsBase = "https://docs.github.com/rest";

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    public static string NodeId(string kind, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"0{kind.Length}:{kind}{id}")));

#pragma warning disable CA5350 // Git names objects by SHA-1; the emulator computes the same names, not a security measure.
    public static string Sha(string seed) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary>The git blob sha of some bytes, as git computes it.</summary>
    public static string BlobSha(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {content.Length}\0"));
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
    }
#pragma warning restore CA5350

    public static JsonObject Error(string message, string documentation, int status) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentation,
        ["status"] = status.ToString(CultureInfo.InvariantCulture),
    };

    public static JsonObject ValidationFailed(string documentation, params (string Resource, string Field, string Code, string? Message)[] errors)
    {
        var list = new JsonArray();
        foreach (var (resource, field, code, message) in errors)
        {
            var error = new JsonObject { ["resource"] = resource, ["field"] = field, ["code"] = code };
            if (message is not null)
                error["message"] = message;
            list.Add(error);
        }

        var body = Error("Validation Failed", documentation, 422);
        body["errors"] = list;
        return body;
    }

    public static JsonObject User(GitHubUrls urls, GitHubUserState user)
    {
        var api = $"{urls.Api}/users/{user.Login}";
        return new JsonObject
        {
            ["login"] = user.Login,
            ["id"] = user.Id,
            ["node_id"] = NodeId(user.Type, user.Id),
            ["avatar_url"] = $"{urls.Web}/avatars/u/{user.Id}?v=4",
            ["gravatar_id"] = "",
            ["url"] = api,
            ["html_url"] = $"{urls.Web}/{user.Login}",
            ["followers_url"] = $"{api}/followers",
            ["following_url"] = $"{api}/following{{/other_user}}",
            ["gists_url"] = $"{api}/gists{{/gist_id}}",
            ["starred_url"] = $"{api}/starred{{/owner}}{{/repo}}",
            ["subscriptions_url"] = $"{api}/subscriptions",
            ["organizations_url"] = $"{api}/orgs",
            ["repos_url"] = $"{api}/repos",
            ["events_url"] = $"{api}/events{{/privacy}}",
            ["received_events_url"] = $"{api}/received_events",
            ["type"] = user.Type,
            ["site_admin"] = false,
            ["user_view_type"] = "public",
        };
    }

    public static string RepoApi(GitHubUrls urls, GitHubRepositoryState repo) => $"{urls.Api}/repos/{repo.Owner}/{repo.Name}";

    public static string RepoWeb(GitHubUrls urls, GitHubRepositoryState repo) => $"{urls.Web}/{repo.Owner}/{repo.Name}";

    public static JsonObject Label(GitHubUrls urls, GitHubRepositoryState repo, GitHubLabelState label) => new()
    {
        ["id"] = label.Id,
        ["node_id"] = NodeId("Label", label.Id),
        ["url"] = $"{RepoApi(urls, repo)}/labels/{Uri.EscapeDataString(label.Name)}",
        ["name"] = label.Name,
        ["color"] = label.Color,
        ["default"] = label.Default,
        ["description"] = label.Description,
    };

    public static JsonObject Reactions(string url) => new()
    {
        ["url"] = url,
        ["total_count"] = 0,
        ["+1"] = 0,
        ["-1"] = 0,
        ["laugh"] = 0,
        ["hooray"] = 0,
        ["confused"] = 0,
        ["heart"] = 0,
        ["rocket"] = 0,
        ["eyes"] = 0,
    };

    /// <summary>An issue (or the issue side of a pull request) as <c>GET /repos/{owner}/{repo}/issues/{n}</c> returns it.</summary>
    public static JsonObject Issue(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue, Func<string, GitHubUserState> user, string association)
    {
        var repoApi = RepoApi(urls, repo);
        var api = $"{repoApi}/issues/{issue.Number}";
        var isPull = issue.PullRequest is not null;
        var html = $"{RepoWeb(urls, repo)}/{(isPull ? "pull" : "issues")}/{issue.Number}";
        var labels = new JsonArray();
        foreach (var name in issue.Labels)
        {
            var label = repo.Labels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
            if (label is not null)
                labels.Add(Label(urls, repo, label));
        }

        var json = new JsonObject
        {
            ["url"] = api,
            ["repository_url"] = repoApi,
            ["labels_url"] = $"{api}/labels{{/name}}",
            ["comments_url"] = $"{api}/comments",
            ["events_url"] = $"{api}/events",
            ["html_url"] = html,
            ["id"] = issue.Id,
            ["node_id"] = NodeId(isPull ? "PullRequest" : "Issue", issue.Id),
            ["number"] = issue.Number,
            ["title"] = issue.Title,
            ["user"] = User(urls, user(issue.Author)),
            ["labels"] = labels,
            ["state"] = issue.State,
            ["locked"] = issue.Locked,
            ["assignee"] = issue.Assignees.Count == 0 ? null : User(urls, user(issue.Assignees[0])),
            ["assignees"] = new JsonArray([.. issue.Assignees.Select(a => (JsonNode)User(urls, user(a)))]),
            ["milestone"] = null,
            ["comments"] = repo.Comments.Count(c => c.IssueNumber == issue.Number),
            ["created_at"] = Time(issue.CreatedAt),
            ["updated_at"] = Time(issue.UpdatedAt),
            ["closed_at"] = Time(issue.ClosedAt),
            ["author_association"] = association,
            ["type"] = null,
            ["active_lock_reason"] = null,
            ["sub_issues_summary"] = new JsonObject { ["total"] = 0, ["completed"] = 0, ["percent_completed"] = 0 },
            ["issue_dependencies_summary"] = new JsonObject { ["blocked_by"] = 0, ["blocking"] = 0, ["total_blocked_by"] = 0, ["total_blocking"] = 0 },
            ["body"] = issue.Body,
            ["reactions"] = Reactions($"{api}/reactions"),
            ["timeline_url"] = $"{api}/timeline",
            ["performed_via_github_app"] = null,
            ["state_reason"] = issue.StateReason,
        };
        if (issue.PullRequest is { } pull)
        {
            json["draft"] = false;
            json["pull_request"] = new JsonObject
            {
                ["url"] = $"{repoApi}/pulls/{issue.Number}",
                ["html_url"] = html,
                ["diff_url"] = $"{html}.diff",
                ["patch_url"] = $"{html}.patch",
                ["merged_at"] = Time(pull.MergedAt),
            };
        }

        return json;
    }

    public static JsonObject IssueWithClosedBy(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue, Func<string, GitHubUserState> user, string association)
    {
        var json = Issue(urls, repo, issue, user, association);
        json["closed_by"] = issue.ClosedBy is { } by ? User(urls, user(by)) : null;
        return json;
    }

    public static JsonObject SearchItem(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue, Func<string, GitHubUserState> user, string association)
    {
        var json = Issue(urls, repo, issue, user, association);
        json["score"] = 1.0;
        return json;
    }

    public static JsonObject Comment(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue, GitHubCommentState comment, Func<string, GitHubUserState> user, string association)
    {
        var repoApi = RepoApi(urls, repo);
        var isPull = issue.PullRequest is not null;
        var api = $"{repoApi}/issues/comments/{comment.Id}";
        return new JsonObject
        {
            ["url"] = api,
            ["html_url"] = $"{RepoWeb(urls, repo)}/{(isPull ? "pull" : "issues")}/{issue.Number}#issuecomment-{comment.Id}",
            ["issue_url"] = $"{repoApi}/issues/{issue.Number}",
            ["id"] = comment.Id,
            ["node_id"] = NodeId("IssueComment", comment.Id),
            ["user"] = User(urls, user(comment.Author)),
            ["created_at"] = Time(comment.CreatedAt),
            ["updated_at"] = Time(comment.UpdatedAt),
            ["body"] = comment.Body,
            ["author_association"] = association,
            ["reactions"] = Reactions($"{api}/reactions"),
            ["performed_via_github_app"] = null,
        };
    }

    public static JsonObject Repository(GitHubUrls urls, GitHubRepositoryState repo, GitHubUserState owner)
    {
        var api = RepoApi(urls, repo);
        var web = RepoWeb(urls, repo);
        var host = new Uri(urls.Web).Authority;
        var openIssues = repo.Issues.Count(i => i.State == "open");
        return new JsonObject
        {
            ["id"] = repo.Id,
            ["node_id"] = NodeId("Repository", repo.Id),
            ["name"] = repo.Name,
            ["full_name"] = $"{repo.Owner}/{repo.Name}",
            ["private"] = repo.Private,
            ["owner"] = User(urls, owner),
            ["html_url"] = web,
            ["description"] = null,
            ["fork"] = false,
            ["url"] = api,
            ["archive_url"] = $"{api}/{{archive_format}}{{/ref}}",
            ["assignees_url"] = $"{api}/assignees{{/user}}",
            ["blobs_url"] = $"{api}/git/blobs{{/sha}}",
            ["branches_url"] = $"{api}/branches{{/branch}}",
            ["collaborators_url"] = $"{api}/collaborators{{/collaborator}}",
            ["comments_url"] = $"{api}/comments{{/number}}",
            ["commits_url"] = $"{api}/commits{{/sha}}",
            ["compare_url"] = $"{api}/compare/{{base}}...{{head}}",
            ["contents_url"] = $"{api}/contents/{{+path}}",
            ["contributors_url"] = $"{api}/contributors",
            ["deployments_url"] = $"{api}/deployments",
            ["downloads_url"] = $"{api}/downloads",
            ["events_url"] = $"{api}/events",
            ["forks_url"] = $"{api}/forks",
            ["git_commits_url"] = $"{api}/git/commits{{/sha}}",
            ["git_refs_url"] = $"{api}/git/refs{{/sha}}",
            ["git_tags_url"] = $"{api}/git/tags{{/sha}}",
            ["git_url"] = $"git://{host}/{repo.Owner}/{repo.Name}.git",
            ["issue_comment_url"] = $"{api}/issues/comments{{/number}}",
            ["issue_events_url"] = $"{api}/issues/events{{/number}}",
            ["issues_url"] = $"{api}/issues{{/number}}",
            ["keys_url"] = $"{api}/keys{{/key_id}}",
            ["labels_url"] = $"{api}/labels{{/name}}",
            ["languages_url"] = $"{api}/languages",
            ["merges_url"] = $"{api}/merges",
            ["milestones_url"] = $"{api}/milestones{{/number}}",
            ["notifications_url"] = $"{api}/notifications{{?since,all,participating}}",
            ["pulls_url"] = $"{api}/pulls{{/number}}",
            ["releases_url"] = $"{api}/releases{{/id}}",
            ["ssh_url"] = $"git@{new Uri(urls.Web).Host}:{repo.Owner}/{repo.Name}.git",
            ["stargazers_url"] = $"{api}/stargazers",
            ["statuses_url"] = $"{api}/statuses/{{sha}}",
            ["subscribers_url"] = $"{api}/subscribers",
            ["subscription_url"] = $"{api}/subscription",
            ["tags_url"] = $"{api}/tags",
            ["teams_url"] = $"{api}/teams",
            ["trees_url"] = $"{api}/git/trees{{/sha}}",
            ["clone_url"] = $"{web}.git",
            ["mirror_url"] = null,
            ["hooks_url"] = $"{api}/hooks",
            ["svn_url"] = web,
            ["homepage"] = null,
            ["language"] = null,
            ["forks_count"] = 0,
            ["stargazers_count"] = 0,
            ["watchers_count"] = 0,
            ["size"] = 0,
            ["default_branch"] = repo.DefaultBranch,
            ["open_issues_count"] = openIssues,
            ["is_template"] = false,
            ["topics"] = new JsonArray(),
            ["has_issues"] = true,
            ["has_projects"] = true,
            ["has_wiki"] = false,
            ["has_pages"] = false,
            ["has_downloads"] = true,
            ["has_discussions"] = false,
            ["archived"] = false,
            ["disabled"] = false,
            ["visibility"] = repo.Private ? "private" : "public",
            ["pushed_at"] = Time(repo.PushedAt),
            ["created_at"] = Time(repo.CreatedAt),
            ["updated_at"] = Time(repo.PushedAt),
            ["allow_forking"] = true,
            ["web_commit_signoff_required"] = false,
            ["license"] = null,
            ["forks"] = 0,
            ["open_issues"] = openIssues,
            ["watchers"] = 0,
        };
    }

    public static JsonObject PullRequest(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue, Func<string, GitHubUserState> user, string association)
    {
        var pull = issue.PullRequest ?? throw new InvalidOperationException($"#{issue.Number} is not a pull request.");
        var repoApi = RepoApi(urls, repo);
        var api = $"{repoApi}/pulls/{issue.Number}";
        var html = $"{RepoWeb(urls, repo)}/pull/{issue.Number}";
        var issueApi = $"{repoApi}/issues/{issue.Number}";
        var owner = user(repo.Owner);
        var author = User(urls, user(issue.Author));
        var labels = new JsonArray();
        foreach (var name in issue.Labels)
        {
            var label = repo.Labels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
            if (label is not null)
                labels.Add(Label(urls, repo, label));
        }

        JsonObject Ref(string name, string sha, string? fork = null)
        {
            if (fork is null)
                return new() { ["label"] = $"{repo.Owner}:{name}", ["ref"] = name, ["sha"] = sha, ["user"] = User(urls, owner), ["repo"] = Repository(urls, repo, owner) };

            // A fork's head: its branch, owner and repository are the fork's (a repository marked as a fork).
            var forkOwner = user(fork.Split('/')[0]);
            var forkRepo = new GitHubRepositoryState
            {
                Id = repo.Id + 1_000_000,
                Owner = forkOwner.Login,
                Name = fork.Split('/')[1],
                Private = repo.Private,
                CreatedAt = repo.CreatedAt,
                PushedAt = repo.PushedAt,
            };
            var forkJson = Repository(urls, forkRepo, forkOwner);
            forkJson["fork"] = true;
            return new() { ["label"] = $"{forkOwner.Login}:{name}", ["ref"] = name, ["sha"] = sha, ["user"] = User(urls, forkOwner), ["repo"] = forkJson };
        }

        JsonObject Link(string href) => new() { ["href"] = href };

        return new JsonObject
        {
            ["url"] = api,
            ["id"] = pull.Id,
            ["node_id"] = NodeId("PullRequest", pull.Id),
            ["html_url"] = html,
            ["diff_url"] = $"{html}.diff",
            ["patch_url"] = $"{html}.patch",
            ["issue_url"] = issueApi,
            ["number"] = issue.Number,
            ["state"] = issue.State,
            ["locked"] = issue.Locked,
            ["title"] = issue.Title,
            ["user"] = author,
            ["body"] = issue.Body,
            ["created_at"] = Time(issue.CreatedAt),
            ["updated_at"] = Time(issue.UpdatedAt),
            ["closed_at"] = Time(issue.ClosedAt),
            ["merged_at"] = Time(pull.MergedAt),
            ["merge_commit_sha"] = pull.MergeCommitSha,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["requested_reviewers"] = new JsonArray(),
            ["requested_teams"] = new JsonArray(),
            ["labels"] = labels,
            ["milestone"] = null,
            ["draft"] = false,
            ["commits_url"] = $"{api}/commits",
            ["review_comments_url"] = $"{api}/comments",
            ["review_comment_url"] = $"{repoApi}/pulls/comments{{/number}}",
            ["comments_url"] = $"{issueApi}/comments",
            ["statuses_url"] = $"{repoApi}/statuses/{pull.HeadSha}",
            ["head"] = Ref(pull.HeadRef, pull.HeadSha, pull.HeadRepository),
            ["base"] = Ref(pull.BaseRef, pull.BaseSha),
            ["_links"] = new JsonObject
            {
                ["self"] = Link(api),
                ["html"] = Link(html),
                ["issue"] = Link(issueApi),
                ["comments"] = Link($"{issueApi}/comments"),
                ["review_comments"] = Link($"{api}/comments"),
                ["review_comment"] = Link($"{repoApi}/pulls/comments{{/number}}"),
                ["commits"] = Link($"{api}/commits"),
                ["statuses"] = Link($"{repoApi}/statuses/{pull.HeadSha}"),
            },
            ["author_association"] = association,
            ["auto_merge"] = null,
            ["active_lock_reason"] = null,
            ["merged"] = pull.Merged,
            ["mergeable"] = issue.State == "open" ? true : null,
            ["rebaseable"] = issue.State == "open" ? true : null,
            ["mergeable_state"] = issue.State == "open" ? "clean" : "unknown",
            ["merged_by"] = pull.MergedBy is { } by ? User(urls, user(by)) : null,
            ["comments"] = repo.Comments.Count(c => c.IssueNumber == issue.Number),
            ["review_comments"] = 0,
            ["maintainer_can_modify"] = false,
            ["commits"] = 1,
            ["additions"] = pull.Files.Sum(f => f.Additions),
            ["deletions"] = pull.Files.Sum(f => f.Deletions),
            ["changed_files"] = pull.Files.Count,
        };
    }

    /// <summary>A pull request as list endpoints show it (GitHub's <c>pull-request-simple</c>): without merge state, counts or merger.</summary>
    public static JsonObject PullRequestSimple(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue, Func<string, GitHubUserState> user, string association)
    {
        var json = PullRequest(urls, repo, issue, user, association);
        foreach (var name in new[] { "merged", "mergeable", "rebaseable", "mergeable_state", "merged_by", "comments", "review_comments", "maintainer_can_modify", "commits", "additions", "deletions", "changed_files" })
            json.Remove(name);

        // The simple shape declares a label's description as a string, never null.
        foreach (var label in json["labels"]!.AsArray().OfType<JsonObject>())
            label["description"] ??= "";
        return json;
    }

    public static JsonObject PullFile(GitHubUrls urls, GitHubRepositoryState repo, GitHubPullRequestState pull, GitHubPullFileState file)
    {
        var path = EscapePath(file.Filename);
        var json = new JsonObject
        {
            ["sha"] = file.Sha,
            ["filename"] = file.Filename,
            ["status"] = file.Status,
            ["additions"] = file.Additions,
            ["deletions"] = file.Deletions,
            ["changes"] = file.Additions + file.Deletions,
            ["blob_url"] = $"{RepoWeb(urls, repo)}/blob/{pull.HeadSha}/{path}",
            ["raw_url"] = $"{RepoWeb(urls, repo)}/raw/{pull.HeadSha}/{path}",
            ["contents_url"] = $"{RepoApi(urls, repo)}/contents/{path}?ref={pull.HeadSha}",
        };
        if (file.Patch is not null)
            json["patch"] = file.Patch;
        if (file.PreviousFilename is not null)
            json["previous_filename"] = file.PreviousFilename;
        return json;
    }

    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>An entry of a contents answer; <paramref name="content"/> is set for a single file (base64 in lines of 60, as GitHub sends it).</summary>
    public static JsonObject ContentEntry(GitHubUrls urls, GitHubRepositoryState repo, string branch, string path, string type, string sha, int size, string? content)
    {
        var escaped = EscapePath(path);
        var self = $"{RepoApi(urls, repo)}/contents/{escaped}?ref={Uri.EscapeDataString(branch)}";
        var git = type == "dir" ? $"{RepoApi(urls, repo)}/git/trees/{sha}" : $"{RepoApi(urls, repo)}/git/blobs/{sha}";
        var html = $"{RepoWeb(urls, repo)}/{(type == "dir" ? "tree" : "blob")}/{branch}/{escaped}";
        var json = new JsonObject
        {
            ["name"] = path[(path.LastIndexOf('/') + 1)..],
            ["path"] = path,
            ["sha"] = sha,
            ["size"] = size,
            ["url"] = self,
            ["html_url"] = html,
            ["git_url"] = git,
            ["download_url"] = type == "dir" ? null : $"{RepoWeb(urls, repo)}/raw/{branch}/{escaped}",
            ["type"] = type,
        };
        if (content is not null)
        {
            json["content"] = WrapBase64(content);
            json["encoding"] = "base64";
        }

        json["_links"] = new JsonObject { ["self"] = self, ["git"] = git, ["html"] = html };
        return json;
    }

    private static string WrapBase64(string base64)
    {
        var builder = new StringBuilder(base64.Length + (base64.Length / 60) + 1);
        for (var i = 0; i < base64.Length; i += 60)
            builder.Append(base64.AsSpan(i, Math.Min(60, base64.Length - i))).Append('\n');
        return builder.ToString();
    }
}

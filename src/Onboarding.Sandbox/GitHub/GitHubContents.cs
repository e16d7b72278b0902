using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>Repository contents: a file or a folder read at a ref, and a file written as a commit on a branch.</summary>
internal sealed class GitHubContents(GitHubStore store)
{
    /// <summary>A file larger than this (1 MB) comes without its content: only its size and where to download it.</summary>
    public const int MaxContentBytes = 1024 * 1024;

    public EmulatorResponse Get(GitHubUrls urls, GitHubCaller caller, string owner, string name, string path, string? reference)
    {
        var repo = store.Repo(caller, owner, name);
        // The ref names a branch, or a commit: here the head commit of a branch (the emulator keeps no older trees).
        var branch = reference ?? repo.DefaultBranch;
        if (repo.Branches.All(b => b.Name != branch))
        {
            branch = repo.Branches.FirstOrDefault(b => string.Equals(b.HeadSha, reference, StringComparison.OrdinalIgnoreCase))?.Name
                ?? throw GitHubProblem.Of(404, $"No commit found for the ref {reference}");
        }

        path = path.Trim('/');
        var file = repo.Files.FirstOrDefault(f => f.Branch == branch && f.Path == path);
        if (file is not null)
        {
            var size = Convert.FromBase64String(file.Content).Length;
            var entry = GitHubJson.ContentEntry(urls, repo, branch, file.Path, "file", file.Sha, size, file.Content);
            if (size > MaxContentBytes)
            {
                // "Between 1-100 MB: ... the content field will be an empty string and the encoding field will be none."
                entry["content"] = "";
                entry["encoding"] = "none";
            }

            return new EmulatorResponse(200, entry);
        }

        var prefix = path.Length == 0 ? "" : path + "/";
        var children = repo.Files
            .Where(f => f.Branch == branch && f.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => f.Path[prefix.Length..])
            .ToList();
        if (children.Count == 0)
            throw GitHubProblem.NotFound();
        var entries = new JsonArray();
        foreach (var child in children.Select(c => c.Split('/')[0]).Distinct().Order(StringComparer.Ordinal))
        {
            var childPath = prefix + child;
            var childFile = repo.Files.FirstOrDefault(f => f.Branch == branch && f.Path == childPath);
            entries.Add(childFile is not null
                ? GitHubJson.ContentEntry(urls, repo, branch, childPath, "file", childFile.Sha, Convert.FromBase64String(childFile.Content).Length, null)
                : GitHubJson.ContentEntry(urls, repo, branch, childPath, "dir", GitHubJson.Sha($"{branch}:{childPath}"), 0, null));
        }

        return new EmulatorResponse(200, entries);
    }

    public EmulatorResponse Put(GitHubUrls urls, GitHubCaller caller, string owner, string name, string path, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        path = path.Trim('/');
        var message = ReadString(body, "message", "Commit");
        if (message is null)
            throw GitHubProblem.Of(422, "Invalid request.\n\n\"message\" wasn't supplied.");
        var content = ReadString(body, "content", "Commit");
        if (content is null)
            throw GitHubProblem.Of(422, "Invalid request.\n\n\"content\" wasn't supplied.");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            throw GitHubProblem.Of(422, "content is not valid Base64");
        }

        var branchName = ReadString(body, "branch", "Commit") ?? repo.DefaultBranch;
        var branch = repo.Branches.FirstOrDefault(b => b.Name == branchName) ?? throw GitHubProblem.Of(404, $"Branch {branchName} not found");
        var sha = ReadString(body, "sha", "Commit");
        var existing = repo.Files.FirstOrDefault(f => f.Branch == branchName && f.Path == path);
        if (existing is not null && sha is null)
            throw GitHubProblem.Of(422, "Invalid request.\n\n\"sha\" wasn't supplied.");
        if (existing is not null && sha != existing.Sha)
            throw GitHubProblem.Of(409, $"{path} does not match {sha}");
        var blob = GitHubJson.BlobSha(bytes);
        var parent = branch.HeadSha;
        branch.HeadSha = NextCommitSha(store.State, repo);
        var now = store.Now;
        repo.PushedAt = now;
        var created = existing is null;
        if (existing is null)
        {
            existing = new GitHubFileState { Branch = branchName, Path = path };
            repo.Files.Add(existing);
        }

        existing.Content = Convert.ToBase64String(bytes);
        existing.Sha = blob;
        var entry = GitHubJson.ContentEntry(urls, repo, branchName, path, "file", blob, bytes.Length, null);
        var author = store.UserOf(caller.Login!);
        var person = new JsonObject { ["name"] = author.Login, ["email"] = $"{author.Id}+{author.Login}@users.noreply.github.com", ["date"] = GitHubJson.Time(now) };
        var commitApi = $"{GitHubJson.RepoApi(urls, repo)}/git/commits/{branch.HeadSha}";
        var commit = new JsonObject
        {
            ["sha"] = branch.HeadSha,
            ["node_id"] = GitHubJson.NodeId("Commit", store.State.CommitCounter),
            ["url"] = commitApi,
            ["html_url"] = $"{GitHubJson.RepoWeb(urls, repo)}/commit/{branch.HeadSha}",
            ["author"] = person.DeepClone(),
            ["committer"] = person,
            ["message"] = message,
            ["tree"] = new JsonObject { ["sha"] = GitHubJson.Sha($"tree {branch.HeadSha}"), ["url"] = $"{GitHubJson.RepoApi(urls, repo)}/git/trees/{GitHubJson.Sha($"tree {branch.HeadSha}")}" },
            ["parents"] = new JsonArray(new JsonObject
            {
                ["sha"] = parent,
                ["url"] = $"{GitHubJson.RepoApi(urls, repo)}/git/commits/{parent}",
                ["html_url"] = $"{GitHubJson.RepoWeb(urls, repo)}/commit/{parent}",
            }),
            ["verification"] = new JsonObject { ["verified"] = false, ["reason"] = "unsigned", ["signature"] = null, ["payload"] = null, ["verified_at"] = null },
        };
        var status = created ? 201 : 200;
        return new EmulatorResponse(status, new JsonObject { ["content"] = entry, ["commit"] = commit }) { Changed = true };
    }
}

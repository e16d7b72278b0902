using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>A repository's labels, and the labels of an issue (added or replaced; unknown ones are created, as for a user with push access).</summary>
internal sealed class GitHubLabels(GitHubStore store)
{
    public EmulatorResponse List(GitHubUrls urls, GitHubCaller caller, string owner, string name, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        return Page(repo.Labels, page, perPage, l => GitHubJson.Label(urls, repo, l));
    }

    public EmulatorResponse Get(GitHubUrls urls, GitHubCaller caller, string owner, string name, string label)
    {
        var repo = store.Repo(caller, owner, name);
        var found = repo.Labels.FirstOrDefault(l => string.Equals(l.Name, label, StringComparison.OrdinalIgnoreCase)) ?? throw GitHubProblem.NotFound();
        return new EmulatorResponse(200, GitHubJson.Label(urls, repo, found));
    }

    public EmulatorResponse Create(GitHubUrls urls, GitHubCaller caller, string owner, string name, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        // Creating a label needs push (write) access to the repository.
        if (!caller.CanPush)
            throw GitHubProblem.Of(403, "Must have admin rights to Repository.");
        var labelName = ReadString(body, "name", "Label")?.Trim();
        if (string.IsNullOrEmpty(labelName))
            throw GitHubProblem.Invalid(("Label", "name", "missing_field", null));
        var color = (ReadString(body, "color", "Label") ?? "ededed").TrimStart('#');
        if (color.Length != 6 || !color.All(Uri.IsHexDigit))
            throw GitHubProblem.Invalid(("Label", "color", "invalid", null));
        var description = ReadString(body, "description", "Label");
        if (description is { Length: > 100 })
            throw GitHubProblem.Invalid(("Label", "description", "custom", "description is too long (maximum is 100 characters)"));
        if (repo.Labels.Any(l => string.Equals(l.Name, labelName, StringComparison.OrdinalIgnoreCase)))
            throw GitHubProblem.Invalid(("Label", "name", "already_exists", null));
        var label = new GitHubLabelState { Id = store.State.NextId++, Name = labelName, Color = color.ToLowerInvariant(), Description = description };
        repo.Labels.Add(label);
        var json = GitHubJson.Label(urls, repo, label);
        return new EmulatorResponse(201, json) { Changed = true }.WithHeader(HeaderNames.Location, (string)json["url"]!);
    }

    public EmulatorResponse ListForIssue(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        var labels = issue.Labels.Select(n => repo.Labels.First(l => string.Equals(l.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        return Page(labels, page, perPage, l => GitHubJson.Label(urls, repo, l));
    }

    /// <summary>POST adds to the issue's labels, PUT replaces them. The body is <c>{"labels": [...]}</c> or a bare array.</summary>
    public EmulatorResponse ChangeForIssue(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, JsonNode? body, bool replace)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        if (!caller.CanPush)
            throw GitHubProblem.Of(403, "Must have admin rights to Repository.");
        var names = ReadLabels(body is JsonObject obj ? obj["labels"] : body, "Label") ?? [];
        if (!replace && names.Count == 0)
            throw GitHubProblem.Invalid(("Label", "labels", "missing_field", null));
        EnsureLabels(store.State, repo, names);
        var wanted = replace
            ? Canonical(repo, names)
            : [.. issue.Labels, .. Canonical(repo, names).Where(n => !issue.Labels.Contains(n, StringComparer.OrdinalIgnoreCase))];
        var changed = ChangeLabels(store.State, issue, wanted, caller.Login!, store.Now);
        if (changed)
        {
            issue.UpdatedAt = store.Now;
            store.Index(issue, issue.UpdatedAt);
        }

        var items = new JsonArray();
        foreach (var label in issue.Labels)
            items.Add(GitHubJson.Label(urls, repo, repo.Labels.First(l => string.Equals(l.Name, label, StringComparison.OrdinalIgnoreCase))));
        return new EmulatorResponse(200, items) { Changed = changed };
    }
}

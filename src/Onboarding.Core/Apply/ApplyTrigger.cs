using System.Text.Json;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Apply;

/// <summary>What a GitHub Actions event asks apply to do: the commit range to reconcile, or why there is nothing to do.</summary>
/// <param name="From">The commit before the change; null means "every manifest" (a new branch, or --all).</param>
/// <param name="To">The commit after the change.</param>
/// <param name="Ignored">Why this event applies nothing (a sentence), or null.</param>
public sealed record ApplyTrigger(string? From, string? To, string? Ignored, string Description)
{
    /// <summary>The event file could not be read as an event at all: a broken setup, not an event to ignore.</summary>
    public bool Unreadable { get; private init; }

    private const string NoCommit = "0000000000000000000000000000000000000000";

    public static ApplyTrigger All { get; } = new(null, "HEAD", null, "every manifest (--all)");

    /// <summary>Reads a <c>push</c> or <c>pull_request</c> event payload; <paramref name="eventName"/> is GITHUB_EVENT_NAME when known.</summary>
    public static ApplyTrigger FromEvent(string? eventName, ReadOnlySpan<byte> payload)
    {
        if (WorkflowEvent.TryParse(payload) is not { } document)
            return Ignore(WorkflowEvent.NotJson) with { Unreadable = true };

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Ignore("the event file is not a GitHub event") with { Unreadable = true };
            eventName ??= root.TryGetProperty("pull_request", out _) ? "pull_request" : root.TryGetProperty("after", out _) ? "push" : null;
            return eventName switch
            {
                "push" => Push(root),
                "pull_request" or "pull_request_target" => PullRequest(root),
                _ => Ignore($"apply runs on a push to the default branch or a merged pull request, not on '{eventName ?? "this"}' events"),
            };
        }
    }

    private static ApplyTrigger Push(JsonElement root)
    {
        var reference = Text(root, "ref");
        var defaultBranch = root.TryGetProperty("repository", out var repository) ? Text(repository, "default_branch") ?? Text(repository, "master_branch") : null;
        if (defaultBranch is null || reference != $"refs/heads/{defaultBranch}")
            return Ignore($"the push went to {reference ?? "an unknown ref"}, not to the default branch ({defaultBranch ?? "unknown"})");
        var after = Text(root, "after");
        var before = Text(root, "before");
        if (after is null || after == NoCommit)
            return Ignore("the push deleted the branch");
        return before is null || before == NoCommit
            ? new ApplyTrigger(null, after, null, $"push to {defaultBranch} creating the branch at {Short(after)}: every manifest")
            : new ApplyTrigger(before, after, null, $"push to {defaultBranch}, {Short(before)}..{Short(after)}");
    }

    private static ApplyTrigger PullRequest(JsonElement root)
    {
        if (Text(root, "action") != "closed")
            return Ignore($"the pull request was {Text(root, "action") ?? "changed"}, not merged");
        if (!root.TryGetProperty("pull_request", out var pr) || !pr.TryGetProperty("merged", out var merged) || merged.ValueKind != JsonValueKind.True)
            return Ignore("the pull request was closed without being merged");
        var mergeCommit = Text(pr, "merge_commit_sha");
        var baseSha = pr.TryGetProperty("base", out var @base) ? Text(@base, "sha") : null;
        if (mergeCommit is null || baseSha is null)
            return Ignore("the merged pull request's event has no merge commit or base");
        var number = pr.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) ? $"#{value}" : "the pull request";
        return new ApplyTrigger(baseSha, mergeCommit, null, $"merge of {number}, {Short(baseSha)}..{Short(mergeCommit)}");
    }

    private static ApplyTrigger Ignore(string why) => new(null, null, why, why);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}

using System.Text;
using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Services;
using Onboarding.Services;

namespace Onboarding.Cli.Commands;

/// <summary>Where a plan's facts came from, as the reviewer is told.</summary>
internal enum PlanKind
{
    /// <summary>From git alone: no service was read.</summary>
    Offline,

    /// <summary>The services were read (with the read-only credentials, for a pull request's live plan).</summary>
    Live,
}

/// <summary>
/// Under GitHub Actions: the plan goes into the step summary, and into one pull-request comment that later runs find
/// by its hidden marker and update in place. The offline plan (Validate workflow) and the live plan (Live plan
/// workflow) share that one comment: the live plan always writes it; the offline plan writes it unless it holds the live
/// plan of the same head commit, which says more (docs/architecture.md, "Secrets only where reviewed code runs").
/// </summary>
internal static class PullRequestComment
{
    public const string Marker = "<!-- onboarding:plan -->";

    /// <summary>GitHub refuses comments over 65,536 characters; the rest of the plan stays in the step summary.</summary>
    public const int MaxLength = 65_536;

    /// <summary>The hidden second line: which kind of plan the comment holds, and of which head commit.</summary>
    internal static string KindLine(PlanKind kind, string? headSha) =>
        $"<!-- onboarding:plan-kind {(kind == PlanKind.Live ? "live" : "offline")} head={(headSha is not null && IsSha(headSha) ? headSha.ToLowerInvariant() : "unknown")} -->";

    private static bool IsSha(string text) => text.Length is >= 7 and <= 64 && text.All(Uri.IsHexDigit);

    /// <param name="number">The pull request to comment on; null takes it from the event (a pull request from this repository only).</param>
    /// <param name="headSha">The head commit planned; null takes it from the event.</param>
    public static async Task PublishAsync(
        CliContext context, GitHubActions actions, string markdown, PlanKind kind, CancellationToken cancellationToken, int? number = null, string? headSha = null)
    {
        actions.AppendSummary(markdown);
        var fromEvent = SameRepositoryPullRequest(context);
        number ??= fromEvent?.Number;
        headSha ??= fromEvent?.HeadSha;
        var token = context.Environment.Get(ServiceAccess.GitHubTokenVariable);
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        if (number is null || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(repository))
            return;

        var body = Fit(markdown, RunUrl(context), KindLine(kind, headSha));
        // An offline plan does not replace the live plan of the commit it planned too.
        var live = KindLine(PlanKind.Live, headSha);
        Func<string, bool>? keep = kind == PlanKind.Offline && headSha is not null ? existing => existing.Contains(live, StringComparison.Ordinal) : null;
        var kept = false;
        try
        {
            using var client = WorkflowGitHub.Client(context, repository, token);
            foreach (var ignored in await WorkflowGitHub.KeepCommentAsync(client, number.Value, Marker, body, cancellationToken, keep is null ? null : existing => kept = keep(existing)))
                context.Out.WriteLine($"::warning title=Plan comment::{GitHubActions.Data(ignored)}");
        }
        catch (ServiceException e)
        {
            // The plan itself is fine and is in the summary; a comment that could not be written is worth a warning.
            context.Out.WriteLine($"::warning title=Plan comment::{GitHubActions.Data(e.Message)}");
        }

        if (kept)
            context.Out.WriteLine($"The comment on #{number} holds the live plan of this commit, which read the services; this offline plan is in the run's summary only.");
    }

    /// <summary>The comment body: the marker, the kind line when given, then the plan; cut at a community boundary when too long.</summary>
    internal static string Fit(string markdown, string? runUrl, string? kindLine = null)
    {
        var pointer = runUrl is null
            ? "\n\n_The plan is longer than a comment may be; the full plan is in this run's step summary._\n"
            : $"\n\n_The plan is longer than a comment may be; the full plan is in [the run's summary]({runUrl})._\n";
        var header = kindLine is null ? Marker : $"{Marker}\n{kindLine}";
        var full = $"{header}\n{markdown}";
        if (full.Length <= MaxLength)
            return full;

        var budget = MaxLength - pointer.Length;
        var cut = full.LastIndexOf("<details>\n<summary>", budget, StringComparison.Ordinal);
        if (cut <= header.Length)
            cut = budget;
        return new StringBuilder(full[..cut].TrimEnd()).Append(pointer).ToString();
    }

    /// <summary>The pull request's number and head commit, when the event is a pull request from this repository (a fork's gets no comment).</summary>
    private static (int Number, string? HeadSha)? SameRepositoryPullRequest(CliContext context)
    {
        if (context.Environment.Get("GITHUB_EVENT_NAME") is not ("pull_request" or "pull_request_target"))
            return null;
        var path = context.Environment.Get("GITHUB_EVENT_PATH");
        if (string.IsNullOrEmpty(path) || !context.Files.FileExists(path))
            return null;
        var (bytes, _) = context.Files.ReadHead(path, 8 * 1024 * 1024);
        using var payload = JsonDocument.Parse(bytes);
        if (!payload.RootElement.TryGetProperty("pull_request", out var pr) || !pr.TryGetProperty("number", out var number))
            return null;
        var head = pr.TryGetProperty("head", out var h) && h.TryGetProperty("repo", out var hr) && hr.TryGetProperty("full_name", out var hn) ? hn.GetString() : null;
        var @base = pr.TryGetProperty("base", out var b) && b.TryGetProperty("repo", out var br) && br.TryGetProperty("full_name", out var bn) ? bn.GetString() : null;
        var sha = h.ValueKind == JsonValueKind.Object && h.TryGetProperty("sha", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        return head is not null && head == @base ? (number.GetInt32(), sha) : null;
    }

    internal static string? RunUrl(CliContext context)
    {
        var server = context.Environment.Get("GITHUB_SERVER_URL");
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        var run = context.Environment.Get("GITHUB_RUN_ID");
        return string.IsNullOrEmpty(server) || string.IsNullOrEmpty(repository) || string.IsNullOrEmpty(run) ? null : $"{server}/{repository}/actions/runs/{run}";
    }
}

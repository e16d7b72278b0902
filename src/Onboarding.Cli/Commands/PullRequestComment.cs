using System.Text;
using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Services;
using Onboarding.Services;

namespace Onboarding.Cli.Commands;

/// <summary>
/// Under GitHub Actions: the plan goes into the step summary, and into one pull-request comment that later runs find
/// by its hidden marker and update in place.
/// </summary>
internal static class PullRequestComment
{
    public const string Marker = "<!-- onboarding:plan -->";

    /// <summary>GitHub refuses comments over 65,536 characters; the rest of the plan stays in the step summary.</summary>
    public const int MaxLength = 65_536;

    public static async Task PublishAsync(CliContext context, GitHubActions actions, string markdown, CancellationToken cancellationToken)
    {
        actions.AppendSummary(markdown);
        var pullRequest = SameRepositoryPullRequest(context);
        var token = context.Environment.Get(ServiceAccess.GitHubTokenVariable);
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        if (pullRequest is null || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(repository))
            return;

        var body = Fit(markdown, RunUrl(context));
        try
        {
            using var client = WorkflowGitHub.Client(context, repository, token);
            foreach (var ignored in await WorkflowGitHub.KeepCommentAsync(client, pullRequest.Value, Marker, body, cancellationToken))
                context.Out.WriteLine($"::warning title=Plan comment::{GitHubActions.Data(ignored)}");
        }
        catch (ServiceException e)
        {
            // The plan itself is fine and is in the summary; a comment that could not be written is worth a warning.
            context.Out.WriteLine($"::warning title=Plan comment::{GitHubActions.Data(e.Message)}");
        }
    }

    /// <summary>The comment body: the marker, then the plan; cut at a community boundary when too long.</summary>
    internal static string Fit(string markdown, string? runUrl)
    {
        var pointer = runUrl is null
            ? "\n\n_The plan is longer than a comment may be; the full plan is in this run's step summary._\n"
            : $"\n\n_The plan is longer than a comment may be; the full plan is in [the run's summary]({runUrl})._\n";
        var full = $"{Marker}\n{markdown}";
        if (full.Length <= MaxLength)
            return full;

        var budget = MaxLength - pointer.Length;
        var cut = full.LastIndexOf("<details>\n<summary>", budget, StringComparison.Ordinal);
        if (cut <= Marker.Length)
            cut = budget;
        return new StringBuilder(full[..cut].TrimEnd()).Append(pointer).ToString();
    }

    /// <summary>The pull request's number, when the event is a pull request from this repository (a fork's gets no comment).</summary>
    private static int? SameRepositoryPullRequest(CliContext context)
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
        return head is not null && head == @base ? number.GetInt32() : null;
    }

    internal static string? RunUrl(CliContext context)
    {
        var server = context.Environment.Get("GITHUB_SERVER_URL");
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        var run = context.Environment.Get("GITHUB_RUN_ID");
        return string.IsNullOrEmpty(server) || string.IsNullOrEmpty(repository) || string.IsNullOrEmpty(run) ? null : $"{server}/{repository}/actions/runs/{run}";
    }
}

using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Authoring;
using Onboarding.Core.Services;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding review-check --event PATH</c>: the required review check of a pull request (<see cref="ReviewCheck"/>).
/// Reads the pull request from a <c>pull_request</c> or <c>pull_request_review</c> event, its reviews and, for one made
/// from the new-community form, who filed the issue; passes (exit 0) only when someone other than the author approved
/// the head commit. Needs GITHUB_TOKEN (pull-requests: read, issues: read) and GITHUB_REPOSITORY; without them it fails,
/// as a required check must never pass without reading the reviews.
/// </summary>
internal static class ReviewCheckCommand
{
    /// <param name="EventPath">The event file; null reads $GITHUB_EVENT_PATH.</param>
    public sealed record Options(string? EventPath);

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        Secrets.MaskUnderActions(context);
        var eventPath = options.EventPath ?? context.Environment.Get("GITHUB_EVENT_PATH");
        if (string.IsNullOrEmpty(eventPath))
        {
            context.Error.WriteLine("onboarding review-check: say which event to read: --event PATH (a GitHub pull_request or pull_request_review event).");
            return ExitCodes.Usage;
        }

        if (!context.Files.FileExists(eventPath))
        {
            context.Error.WriteLine($"onboarding review-check: {eventPath}: no such event file.");
            return ExitCodes.Usage;
        }

        var (bytes, _) = context.Files.ReadHead(eventPath, 16 * 1024 * 1024);
        var (pull, problem) = ReviewedPullRequest.Parse(bytes);
        if (pull is null)
        {
            context.Error.WriteLine($"onboarding review-check: {eventPath}: {problem}.");
            return ExitCodes.Usage;
        }

        var token = Secrets.Value(context, Secrets.PullRequestToken);
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        if (token is null || string.IsNullOrEmpty(repository))
        {
            context.Error.WriteLine("onboarding review-check: GITHUB_TOKEN (with pull-requests: read and issues: read) and GITHUB_REPOSITORY are needed to read the reviews; the check cannot pass without them.");
            return ExitCodes.Failure;
        }

        ReviewVerdict verdict;
        try
        {
            using var client = WorkflowGitHub.Client(context, repository, token);
            var issueAuthor = ReviewCheck.IssueOf(pull) is { } issue ? await client.GetIssueAuthorAsync(issue, cancellationToken) : null;
            var reviews = await client.ListReviewsAsync(pull.Number, cancellationToken);
            verdict = ReviewCheck.Judge(pull, issueAuthor, reviews);
        }
        catch (ServiceException e)
        {
            context.Error.WriteLine($"onboarding review-check: {Secrets.Redact(context, e.Message)}");
            return ExitCodes.Failure;
        }

        context.Out.WriteLine($"Pull request #{pull.Number}: {verdict.Sentence}");
        var actions = new GitHubActions(context);
        if (actions.IsActive)
            actions.AppendSummary($"## Review check\n\n{GitHubActions.Cell(verdict.Sentence)}\n");
        return verdict.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }
}

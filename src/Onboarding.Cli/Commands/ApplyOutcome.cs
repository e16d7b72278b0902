using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Apply;
using Onboarding.Core.Services;

namespace Onboarding.Cli.Commands;

/// <summary>
/// Under GitHub Actions, after apply: a commit status on the applied commit, and one comment on the merged pull request
/// (found again by its marker and the token's account, so a re-run updates it) saying per community what was done,
/// held or failed. Neither can fail the run: what was applied stands, and a warning says what could not be written.
/// </summary>
internal static class ApplyOutcome
{
    public static async Task PublishAsync(CliContext context, MergedPull? pulls, ApplyReport report, CancellationToken cancellationToken)
    {
        if (pulls is null)
            return;
        var runUrl = PullRequestComment.RunUrl(context);
        try
        {
            var (state, description) = ApplyReportRenderer.CommitStatus(report);
            await pulls.Client.CreateCommitStatusAsync(pulls.Commit, state, description, runUrl, ApplyReportRenderer.StatusContext, cancellationToken);
        }
        catch (ServiceException e)
        {
            context.Out.WriteLine($"::warning title=Apply status::{GitHubActions.Data(e.Message)}");
        }

        try
        {
            if (await pulls.FindAsync(cancellationToken) is not { } pull)
                return;
            var body = ApplyReportRenderer.PullRequestComment(report, runUrl);
            foreach (var ignored in await WorkflowGitHub.KeepCommentAsync(pulls.Client, pull.Number, ApplyReportRenderer.OutcomeMarker, body, cancellationToken))
                context.Out.WriteLine($"::warning title=Apply comment::{GitHubActions.Data(ignored)}");
        }
        catch (ServiceException e)
        {
            context.Out.WriteLine($"::warning title=Apply comment::{GitHubActions.Data(e.Message)}");
        }
    }
}

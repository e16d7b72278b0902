using System.Globalization;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Drift;

/// <summary>What a run did to the drift issue.</summary>
public enum DriftIssueAction
{
    /// <summary>No drift and no open issue: nothing to do.</summary>
    None,
    Opened,
    Updated,
    Unchanged,
    Reopened,
    Closed,
}

public sealed record DriftIssueOutcome(DriftIssueAction Action, IssueRef? Issue);

/// <summary>
/// Keeps ONE issue in the repository that lists the differences: found again by the hidden marker on its first line,
/// its body replaced in place, closed with a comment when drift is gone and reopened when it returns. Writes only to
/// that issue; never to HubSpot or Freshdesk.
/// </summary>
public static class DriftIssue
{
    public const string Marker = "<!-- onboarding:drift -->";

    public const string Label = "onboarding-drift";

    public const string Title = "Drift: HubSpot or Freshdesk differ from the manifests";

    public static async Task<DriftIssueOutcome> SyncAsync(IGitHubIssues issues, DriftReport report, string markdown, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(report);
        var body = $"{Marker}\n{markdown}";
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The oldest issue whose first line is the marker counts; a marker quoted elsewhere in a body does not.
        var existing = (await issues.FindIssuesByMarkerAsync(Marker, Label, cancellationToken))
            .Where(i => i.Body.Split('\n')[0].Trim() == Marker)
            .OrderBy(i => i.Number)
            .FirstOrDefault();

        if (report.HasDrift)
        {
            if (existing is null)
                return new(DriftIssueAction.Opened, await issues.CreateIssueAsync(new NewIssue(Title, body, [Label]), cancellationToken));
            if (existing.State != "open")
            {
                var reopened = await issues.UpdateIssueAsync(existing.Number, new IssueChange(Body: body, State: IssueState.Open), cancellationToken);
                await issues.CreateCommentAsync(existing.Number, $"Drift is back on {day}: {Count(report.Items.Count)} (listed above).", cancellationToken);
                return new(DriftIssueAction.Reopened, reopened);
            }

            return existing.Body == body
                ? new(DriftIssueAction.Unchanged, existing)
                : new(DriftIssueAction.Updated, await issues.UpdateIssueAsync(existing.Number, new IssueChange(Body: body), cancellationToken));
        }

        if (existing is null || existing.State != "open")
            return new(DriftIssueAction.None, existing);
        await issues.CreateCommentAsync(existing.Number, $"No drift on {day}: HubSpot and Freshdesk agree with the manifests again. Closing.", cancellationToken);
        return new(DriftIssueAction.Closed, await issues.UpdateIssueAsync(existing.Number, new IssueChange(Body: body, State: IssueState.Closed), cancellationToken));
    }

    private static string Count(int n) => n == 1 ? "1 difference" : $"{n.ToString(CultureInfo.InvariantCulture)} differences";
}

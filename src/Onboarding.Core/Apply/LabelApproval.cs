using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Apply;

/// <summary>
/// Whether the approval label on a merged pull request approves its change. A label proves nothing by itself (anyone
/// with triage access can add one, and the pull request's author may have it): the latest time it was added, and not
/// removed since, must have been by someone who may write to the repository (write, maintain or admin) and who is not
/// the pull request's author, as the pull request's events and GitHub's permission of that account say.
/// </summary>
public static class LabelApproval
{
    /// <summary>Who added <paramref name="label"/> so that it is on now: the actor of the latest event for it when that
    /// event added it; null when no event adds it, or the latest removed it. <paramref name="events"/> are oldest first.</summary>
    public static string? Approver(IReadOnlyList<LabelEvent> events, string label)
    {
        ArgumentNullException.ThrowIfNull(events);
        var last = events.LastOrDefault(e => string.Equals(e.Label, label, StringComparison.OrdinalIgnoreCase));
        return last is { Added: true, Actor.Length: > 0 } ? last.Actor : null;
    }

    /// <param name="labelEvents">Reads the pull request's labeled and unlabeled events, oldest first.</param>
    /// <param name="permissionOf">Reads what an account may do in the repository.</param>
    /// <param name="issueAuthorOf">Reads who filed an issue: for a pull request made from the form, the person who asked for the change counts as its author too.</param>
    public static async Task<Approval> JudgeAsync(
        MergedPullRequest pull,
        Func<CancellationToken, Task<IReadOnlyList<LabelEvent>>> labelEvents,
        Func<string, CancellationToken, Task<CollaboratorAccess>> permissionOf,
        Func<int, CancellationToken, Task<string>> issueAuthorOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issueAuthorOf);
        ArgumentNullException.ThrowIfNull(pull);
        ArgumentNullException.ThrowIfNull(labelEvents);
        ArgumentNullException.ThrowIfNull(permissionOf);
        var label = ChangeGuard.ApprovalLabel;
        var on = $"the label '{label}' on pull request #{pull.Number}";
        if (!pull.Labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            return new Approval(false, $"pull request #{pull.Number} does not carry the label '{label}'");

        var approver = Approver(await labelEvents(cancellationToken), label);
        if (approver is null)
            return new Approval(false, $"the events of pull request #{pull.Number} do not show who added the label '{label}', so it does not count");
        if (string.Equals(approver, pull.Author, StringComparison.OrdinalIgnoreCase))
            return new Approval(false, $"{on} was added by {approver}, who opened the pull request; someone else with write, maintain or admin permission must add it");
        if (pull.FromIssue is { } issue && string.Equals(approver, await issueAuthorOf(issue, cancellationToken), StringComparison.OrdinalIgnoreCase))
            return new Approval(false, $"{on} was added by {approver}, who filed issue #{issue} the pull request was made from; someone else with write, maintain or admin permission must add it");

        var permission = await permissionOf(approver, cancellationToken);
        if (!permission.MayWrite)
            return new Approval(false, $"{on} was added by {approver}, whose permission on the repository is '{permission.Role}', not write, maintain or admin");
        return new Approval(true, $"pull request #{pull.Number} carries the label '{label}', added by {approver} ({permission.Role})");
    }
}

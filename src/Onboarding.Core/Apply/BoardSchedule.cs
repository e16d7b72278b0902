using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Apply;

/// <summary>How apply carries out <see cref="PlaceOnBoard"/>: the access it needs first, then add, iteration, column.</summary>
internal static class BoardSchedule
{
    /// <summary>
    /// A plan that puts issues on the project needs a token that may change it; checked before the community's first
    /// write, so no issue is opened that then cannot be scheduled.
    /// </summary>
    /// <exception cref="ServiceException">The token can read the project but not change it.</exception>
    public static void EnsureWritable(CommunityPlan plan)
    {
        if (plan.Steps.OfType<PlaceOnBoard>().FirstOrDefault() is { Board: { CanUpdate: false } board } step)
        {
            throw new ServiceException("github", "put turnup issues on the project", 403,
                $"Nothing was applied for {plan.Name}: the GitHub token can read {step.BoardName} but not change it, so its turnup issues could not be scheduled. " +
                "A classic token needs the 'project' scope; a fine-grained token or a GitHub App needs the organisation permission 'Projects: read and write'.");
        }
    }

    /// <summary>The node ids of the issues the services hold, by <see cref="IssueMarker.Key"/>.</summary>
    public static Dictionary<string, string> NodeIds(ObservedCommunity observed) =>
        observed.Issues.Where(i => i.Value.NodeId is not null).ToDictionary(i => i.Key, i => i.Value.NodeId!, StringComparer.Ordinal);

    /// <summary>
    /// Adds the issue (adding an issue already on the project gives its item, so a retry makes no second one), sets the
    /// iteration, then the column last: an item with a column is placed, so a run cut off before it is finished by the next.
    /// </summary>
    public static async Task PlaceAsync(IGitHubProjects projects, PlaceOnBoard step, string? nodeId, CancellationToken cancellationToken)
    {
        var board = step.Board ?? throw new InvalidOperationException("A plan made without reading the services cannot be applied.");
        nodeId ??= step.Existing?.NodeId
            ?? throw new ServiceException("github", "put a turnup issue on the project", null, $"GitHub gave no node id for the issue '{step.Issue.Title}', so it cannot be put on {step.BoardName}; run apply again.");
        var itemId = await projects.AddItemAsync(board.ProjectId, nodeId, cancellationToken);
        if (step.Iteration is { } iteration && board.IterationFieldId is { } iterationField)
            await projects.SetIterationAsync(board.ProjectId, itemId, iterationField, iteration.Id, cancellationToken);
        await projects.SetOptionAsync(board.ProjectId, itemId, board.StatusFieldId, board.ColumnIds[step.Column], cancellationToken);
    }
}

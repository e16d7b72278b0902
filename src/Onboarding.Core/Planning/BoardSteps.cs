using Onboarding.Core.Configuration;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>
/// GitHub: a turnup issue put on the team's project, in its column and, when the project has iterations, the next one
/// that has not started. Keyed by project and issue; planned only while the issue is on no item with a column, so an
/// item someone moved stays where it was put.
/// </summary>
/// <param name="Existing">The issue when it exists; null when this apply opens it (its node id then comes from the run).</param>
/// <param name="Board">The project as read; null in a plan made without the services (nothing is then applied).</param>
/// <param name="Iteration">The iteration to set; null leaves it unset (none configured, none to come, or already set).</param>
/// <param name="OnBoard">The issue already has an item without a column (a run was cut off after adding it).</param>
public sealed record PlaceOnBoard(
    TurnupIssue Issue, ObservedIssue? Existing, BoardSettings Project, ObservedBoard? Board, string Column, ProjectIteration? Iteration, bool OnBoard) : PlanStep
{
    public override StepKind Kind => StepKind.Schedule;

    public override string Service => "github";

    public override string Target => $"{(Existing is { Number: > 0 } issue ? $"#{issue.Number} " : "")}{Issue.Title} on {BoardName}";

    public override string Key => $"github:project:{Project.Owner}/{Project.Number}:{Issue.Key}";

    public override IReadOnlyList<FieldChange> Changes =>
    [
        .. OnBoard ? Array.Empty<FieldChange>() : [new FieldChange("project", null, BoardName)],
        new FieldChange("status", null, Column),
        .. IterationChange is { } iteration ? [iteration] : Array.Empty<FieldChange>(),
    ];

    /// <summary>"the Engineering board (example-org project 1)"; the project's number alone when it was not read.</summary>
    public string BoardName => Board is null ? Project.Name : $"the {Board.Title} board ({Project.Name})";

    /// <summary>Which iteration, with its dates; or why none is set. Null when the configuration names no iteration field.</summary>
    private FieldChange? IterationChange => (Iteration, Board) switch
    {
        ({ } iteration, _) => new FieldChange("iteration", null, iteration.ToString()),
        (null, null) when Project.IterationField is not null => new FieldChange("iteration", null, "the next one that has not started (read at apply)"),
        (null, { IterationFieldId: not null }) when !OnBoard => new FieldChange("iteration", null, "none: the project plans no iteration that has not started"),
        _ => null,
    };

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Plans the board steps of one community: each open turnup issue that is not placed yet.</summary>
internal static class BoardPlanner
{
    /// <param name="today">Which iteration is next; without it (offline, drift) the plan says it is chosen at apply.</param>
    public static IEnumerable<PlaceOnBoard> Steps(DesiredCommunity desired, ObservedCommunity observed, BoardSettings project, DateOnly? today)
    {
        foreach (var issue in desired.Issues)
        {
            var existing = observed.Issues.GetValueOrDefault(issue.Key);
            // A closed issue is done with; an item with a column (or archived) is people's to move.
            if (existing is { Open: false })
                continue;
            var item = observed.BoardItems.GetValueOrDefault(issue.Key);
            if (item is { Placed: true })
                continue;

            var board = observed.Board;
            var iteration = board is { IterationFieldId: not null } && item?.Iteration is null && today is { } day ? board.NextIteration(day) : null;
            yield return new PlaceOnBoard(issue, existing, project, board, project.ColumnFor((int)issue.Phase, issue.Ready), iteration, OnBoard: item is not null);
        }
    }
}

using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Planning;

/// <summary>Issue #20: which turnup issues go on the board, to which column and iteration, and what the plan says of it.</summary>
public sealed class BoardPlannerTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly BoardSettings Project = new("example-org", 1) { Column = "Refined", WaitingColumn = "Waiting", IterationField = "Iteration" };

    private static readonly OnboardingSettings WithBoard = new() { GitHub = new GitHubSettings { Project = Project } };

    private static readonly ObservedBoard Board = new(
        "PVT_1",
        "Engineering",
        new Uri("https://github.com/orgs/example-org/projects/1"),
        CanUpdate: true,
        "PVTSSF_status",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Refined"] = "aa", ["Waiting"] = "bb", ["Hub setup"] = "cc" },
        "PVTIF_iteration",
        [
            new ProjectIteration("it2", "Iteration 2", new DateOnly(2026, 11, 9), 14),
            new ProjectIteration("it3", "Iteration 3", new DateOnly(2026, 11, 23), 14),
            new ProjectIteration("it4", "Iteration 4", new DateOnly(2026, 12, 7), 14),
            new ProjectIteration("it5", "Iteration 5", new DateOnly(2026, 12, 21), 14),
        ]);

    [Fact]
    public void Plan_NewIssues_EachGoesOnTheBoardAfterTheIssuesAreOpened_InTheNextIteration()
    {
        // Given a new community and the board read
        var document = Document(ManifestText.Valid());

        // When
        var plan = PlanWith(document, ObservedCommunity.Empty with { Board = Board });

        // Then the three issues of its new cluster are opened, then each is put in Refined and the iteration that starts after today
        var github = plan.Steps.Where(s => s.Service == "github").ToList();
        github.Select(s => s.Kind).ShouldBe([.. Enumerable.Repeat(StepKind.OpenIssue, 3), .. Enumerable.Repeat(StepKind.Schedule, 3)]);
        var first = github[3].ShouldBeOfType<PlaceOnBoard>();
        first.Key.ShouldBe("github:project:example-org/1:github:issue:alpha:cluster:alpha:phase-1");
        first.Target.ShouldBe("[New Hub] [Phase 1] Cloud Account Setup - The alpha community on the Engineering board (example-org project 1)");
        first.Changes.ShouldBe([
            new FieldChange("project", null, "the Engineering board (example-org project 1)"),
            new FieldChange("status", null, "Refined"),
            new FieldChange("iteration", null, "Iteration 4 (2026-12-07 to 2026-12-20)"),
        ]);
    }

    [Fact]
    public void Plan_NotReadyIssues_GoToTheWaitingColumn_AndAPhaseColumnCountsOtherwise()
    {
        // Given a community without a technical contact (phase 1 is NOT READY) that asks for a sync chat, and phases 0 and 3
        // with a column of their own
        var document = Document(ManifestText.Valid().Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal) + "sync_chat: true\n");
        var settings = new OnboardingSettings { GitHub = new GitHubSettings { Project = Project with { PhaseColumns = new Dictionary<int, string> { [0] = "Hub setup", [3] = "Hub setup" } } } };

        // When
        var plan = PlanWith(document, ObservedCommunity.Empty with { Board = Board }, settings);

        // Then the NOT READY phase 1 waits; the ready ones go to their phase's column, or the usual one
        plan.Steps.OfType<PlaceOnBoard>().Select(s => $"{(int)s.Issue.Phase} {s.Column}").ShouldBe(["0 Hub setup", "1 Waiting", "2 Refined", "3 Hub setup"]);
    }

    [Fact]
    public void Plan_ItemsOnTheBoard_AreLeftWherePeoplePutThem_ButOneWithoutAColumnIsPlaced()
    {
        // Given the issues of a community that asked for a sync chat open, phase 0 moved to In Progress, phase 1 archived,
        // phase 2 closed, phase 3 on the board with an iteration but no column (a run was cut off between the two)
        var document = Document(ManifestText.Valid() + "sync_chat: true\n");
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var issues = applied.Issues.ToDictionary(i => i.Key, i => i.Value with { NodeId = "I_" + i.Key[^1] }, StringComparer.Ordinal);
        const string cluster = "github:issue:alpha:cluster:alpha:", request = cluster + "request:2026-01-15:";
        issues[cluster + "phase-2"] = issues[cluster + "phase-2"] with { Open = false };
        var observed = applied with
        {
            Board = Board,
            Issues = issues,
            BoardItems = new Dictionary<string, ObservedBoardItem>
            {
                [request + "phase-0"] = new("PVTI_0", false, "In Progress", "Iteration 3"),
                [cluster + "phase-1"] = new("PVTI_1", true, null, null),
                [request + "phase-3"] = new("PVTI_3", false, null, "Iteration 3"),
            },
        };

        // When
        var plan = PlanWith(document, observed);

        // Then only phase 3 is planned: its column, not its iteration, and it is not added again
        var step = plan.Steps.ShouldHaveSingleItem().ShouldBeOfType<PlaceOnBoard>();
        step.Issue.Phase.ShouldBe(TurnupPhase.HubSetup);
        step.Changes.ShouldBe([new FieldChange("status", null, "Refined")]);
        step.Existing!.NodeId.ShouldBe("I_3");
    }

    [Fact]
    public void Plan_Offline_SaysTheIterationIsChosenAtApply_AndIssuesAppliedBeforeAreNotPlannedAgain()
    {
        // Given no live read: a new manifest, and one whose base version was applied
        var document = Document(ManifestText.Valid());

        // When
        var fresh = Planner.Plan(document, Desired(document), ObservedCommunity.Empty, Allowed(document), WithBoard);
        var again = Planner.Plan(document, Desired(document), ObservedCommunity.AsApplied(Desired(document)), Allowed(document), WithBoard);

        // Then
        fresh.Steps.OfType<PlaceOnBoard>().First().Changes.ShouldBe([
            new FieldChange("project", null, "example-org project 1"),
            new FieldChange("status", null, "Refined"),
            new FieldChange("iteration", null, "the next one that has not started (read at apply)"),
        ]);
        again.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_NoIterationToCome_SaysSo()
    {
        // Given a board whose last iteration has started
        var document = Document(ManifestText.Valid());
        var board = Board with { Iterations = [.. Board.Iterations.Where(i => i.Start <= Today)] };

        // When
        var plan = PlanWith(document, ObservedCommunity.Empty with { Board = board });

        // Then
        plan.Steps.OfType<PlaceOnBoard>().First().Changes[^1].ShouldBe(new FieldChange("iteration", null, "none: the project plans no iteration that has not started"));
    }

    [Fact]
    public void Render_BoardSteps_ReadAsPuttingOnTheBoard()
    {
        // Given
        var document = Document(ManifestText.Valid());
        var plan = new Plan(true, [], [PlanWith(document, ObservedCommunity.Empty with { Board = Board })]);

        // When
        var text = PlanRenderer.Text(plan);
        var markdown = PlanRenderer.Markdown(plan);

        // Then
        text.ShouldContain("  + github put on board [New Hub] [Phase 1] Cloud Account Setup - The alpha community on the Engineering board (example-org project 1)\n"
            + "      project: (none) -> the Engineering board (example-org project 1)\n"
            + "      status: (none) -> Refined\n"
            + "      iteration: (none) -> Iteration 4 (2026-12-07 to 2026-12-20)\n");
        markdown.ShouldContain("| 13 | github | put on board | \\[New Hub\\] \\[Phase 1\\] Cloud Account Setup - The alpha community on the Engineering board \\(example-org project 1\\) | "
            + "project: — → the Engineering board \\(example-org project 1\\); status: — → Refined; iteration: — → Iteration 4 \\(2026-12-07 to 2026-12-20\\) |");
    }

    private static CommunityPlan PlanWith(Onboarding.Core.Manifests.ManifestDocument document, ObservedCommunity observed, OnboardingSettings? settings = null) =>
        Planner.Plan(document, Desired(document), observed, Allowed(document), settings ?? WithBoard, Today);
}

using Onboarding.Core.Apply;
using Onboarding.Core.Planning;

namespace Onboarding.Core.Tests.Apply;

/// <summary>What the merged pull request's comment and the commit's status say after apply.</summary>
public sealed class OutcomeCommentTests
{
    [Fact]
    public void PullRequestComment_CommunityFailed_SaysWhyAndMentionsTheBdOwner()
    {
        // Given alpha failed on Freshdesk and beta was applied, with its issue
        var report = new ApplyReport([], [
            new CommunityResult("alpha", "communities/alpha.yaml", CommunityOutcome.Failed, [], "Could not send the email: Freshdesk failed with 503.") { BdOwner = "kmensah" },
            new CommunityResult("beta", "communities/beta.yaml", CommunityOutcome.Applied,
                [new StepResult(StepKind.OpenIssue, "github", "[New Hub] [Phase 1] beta", "github:issue:beta", false, "https://github.com/example-org/infrastructure/issues/7")], null),
        ]);

        // When
        var comment = ApplyReportRenderer.PullRequestComment(report, "https://github.com/example-org/communities/actions/runs/9");
        var (state, description) = ApplyReportRenderer.CommitStatus(report);

        // Then
        comment.ShouldStartWith("<!-- onboarding:apply -->\n## Onboarding apply: Applied 1 change in 2 communities. 1 community failed.");
        comment.ShouldContain("- ❌ **alpha**: failed: Could not send the email: Freshdesk failed with 503.. BD owner: @kmensah");
        comment.ShouldContain("- ✅ **beta**: 1 change made ([\\[New Hub\\] \\[Phase 1\\] beta](https://github.com/example-org/infrastructure/issues/7))");
        comment.ShouldContain("[The apply run](https://github.com/example-org/communities/actions/runs/9) has the full report.");
        state.ShouldBe("failure");
        description.ShouldBe("Applied 1 change in 2 communities. 1 community failed.");
    }

    [Theory]
    [InlineData(CommunityOutcome.Held, "pending")]
    [InlineData(CommunityOutcome.Applied, "success")]
    [InlineData(CommunityOutcome.NotAttempted, "failure")]
    public void CommitStatus_Outcome_GivesTheState(CommunityOutcome outcome, string expected)
    {
        var report = new ApplyReport([], [new CommunityResult("alpha", "communities/alpha.yaml", outcome, [], outcome == CommunityOutcome.Applied ? null : "held back: x")]);

        ApplyReportRenderer.CommitStatus(report).State.ShouldBe(expected);
    }

    [Fact]
    public void CommitStatus_ManyOutcomes_DescriptionFitsGitHubsLimit()
    {
        var report = new ApplyReport([], [
            .. Enumerable.Range(0, 3).Select(i => new CommunityResult($"c{i}", $"communities/c{i}.yaml", CommunityOutcome.Failed, [], "x")),
            .. Enumerable.Range(3, 3).Select(i => new CommunityResult($"c{i}", $"communities/c{i}.yaml", CommunityOutcome.NotAttempted, [], "x")),
            .. Enumerable.Range(6, 3).Select(i => new CommunityResult($"c{i}", $"communities/c{i}.yaml", CommunityOutcome.Held, [], "x")),
            .. Enumerable.Range(9, 3).Select(i => new CommunityResult($"c{i}", $"communities/c{i}.yaml", CommunityOutcome.Paused, [], "x")),
        ]);

        var description = ApplyReportRenderer.CommitStatus(report).Description;

        ApplyReportRenderer.Summary(report).Length.ShouldBeGreaterThan(140);
        description.Length.ShouldBe(140);
        description.ShouldEndWith("...");
    }
}

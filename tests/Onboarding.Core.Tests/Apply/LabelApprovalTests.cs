using Onboarding.Core.Apply;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Tests.Apply;

public sealed class LabelApprovalTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static LabelEvent Added(string actor, string label = ChangeGuard.ApprovalLabel) => new(true, label, actor, At);

    private static LabelEvent Removed(string actor, string label = ChangeGuard.ApprovalLabel) => new(false, label, actor, At);

    [Fact]
    public void Approver_AddedRemovedAndAddedAgain_IsWhoeverAddedItLast()
    {
        var approver = LabelApproval.Approver([Added("bd-lead"), Added("someone", "documentation"), Removed("bd-lead"), Added("mallory")], ChangeGuard.ApprovalLabel);

        approver.ShouldBe("mallory");
    }

    [Fact]
    public void Approver_RemovedLast_IsNobody()
    {
        var approver = LabelApproval.Approver([Added("bd-lead"), Removed("bd-lead")], ChangeGuard.ApprovalLabel);

        approver.ShouldBeNull();
    }

    [Theory]
    [InlineData("bd-lead", "write", "maintain", true)]
    [InlineData("owner", "admin", "admin", true)]
    [InlineData("triager", "read", "triage", false)]
    [InlineData("bd-colleague", "write", "write", false)]
    public async Task JudgeAsync_WhoAddedTheLabel_DecidesTheApproval(string actor, string permission, string role, bool approved)
    {
        // Given a pull request opened by bd-colleague, labelled by the actor
        var pull = new MergedPullRequest(7, [ChangeGuard.ApprovalLabel], new Uri("https://github.com/example-org/onboarding/pull/7")) { Author = "bd-colleague" };

        // When
        var approval = await LabelApproval.JudgeAsync(
            pull,
            _ => Task.FromResult<IReadOnlyList<LabelEvent>>([Added(actor)]),
            (login, _) => Task.FromResult(new CollaboratorAccess(login, permission, role)),
            (_, _) => throw new InvalidOperationException("a pull request not made from an issue has no issue to ask about"));

        // Then
        approval.Approved.ShouldBe(approved, approval.Why);
    }

    [Theory]
    [InlineData("kmensah", false)]
    [InlineData("bd-lead", true)]
    public async Task JudgeAsync_PullRequestMadeFromAnIssue_WhoFiledItCannotApproveIt(string actor, bool approved)
    {
        // Given a pull request the bot opened from issue #12, which kmensah (a maintainer too) filed
        var pull = new MergedPullRequest(7, [ChangeGuard.ApprovalLabel], new Uri("https://github.com/example-org/onboarding/pull/7"))
        {
            Author = "onboarding-bot[bot]",
            FromIssue = 12,
        };

        // When the label was added by the actor, who may maintain the repository
        var approval = await LabelApproval.JudgeAsync(
            pull,
            _ => Task.FromResult<IReadOnlyList<LabelEvent>>([Added(actor)]),
            (login, _) => Task.FromResult(new CollaboratorAccess(login, "write", "maintain")),
            (issue, _) => Task.FromResult(issue == 12 ? "kmensah" : "someone-else"));

        // Then
        approval.Approved.ShouldBe(approved, approval.Why);
        if (!approved)
            approval.Why.ShouldContain("who filed issue #12 the pull request was made from");
    }
}

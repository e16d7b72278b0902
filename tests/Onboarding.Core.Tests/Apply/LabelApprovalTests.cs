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
            (login, _) => Task.FromResult(new CollaboratorAccess(login, permission, role)));

        // Then
        approval.Approved.ShouldBe(approved, approval.Why);
    }
}

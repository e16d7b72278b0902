using System.Text;
using Onboarding.Core.Authoring;

namespace Onboarding.Core.Tests.Authoring;

public sealed class ReviewCheckTests
{
    private const string Head = "1111111111111111111111111111111111111111";
    private const string Earlier = "2222222222222222222222222222222222222222";

    /// <summary>A pull request the from-issue workflow opened, with the bot as its author, from issue #12.</summary>
    private static readonly ReviewedPullRequest FromForm = new(40, "onboarding-app[bot]", Head, "onboarding/issue-12", FromThisRepository: true);

    private static PullRequestReview Review(string reviewer, string state, string? commit = Head, long id = 1) => new(id, reviewer, state, commit);

    [Fact]
    public void Judge_FormRequestApprovedOnlyByWhoFiledTheIssue_Fails()
    {
        // Given a code owner who filed the request and approved "the bot's" pull request
        var reviews = new[] { Review("rosa", "APPROVED") };

        // When
        var verdict = ReviewCheck.Judge(FromForm, "rosa", reviews);

        // Then
        verdict.Passed.ShouldBeFalse();
        verdict.Sentence.ShouldBe("Needs an approval of the latest commit (1111111) by someone other than @rosa, who filed issue #12 this pull request was made from, and @onboarding-app[bot], who opened it: the approval of @rosa does not count, as the author.");
    }

    [Fact]
    public void Judge_FormRequestApprovedBySomeoneElseAtTheHead_Passes()
    {
        var verdict = ReviewCheck.Judge(FromForm, "rosa", [Review("rosa", "APPROVED", id: 1), Review("jun", "APPROVED", id: 2)]);

        verdict.Passed.ShouldBeTrue();
        verdict.Sentence.ShouldBe("Approved at the latest commit (1111111) by @jun, who did not write it (the author is @rosa, who filed issue #12 this pull request was made from, and @onboarding-app[bot], who opened it).");
    }

    [Fact]
    public void Judge_ApprovalOfAnEarlierCommit_Fails()
    {
        // Given an approval, then a new commit (the issue was edited)
        var verdict = ReviewCheck.Judge(FromForm, "rosa", [Review("jun", "APPROVED", Earlier)]);

        verdict.Passed.ShouldBeFalse();
        verdict.Sentence.ShouldEndWith("@jun approved an earlier commit (2222222), and what changed since needs a new approval.");
    }

    [Theory]
    [InlineData("CHANGES_REQUESTED")]
    [InlineData("DISMISSED")]
    public void Judge_ApprovalLaterWithdrawn_Fails(string later)
    {
        var verdict = ReviewCheck.Judge(FromForm, "rosa", [Review("jun", "APPROVED", id: 1), Review("jun", later, id: 2)]);

        verdict.Passed.ShouldBeFalse();
        verdict.Sentence.ShouldEndWith("nobody has approved it yet.");
    }

    [Fact]
    public void Judge_CommentAfterAnApproval_StillPasses()
    {
        var verdict = ReviewCheck.Judge(FromForm, "rosa", [Review("jun", "APPROVED", id: 1), Review("jun", "COMMENTED", id: 2)]);

        verdict.Passed.ShouldBeTrue();
    }

    [Fact]
    public void Judge_ApprovalByAnApp_DoesNotCount()
    {
        var verdict = ReviewCheck.Judge(FromForm, "rosa", [Review("github-actions[bot]", "APPROVED")]);

        verdict.Passed.ShouldBeFalse();
        verdict.Sentence.ShouldEndWith("the approval of @github-actions[bot] does not count, as an app.");
    }

    [Fact]
    public void Judge_PullRequestNotFromTheForm_ItsAuthorIsTheAuthor()
    {
        // Given a pull request someone opened by hand, approved by themselves (case differs) and by nobody else
        var byHand = new ReviewedPullRequest(41, "Jun", Head, "update-tidepool", FromThisRepository: true);

        var own = ReviewCheck.Judge(byHand, null, [Review("jun", "APPROVED")]);
        var other = ReviewCheck.Judge(byHand, null, [Review("jun", "APPROVED", id: 1), Review("rosa", "APPROVED", id: 2)]);

        own.Passed.ShouldBeFalse();
        own.Sentence.ShouldBe("Needs an approval of the latest commit (1111111) by someone other than @Jun, who opened it: the approval of @jun does not count, as the author.");
        other.Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("onboarding/issue-12", true, 12)]
    [InlineData("onboarding/issue-12", false, null)]
    [InlineData("onboarding/issue-012", true, null)]
    [InlineData("onboarding/issue-12x", true, null)]
    [InlineData("onboarding/issue-", true, null)]
    [InlineData("feature/onboarding/issue-12", true, null)]
    public void IssueOf_Branch_IsTheFormsIssueOnlyForItsOwnBranchName(string branch, bool sameRepository, int? expected)
    {
        ReviewCheck.IssueOf(FromForm with { HeadRef = branch, FromThisRepository = sameRepository }).ShouldBe(expected);
    }

    [Fact]
    public void Parse_PullRequestReviewEvent_ReadsTheAuthorHeadAndRepository()
    {
        // Given the parts of a pull_request_review event the check reads
        var payload = """
            {"action":"submitted","review":{"id":9,"state":"approved"},
             "pull_request":{"number":40,"user":{"login":"onboarding-app[bot]"},
               "head":{"ref":"onboarding/issue-12","sha":"1111111111111111111111111111111111111111","repo":{"full_name":"example-org/communities"}},
               "base":{"ref":"main","repo":{"full_name":"Example-Org/communities"}}}}
            """;

        // When
        var (pull, problem) = ReviewedPullRequest.Parse(Encoding.UTF8.GetBytes(payload));

        // Then
        problem.ShouldBeNull();
        pull.ShouldBe(FromForm);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"action":"opened","issue":{"number":1}}""")]
    [InlineData("""{"pull_request":{"number":1,"user":{"login":"a"},"head":{"ref":"x"}}}""")]
    public void Parse_NotAPullRequestEvent_SaysSo(string payload)
    {
        var (pull, problem) = ReviewedPullRequest.Parse(Encoding.UTF8.GetBytes(payload));

        pull.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldStartWith("the event file is not");
    }
}

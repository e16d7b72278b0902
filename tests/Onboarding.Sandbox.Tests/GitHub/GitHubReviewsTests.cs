using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.GitHub;
using Onboarding.Services.GitHub;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>Reviews of pull requests in the emulator, as GitHub's description has them, and the client that reads them.</summary>
public sealed class GitHubReviewsTests
{
    private const string Repo = "repos/example-org/infrastructure";
    private const string ReviewerToken = "ghp_sandboxReviewerToken0000000000000000";

    private static GitHubSeed Seed() => new GitHubSeed() with
    {
        Tokens = [.. new GitHubSeed().Tokens, new GitHubTokenSeed(ReviewerToken, "jun")],
        Repositories =
        [
            new GitHubRepositorySeed
            {
                Issues = [new GitHubIssueSeed("New community") { Author = "rosa" }],
                PullRequests = [new GitHubPullRequestSeed("Add community") { Author = "onboarding-bot", HeadRef = "onboarding/issue-1" }],
            },
        ],
    };

    [Fact]
    public async Task CreateAndListReviews_ApprovalAndComment_ListedOldestFirstOnTheHeadCommit()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var jun = sandbox.Raw(ReviewerToken);

        // When jun comments, then approves
        using var comment = await jun.PostAsJsonAsync($"{Repo}/pulls/2/reviews", new { @event = "COMMENT", body = "Looks right." });
        using var approval = await jun.PostAsJsonAsync($"{Repo}/pulls/2/reviews", new { @event = "APPROVE" });
        var reviews = (await sandbox.Raw().GetFromJsonAsync<JsonArray>($"{Repo}/pulls/2/reviews"))!;
        var pull = (await sandbox.Raw().GetFromJsonAsync<JsonObject>($"{Repo}/pulls/2"))!;

        // Then
        comment.StatusCode.ShouldBe(HttpStatusCode.OK);
        approval.StatusCode.ShouldBe(HttpStatusCode.OK);
        reviews.Select(r => (string)r!["state"]!).ShouldBe(["COMMENTED", "APPROVED"]);
        reviews.ShouldAllBe(r => (string)r!["user"]!["login"]! == "jun");
        reviews.ShouldAllBe(r => (string)r!["commit_id"]! == (string)pull["head"]!["sha"]!);
        sandbox.ShouldAllMatchTheContract();
    }

    [Theory]
    [InlineData("ghp_sandboxOnboardingToken000000000000", """{"event":"APPROVE"}""", "Can not approve your own pull request")]
    [InlineData(ReviewerToken, """{"event":"REQUEST_CHANGES"}""", "Body is required when the event is REQUEST_CHANGES")]
    [InlineData(ReviewerToken, """{"event":"APPROVE","commit_id":"0000000000000000000000000000000000000000"}""", "commit_id is not part of the pull request")]
    public async Task CreateReview_AgainstGitHubsRules_Refused(string token, string body, string message)
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());

        // When
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await sandbox.Raw(token).PostAsync($"{Repo}/pulls/2/reviews", content);

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task ListReviewsAndIssueAuthor_TheClient_ReadsWhatTheReviewCheckNeeds()
    {
        // Given an approval
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        using var approval = await sandbox.Raw(ReviewerToken).PostAsJsonAsync($"{Repo}/pulls/2/reviews", new { @event = "APPROVE" });
        var client = sandbox.Client();

        // When
        var reviews = await client.ListReviewsAsync(2);
        var author = await client.GetIssueAuthorAsync(1);

        // Then
        var review = reviews.ShouldHaveSingleItem();
        review.Reviewer.ShouldBe("jun");
        review.State.ShouldBe("APPROVED");
        review.CommitId.ShouldNotBeNullOrEmpty();
        author.ShouldBe("rosa");
        sandbox.ShouldAllMatchTheContract();
    }
}

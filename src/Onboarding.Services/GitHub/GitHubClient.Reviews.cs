using Octokit;
using Review = Onboarding.Core.Authoring.PullRequestReview;

namespace Onboarding.Services.GitHub;

/// <summary>What the review check reads: a pull request's reviews and who filed an issue.</summary>
public sealed partial class GitHubClient
{
    /// <summary>The most reviews read from one pull request (pages of 100).</summary>
    private const int MaxReviewPages = 10;

    /// <summary>Every review of pull request <paramref name="number"/>, oldest first (<c>GET /repos/{o}/{r}/pulls/{n}/reviews</c>).</summary>
    public Task<IReadOnlyList<Review>> ListReviewsAsync(int number, CancellationToken cancellationToken = default) =>
        CallAsync($"list the reviews of pull request #{number} in {Repo}", idempotent: true, async () =>
        {
            var options = new ApiOptions { PageSize = PageSize, PageCount = MaxReviewPages, StartPage = 1 };
            var reviews = await _github.PullRequest.Review.GetAll(_options.Owner, _options.Repository, number, options);
            return (IReadOnlyList<Review>)[.. reviews.Select(r => new Review(r.Id, r.User?.Login ?? "", r.State.StringValue.ToUpperInvariant(), r.CommitId))];
        }, cancellationToken);

    /// <summary>The login of whoever filed issue <paramref name="number"/>.</summary>
    public Task<string> GetIssueAuthorAsync(int number, CancellationToken cancellationToken = default) =>
        CallAsync($"read who filed issue #{number} in {Repo}", idempotent: true, async () =>
            (await _github.Issue.Get(_options.Owner, _options.Repository, number)).User?.Login ?? "", cancellationToken);
}

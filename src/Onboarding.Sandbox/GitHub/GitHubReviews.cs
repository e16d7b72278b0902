using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.GitHub.GitHubStore;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// Reviews of pull requests: listed oldest first, and given (approve, request changes, comment, or pending without an
/// event). As on GitHub, nobody approves or requests changes on their own pull request, a request for changes or a
/// comment needs a body, and a review is given on the head commit unless it names another commit of the pull request.
/// </summary>
internal sealed class GitHubReviews(GitHubStore store)
{
    public EmulatorResponse List(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, int page, int perPage)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        var pull = issue.PullRequest ?? throw GitHubProblem.NotFound();
        return Page(pull.Reviews.OrderBy(r => r.Id).ToList(), page, perPage, r => Render(urls, repo, issue, r));
    }

    public EmulatorResponse Create(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, JsonObject body)
    {
        var repo = store.Repo(caller, owner, name);
        var issue = IssueIn(repo, number);
        var pull = issue.PullRequest ?? throw GitHubProblem.NotFound();
        var text = ReadString(body, "body", "PullRequestReview") ?? "";
        CheckBody(text, "PullRequestReview");
        var action = ReadString(body, "event", "PullRequestReview");
        var state = action switch
        {
            null or "" => "PENDING",
            "APPROVE" => "APPROVED",
            "REQUEST_CHANGES" => "CHANGES_REQUESTED",
            "COMMENT" => "COMMENTED",
            _ => throw GitHubProblem.Invalid(("PullRequestReview", "event", "invalid", null)),
        };
        if (state is "CHANGES_REQUESTED" or "COMMENTED" && text.Length == 0)
            throw GitHubProblem.Invalid(("PullRequestReview", "body", "custom", $"Body is required when the event is {action}"));
        if (state is "APPROVED" or "CHANGES_REQUESTED" && string.Equals(caller.Login, issue.Author, StringComparison.OrdinalIgnoreCase))
        {
            var what = state == "APPROVED" ? "approve" : "request changes on";
            throw GitHubProblem.Invalid(("PullRequestReview", "event", "custom", $"Can not {what} your own pull request"));
        }

        // The emulator keeps no history of commits: the head is the only commit of the pull request it knows.
        var commit = ReadString(body, "commit_id", "PullRequestReview") ?? pull.HeadSha;
        if (!string.Equals(commit, pull.HeadSha, StringComparison.OrdinalIgnoreCase))
            throw GitHubProblem.Invalid(("PullRequestReview", "commit_id", "custom", "commit_id is not part of the pull request"));

        var review = new GitHubReviewState
        {
            Id = store.State.NextId++,
            Reviewer = caller.Login!,
            State = state,
            Body = text,
            CommitId = pull.HeadSha,
            SubmittedAt = state == "PENDING" ? null : store.Now,
        };
        pull.Reviews.Add(review);
        issue.UpdatedAt = store.Now;
        return new EmulatorResponse(200, Render(urls, repo, issue, review)) { Changed = true };
    }

    private JsonObject Render(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue, GitHubReviewState review)
    {
        var pullApi = $"{GitHubJson.RepoApi(urls, repo)}/pulls/{issue.Number}";
        var html = $"{GitHubJson.RepoWeb(urls, repo)}/pull/{issue.Number}#pullrequestreview-{review.Id}";
        var json = new JsonObject
        {
            ["id"] = review.Id,
            ["node_id"] = GitHubJson.NodeId("PullRequestReview", review.Id),
            ["user"] = GitHubJson.User(urls, store.UserOf(review.Reviewer)),
            ["body"] = review.Body,
            ["state"] = review.State,
            ["html_url"] = html,
            ["pull_request_url"] = pullApi,
            ["_links"] = new JsonObject
            {
                ["html"] = new JsonObject { ["href"] = html },
                ["pull_request"] = new JsonObject { ["href"] = pullApi },
            },
            ["commit_id"] = review.CommitId,
            ["author_association"] = store.Association(repo, review.Reviewer),
        };
        if (review.SubmittedAt is { } at)
            json["submitted_at"] = GitHubJson.Time(at);
        return json;
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Sandbox;
using Onboarding.Sandbox.GitHub;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// <c>onboarding review-check</c> against the sandbox's GitHub: a pull request made from the form passes only once
/// someone other than whoever filed the issue approved its latest commit.
/// </summary>
public sealed class ReviewCheckCommandTests
{
    private const string EventPath = "/runner/event.json";
    private const string Repository = "example-org/onboarding";
    private const string Bot = "onboarding-app[bot]";
    private const string FiledBy = "rosa";
    private const string RosaToken = "ghp_sandboxRosaToken000000000000000000000";
    private const string JunToken = "ghp_sandboxJunToken0000000000000000000000";

    [Fact]
    public async Task ReviewCheck_FormRequestApprovedByWhoFiledIt_FailsUntilSomeoneElseApprovesTheLatestCommit()
    {
        // Given issue #1 filed by rosa, and pull request #2 the bot made from it
        await using var harness = await ApplyHarness.StartAsync(new SandboxOptions { GitHub = Seed() });
        using var rosa = Reviewer(harness, RosaToken);
        using var jun = Reviewer(harness, JunToken);

        // When rosa, a code owner, approves "the bot's" change alone
        (await ApproveAsync(rosa)).ShouldBe(System.Net.HttpStatusCode.OK);
        var alone = Run(harness);

        // Then the check fails and says why
        alone.Exit.ShouldBe(1, alone.Out + alone.Error);
        alone.Out.ShouldContain("by someone other than @rosa, who filed issue #1 this pull request was made from, and @onboarding-app[bot], who opened it: the approval of @rosa does not count, as the author.");

        // When jun approves the same commit
        (await ApproveAsync(jun)).ShouldBe(System.Net.HttpStatusCode.OK);
        var approved = Run(harness);

        // Then it passes
        approved.Exit.ShouldBe(0, approved.Out + approved.Error);
        approved.Out.ShouldContain("Approved at the latest commit");
        approved.Out.ShouldContain("by @jun");

        // When the issue is edited after the approval, and the branch gets a new commit
        Store(harness).Change(s => s.Repositories.Single(r => r.Name == "onboarding").Issues.Single(i => i.Number == 2).PullRequest!.HeadSha = new string('e', 40));
        var edited = Run(harness);

        // Then jun's approval of the earlier commit no longer counts
        edited.Exit.ShouldBe(1, edited.Out + edited.Error);
        edited.Out.ShouldContain("@jun approved an earlier commit");
    }

    [Fact]
    public async Task ReviewCheck_NoToken_FailsWithASentence()
    {
        // Given
        await using var harness = await ApplyHarness.StartAsync(new SandboxOptions { GitHub = Seed() });
        var cli = new CliRun(harness.Clock);
        cli.Files.Add(EventPath, Event(harness).ToJsonString());

        // When
        var exit = cli.Invoke("review-check", "--event", EventPath);

        // Then
        exit.ShouldBe(1);
        cli.Error.ShouldBe("onboarding review-check: GITHUB_TOKEN (with pull-requests: read and issues: read) and GITHUB_REPOSITORY are needed to read the reviews; the check cannot pass without them.\n");
    }

    [Fact]
    public void ReviewCheck_AnIssuesEvent_IsAUsageError()
    {
        var cli = new CliRun();
        cli.Files.Add(EventPath, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "issues.opened.new-community.payload.json")));

        var exit = cli.Invoke("review-check", "--event", EventPath);

        exit.ShouldBe(2);
        cli.Error.ShouldContain("is not a GitHub pull_request or pull_request_review event");
    }

    private static GitHubSeed Seed()
    {
        var seed = SandboxSeeds.GitHub();
        return seed with
        {
            Tokens = [.. seed.Tokens, new GitHubTokenSeed(RosaToken, FiledBy), new GitHubTokenSeed(JunToken, "jun")],
            Repositories =
            [
                seed.Repositories[0],
                new GitHubRepositorySeed
                {
                    Name = "onboarding",
                    Issues = [new GitHubIssueSeed("New community: Tidal Flats", "### Short name\n\ntidalflats") { Author = FiledBy, Labels = ["new-community"] }],
                    PullRequests = [new GitHubPullRequestSeed("Add community tidalflats", "Closes #1.") { Author = Bot, HeadRef = "onboarding/issue-1" }],
                },
            ],
        };
    }

    private static GitHubStore Store(ApplyHarness harness) => ((GitHubEmulator)harness.Sandbox.GitHub.Emulator).Store;

    private static HttpClient Reviewer(ApplyHarness harness, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(harness.Sandbox.GitHub.BaseAddress, "api/v3/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("review-check-tests");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        return client;
    }

    private static async Task<System.Net.HttpStatusCode> ApproveAsync(HttpClient reviewer)
    {
        using var body = new StringContent("""{"event":"APPROVE"}""", Encoding.UTF8, "application/json");
        using var response = await reviewer.PostAsync(new Uri($"repos/{Repository}/pulls/2/reviews", UriKind.Relative), body, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>A pull_request_review event for pull request #2 as it is now.</summary>
    private static JsonObject Event(ApplyHarness harness)
    {
        var head = Store(harness).Read(s => s.Repositories.Single(r => r.Name == "onboarding").Issues.Single(i => i.Number == 2).PullRequest!.HeadSha);
        return new JsonObject
        {
            ["action"] = "submitted",
            ["pull_request"] = new JsonObject
            {
                ["number"] = 2,
                ["user"] = new JsonObject { ["login"] = Bot },
                ["head"] = new JsonObject { ["ref"] = "onboarding/issue-1", ["sha"] = head, ["repo"] = new JsonObject { ["full_name"] = Repository } },
                ["base"] = new JsonObject { ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = Repository } },
            },
        };
    }

    private static (int Exit, string Out, string Error) Run(ApplyHarness harness)
    {
        var cli = new CliRun(harness.Clock);
        cli.Files.Add(EventPath, Event(harness).ToJsonString());
        cli.Environment.Set("GITHUB_REPOSITORY", Repository)
            .Set("GITHUB_API_URL", harness.Sandbox.GitHub.BaseAddress.ToString())
            .Set("GITHUB_TOKEN", harness.Sandbox.Options.GitHub.Tokens[0].Token);
        var exit = cli.Invoke("review-check", "--event", EventPath);
        return (exit, cli.Out, cli.Error);
    }
}

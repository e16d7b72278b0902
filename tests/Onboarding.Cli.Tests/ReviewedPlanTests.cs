using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;
using Onboarding.Sandbox;
using Onboarding.Sandbox.GitHub;
using Onboarding.Services.GitHub;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// The reviewed plan is the applied plan: the plan comment of a pull request records what matters, and apply after the
/// merge holds what the reviewers did not see; then the outcome goes on the merged pull request and its commit. End to
/// end through the command line: the plan writes its comment on the sandbox's manifests repository, apply reads it.
/// </summary>
public sealed class ReviewedPlanTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;
    private const string ManifestsRepository = "example-org/communities";
    private const string RunUrl = "https://github.com/example-org/communities/actions/runs/4242";

    private static string Alpha => ManifestText.Valid(deal: Deal).Replace("website:", "owners:\n  bd: kmensah\nwebsite:", StringComparison.Ordinal);

    private static string Renamed => Alpha.Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal);

    private static string Deployed(string manifest) => manifest.Replace(
        "status: requested", "status: deployed\n    deployed: 2026-11-20\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal);

    [Fact]
    public async Task Apply_MergedPlanSendsAnEmailTheReviewedPlanDidNot_HoldsItUntilApproved()
    {
        // Given a pull request reviewed while it only renamed alpha, whose merged commit also marks the hub deployed
        await using var run = await Scenario.StartAsync(reviewed: Renamed, merged: Deployed(Renamed));

        // When apply runs after the merge, and again once someone approves
        var held = run.Apply();
        var approved = run.Apply("--allow-large-change");

        // Then the first run holds alpha and says what differs; the second sends the email
        held.Exit.ShouldBe(1, held.Out);
        held.Out.ShouldContain("alpha (communities/alpha.yaml): held back: the plan differs from the one reviewed on pull request #1: " +
            "the reviewed plan did not send the hub-available email for prod to tech.one@alpha.example.org");
        held.Out.ShouldNotContain("send email");
        held.Error.ShouldContain("onboarding apply: Refused: the plan differs from the one reviewed on pull request #1 for communities/alpha.yaml");
        approved.Exit.ShouldBe(0, approved.Error);
        approved.Out.ShouldContain("+ freshdesk send email hub-available email for prod to tech.one@alpha.example.org");
    }

    [Fact]
    public async Task Apply_MergedPlanDiffersOnlyInWhatDoesNotMatter_AppliesWithoutApproval()
    {
        // Given a pull request reviewed (offline) as it was merged: the hub marked deployed; apply's live plan also
        // adds BD's note and comment, which the offline plan knew nothing of
        await using var run = await Scenario.StartAsync(reviewed: Deployed(Alpha), merged: Deployed(Alpha));

        // When
        var applied = run.Apply();

        // Then
        applied.Exit.ShouldBe(0, applied.Out + applied.Error);
        applied.Out.ShouldContain("+ freshdesk send email hub-available email for prod to tech.one@alpha.example.org");
        applied.Out.ShouldContain("+ hubspot add note delivery note for prod on alpha and its deals");
        applied.Out.ShouldNotContain("held back");
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("foreign")]
    public async Task Apply_PlanCommentEditedOrWrittenBySomeoneElse_IsNotTrusted(string how)
    {
        // Given the pull request's plan comment, reviewed while it only renamed alpha, was edited by hand to record
        // the email as reviewed, or the only plan comment was written by another account
        await using var run = await Scenario.StartAsync(reviewed: Renamed, merged: Deployed(Renamed), planToken: how == "foreign" ? GitHubSeed.NoPushToken : null);
        if (how == "edited")
            await run.ForgeTheRecordAsync();

        // When
        var held = run.Apply();

        // Then the record does not count, and what matters is held
        held.Exit.ShouldBe(1, held.Out);
        held.Out.ShouldContain(how == "edited"
            ? "held back: no reviewed plan of pull request #1 can be trusted (the record of the reviewed plan in its plan comment was changed after the plan wrote it, so it is not trusted)"
            : "held back: no reviewed plan of pull request #1 can be trusted (its plan comment was written by another account than the one onboarding writes with, so it is not trusted)");
        held.Out.ShouldContain("the reviewed plan did not send the hub-available email for prod to tech.one@alpha.example.org");
    }

    [Fact]
    public async Task Apply_TwiceOnAMergedPullRequest_OneOutcomeCommentAndTheCommitStatus()
    {
        // Given a merged pull request whose apply is held, then approved
        await using var run = await Scenario.StartAsync(reviewed: Renamed, merged: Deployed(Renamed));

        // When
        run.Apply();
        var afterHeld = await run.OutcomeCommentsAsync();
        var pending = await run.StatusesAsync();
        run.Apply("--allow-large-change");

        // Then one comment, updated: first the hold naming the BD owner, then what was done, with links and the run
        var comment = (await run.OutcomeCommentsAsync()).ShouldHaveSingleItem();
        afterHeld.ShouldHaveSingleItem().Body.ShouldContain("**alpha**: held back: the plan differs from the one reviewed on pull request");
        afterHeld.Single().Body.ShouldContain("BD owner: @kmensah");
        comment.Id.ShouldBe(afterHeld.Single().Id);
        comment.Body.ShouldStartWith("<!-- onboarding:apply -->\n## Onboarding apply: Applied");
        comment.Body.ShouldContain("✅ **alpha**:");
        comment.Body.ShouldContain("[email](https://sandbox.freshdesk.com/a/tickets/");
        comment.Body.ShouldNotContain("@kmensah");
        comment.Body.ShouldContain($"[The apply run]({RunUrl})");
        pending.Count.ShouldBe(1);
        pending[0]!["state"]!.GetValue<string>().ShouldBe("pending");
        var latest = (await run.StatusesAsync())[0]!;
        latest["state"]!.GetValue<string>().ShouldBe("success");
        latest["context"]!.GetValue<string>().ShouldBe("onboarding/apply");
        latest["target_url"]!.GetValue<string>().ShouldBe(RunUrl);
    }

    /// <summary>
    /// Alpha applied once; then pull request #1 of the manifests repository, planned (offline, as the workflow does) at
    /// <c>reviewed</c>, and merged as the commit holding <c>merged</c>.
    /// </summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private readonly TempGitRepository _repo;
        private readonly ApplyHarness _harness;

        private Scenario(TempGitRepository repo, ApplyHarness harness)
        {
            _repo = repo;
            _harness = harness;
        }

        private string Token => _harness.Sandbox.Options.GitHub.Tokens[0].Token;

        public static async Task<Scenario> StartAsync(string reviewed, string merged, string? planToken = null)
        {
            var repo = new TempGitRepository();
            repo.Write("communities/alpha.yaml", Alpha);
            var start = repo.Commit("alpha");
            var first = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
            first.Exit.ShouldBe(0, first.Out + first.Error);
            var head = repo.Write("communities/alpha.yaml", reviewed).Commit("reviewed");
            var after = reviewed == merged ? head : repo.Write("communities/alpha.yaml", merged).Commit("merged");
            var (owner, name) = (ManifestsRepository.Split('/')[0], ManifestsRepository.Split('/')[1]);
            var harness = await ApplyHarness.StartAsync(new SandboxOptions
            {
                GitHub = new GitHubSeed
                {
                    Repositories = [new GitHubRepositorySeed { Owner = owner, Name = name, PullRequests = [new GitHubPullRequestSeed("Alpha") { Merged = true, MergeCommitSha = after }] }],
                },
            });
            var scenario = new Scenario(repo, harness);

            // The plan on the pull request, at its reviewed head, as validate.yml runs it
            var branch = repo.Git("rev-parse", "--abbrev-ref", "HEAD").Trim();
            repo.Git("checkout", "-q", head);
            repo.Write("pr.json", JsonSerializer.Serialize(new
            {
                action = "synchronize",
                pull_request = new
                {
                    number = 1,
                    head = new { repo = new { full_name = ManifestsRepository } },
                    @base = new { repo = new { full_name = ManifestsRepository } },
                },
            }));
            var plan = CliRun.InRepository(repo, scenario.Workflow(planToken).Set("GITHUB_EVENT_NAME", "pull_request").Set("GITHUB_EVENT_PATH", Path.Combine(repo.Root, "pr.json")),
                harness.Clock, "plan", "--base", start);
            plan.Exit.ShouldBe(0, plan.Out + plan.Error);
            repo.Git("checkout", "-q", branch);

            var push = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "push.with-new-branch.payload.json")))!;
            push["before"] = start;
            push["after"] = after;
            repo.Write("event.json", push.ToJsonString());
            return scenario;
        }

        /// <summary>Apply after the merge, as apply.yml runs it (with the workflow's token for the manifests repository).</summary>
        public (int Exit, string Out, string Error) Apply(params string[] extra) =>
            CliRun.InRepository(_repo, Workflow(null).Set("GITHUB_SERVER_URL", "https://github.com").Set("GITHUB_RUN_ID", "4242"), _harness.Clock, ["apply", "--sandbox", "--event", "event.json", .. extra]);

        /// <summary>Edits onboarding's own plan comment so that its record says the email was reviewed, keeping the digest.</summary>
        public async Task ForgeTheRecordAsync()
        {
            using var client = Client(Token);
            var comment = (await client.ListCommentsAsync(1)).Single(c => c.Body.Contains(PlanFingerprint.RecordPrefix, StringComparison.Ordinal));
            var line = comment.Body.Split('\n').Single(l => l.StartsWith(PlanFingerprint.RecordPrefix, StringComparison.Ordinal));
            var parts = line[PlanFingerprint.RecordPrefix.Length..^" -->".Length].Split(' ');
            var record = JsonNode.Parse(Convert.FromBase64String(parts[1]["record=".Length..]))!.AsObject();
            record["alpha"]!.AsArray().Add($"email|freshdesk:email:{HelpdeskTags.HubReady("alpha", "prod")}|tech.one@alpha.example.org");
            var forged = $"{PlanFingerprint.RecordPrefix}{parts[0]} record={Convert.ToBase64String(Encoding.UTF8.GetBytes(record.ToJsonString()))} -->";
            await client.UpdateCommentAsync(comment.Id, comment.Body.Replace(line, forged, StringComparison.Ordinal));
        }

        public async Task<IReadOnlyList<CommentRef>> OutcomeCommentsAsync()
        {
            using var client = Client(Token);
            return [.. (await client.ListCommentsAsync(1)).Where(c => c.Body.Contains("<!-- onboarding:apply -->", StringComparison.Ordinal))];
        }

        /// <summary>The merged commit's statuses, newest first.</summary>
        public async Task<JsonArray> StatusesAsync()
        {
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("onboarding-tests");
            var sha = _repo.Head();
            var url = new Uri(GitHubClient.ApiAddress(_harness.Sandbox.GitHub.BaseAddress), $"repos/{ManifestsRepository}/commits/{sha}/statuses");
            return JsonNode.Parse(await http.GetStringAsync(url, TestContext.Current.CancellationToken))!.AsArray();
        }

        public async ValueTask DisposeAsync()
        {
            await _harness.DisposeAsync();
            _repo.Dispose();
        }

        private GitHubClient Client(string token) =>
            new(new GitHubClientOptions(GitHubClientOptions.DefaultEndpoint(_harness.Sandbox.GitHub.BaseAddress), "example-org", "communities", token), _harness.Clock.Time);

        private FakeEnvironment Workflow(string? token) => new FakeEnvironment()
            .Set("GITHUB_ACTIONS", "true")
            .Set("GITHUB_STEP_SUMMARY", Path.Combine(_repo.Root, "summary.md"))
            .Set("GITHUB_API_URL", _harness.Sandbox.GitHub.BaseAddress.ToString())
            .Set("GITHUB_REPOSITORY", ManifestsRepository)
            .Set("GITHUB_TOKEN", token ?? Token);
    }
}

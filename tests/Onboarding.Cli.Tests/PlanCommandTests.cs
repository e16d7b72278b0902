using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Sandbox;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class PlanCommandTests
{
    private static readonly string Alpha = ManifestText.Valid();

    [Fact]
    public void Plan_NoCredentials_PlansFromManifestsAndSaysLiveChecksWereSkipped()
    {
        // Given a manifest and no secrets in the environment
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", Alpha);

        // When
        var exit = cli.Invoke("plan");

        // Then
        exit.ShouldBe(0);
        cli.Out.ShouldStartWith(Onboarding.Cli.Commands.PlanCommand.OfflineSentence + "\nLive checks were skipped: HUBSPOT_TOKEN, FRESHDESK_API_KEY, INFRA_GITHUB_TOKEN are not set");
        cli.Out.ShouldContain("alpha (communities/alpha.yaml): 12 changes");
        cli.Out.ShouldContain("deal 1001: stage not checked (no live check)");
        cli.Out.ShouldContain("+ hubspot create community alpha");
    }

    [Fact]
    public void Plan_UnderGitHubActions_GivesTheNumberOfChangesAsAStepOutput()
    {
        // Given a manifest whose plan has 12 changes, run as a workflow step (the runner names the output file)
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", Alpha);
        cli.Environment.Set("GITHUB_OUTPUT", "/runner/output.txt");

        // When
        var exit = cli.Invoke("plan");

        // Then the step output says 12, in the delimited form the runner reads
        exit.ShouldBe(0);
        cli.Out.ShouldContain("Plan: 12 changes in 1 community.");
        cli.Files.Text("/runner/output.txt").ShouldMatch(@"^changes<<(\S+)\n12\n\1\n$");
    }

    [Fact]
    public void Plan_InvalidManifest_NoPlanAndExitOne()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", Alpha.Replace("status: requested", "status: live", StringComparison.Ordinal));

        cli.Invoke("plan").ShouldBe(1);

        cli.Out.ShouldContain("communities/alpha.yaml:15:13: error: hubs[0].status:");
        cli.Out.ShouldContain("No plan while a manifest is invalid.");
    }

    [Fact]
    public void Plan_WithBase_OnlyChangedManifestsComparedWithTheirBaseVersion()
    {
        // Given a repository where alpha gains a deal (a renewal) and beta is untouched
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha).Write("communities/beta.yaml", ManifestText.Valid("beta", "2002", "beta.hubs.example.org"));
        var baseCommit = repo.Commit("two communities");
        repo.Write("communities/alpha.yaml", Alpha.Replace("deals: [\"1001\"]", "deals: [\"1001\", \"1003\"]", StringComparison.Ordinal));
        repo.Commit("alpha renews");

        // When
        var (exit, output, _) = CliRun.InRepository(repo, "plan", "--base", baseCommit);

        // Then only alpha is planned, as a renewal that associates the new deal
        exit.ShouldBe(0);
        output.ShouldContain("1 manifest file(s) changed; each is compared with its version there.");
        output.ShouldContain("alpha (communities/alpha.yaml), renewal:");
        output.ShouldContain("+ hubspot associate deal 1003 with alpha");
        output.ShouldNotContain("create community");
        output.ShouldNotContain("beta (");
    }

    [Fact]
    public void Plan_RemovedManifest_SaysNothingIsDeleted()
    {
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha).Write("communities/beta.yaml", ManifestText.Valid("beta", "2002", "beta.hubs.example.org"));
        var baseCommit = repo.Commit("two communities");
        repo.Delete("communities/beta.yaml");
        repo.Commit("beta leaves");

        var (exit, output, _) = CliRun.InRepository(repo, "plan", "--base", baseCommit);

        exit.ShouldBe(0);
        output.ShouldContain("communities/beta.yaml was removed. Nothing is deleted in HubSpot, Freshdesk or GitHub because a file went away");
        output.ShouldContain("Plan: 0 changes in 0 communities.");
    }

    [Fact]
    public void Plan_UnknownBase_IsAUsageErrorInWords()
    {
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha);
        repo.Commit("alpha");

        var (exit, _, error) = CliRun.InRepository(repo, "plan", "--base", "origin/nowhere");

        exit.ShouldBe(2);
        error.ShouldContain("git does not know 'origin/nowhere' here");
    }

    [Fact]
    public void Plan_Sandbox_ReadsDealStagesThroughPipelines()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/tidepool.yaml", Alpha.Replace("alpha", "tidepool", StringComparison.Ordinal).Replace("\"1001\"", "\"31415926535\"", StringComparison.Ordinal));

        var exit = cli.Invoke("plan", "--sandbox", "--output", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(cli.Out);
        json.RootElement.GetProperty("liveChecked").GetBoolean().ShouldBeTrue();
        var community = json.RootElement.GetProperty("communities")[0];
        var deal = community.GetProperty("deals")[0];
        deal.GetProperty("stageLabel").GetString().ShouldBe("Contract Admin");
        deal.GetProperty("inAllowedStage").GetBoolean().ShouldBeTrue();
        community.GetProperty("steps").GetArrayLength().ShouldBe(12);
        community.TryGetProperty("desired", out _).ShouldBeFalse();
    }

    [Fact]
    public void Plan_SandboxWithABoard_SaysWhereEachIssueGoes()
    {
        // Given a configuration that names the sandbox's board
        var cli = new CliRun();
        cli.Files.Add("communities/tidepool.yaml", Alpha.Replace("alpha", "tidepool", StringComparison.Ordinal).Replace("\"1001\"", "\"31415926535\"", StringComparison.Ordinal));
        cli.Files.Add("onboarding.yaml", ConfigText.Minimal + "  project:\n    owner: example-org\n    number: 1\n    column: Refined\n    iteration_field: Iteration\n");

        // When
        var exit = cli.Invoke("plan", "--sandbox", "--output", "json");

        // Then each turnup issue is put on the board after it is opened, in Refined and an iteration with its dates
        exit.ShouldBe(0, cli.Error);
        using var json = JsonDocument.Parse(cli.Out);
        var steps = json.RootElement.GetProperty("communities")[0].GetProperty("steps").EnumerateArray().ToList();
        var scheduled = steps.Where(s => s.GetProperty("kind").GetString() == "schedule").ToList();
        scheduled.Count.ShouldBe(3);
        scheduled.ShouldAllBe(s => s.GetProperty("service").GetString() == "github");
        var changes = scheduled[0].GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("after").GetString());
        changes["project"].ShouldBe("the Engineering board (example-org project 1)");
        changes["status"].ShouldBe("Refined");
        changes["iteration"]!.ShouldMatch(@"^Iteration \d \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$");
    }

    [Fact]
    public void Plan_Json_EveryKindOfStepHasTheSameFields()
    {
        // Given a manifest whose plan has steps of several kinds (records, labels, a deal, issues)
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", Alpha);

        // When
        cli.Invoke("plan", "--output", "json").ShouldBe(0);

        // Then each step is written with the same fields, in the same order, and none of the data behind it
        using var json = JsonDocument.Parse(cli.Out);
        var steps = json.RootElement.GetProperty("communities")[0].GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("kind").GetString()).Distinct().ShouldBe(["create", "associate", "openIssue"]);
        steps.ShouldAllBe(s => string.Join(",", s.EnumerateObject().Select(p => p.Name)) == "kind,service,target,key,changes,title,body,labels,diff");
        var issue = steps.Last();
        issue.GetProperty("key").GetString().ShouldBe("github:issue:alpha:cluster:alpha:request:2026-01-15:phase-3");
        issue.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldContain("community:alpha");
    }

    [Fact]
    public async Task Plan_AgainstTheServices_NeverWrites()
    {
        // Given the sandbox, with the examples' deals
        await using var harness = await ApplyHarness.StartAsync();
        var sandbox = harness.Sandbox;
        var settings = harness.Settings;
        using var connections = harness.Connect();
        var documents = ApplyHarness.Examples();

        // When every example community is planned
        var plan = await PlanBuilder.BuildAsync([.. documents.Select(d => new PlanInput(d, null))], connections.CreateReader(), settings, TurnupFixtures.Templates, []);

        // Then all three services were read, and nothing changed anywhere
        plan.Communities.Count.ShouldBe(documents.Count);
        sandbox.Journal.Entries.Select(e => e.Service).Distinct().Order().ShouldBe(["freshdesk", "github", "hubspot"]);
        sandbox.Journal.StateChanges.ShouldBeEmpty();
        sandbox.Journal.Entries.ShouldAllBe(e => e.Status < 400 || (e.Status == 404 && e.Method == "GET"));
        sandbox.Journal.Entries.ShouldNotContain(e => e.Method == "PATCH" || e.Method == "PUT" || e.Method == "DELETE");
    }

    [Fact]
    public async Task Plan_UnderGitHubActions_WritesSummaryAndOneCommentUpdatedInPlace()
    {
        // Given a same-repository pull request in the sandbox's GitHub
        await using var harness = await ApplyHarness.StartAsync();
        var sandbox = harness.Sandbox;
        using var connections = harness.Connect();
        var pr = await connections.InfrastructureIssues.CreateIssueAsync(new Onboarding.Core.Services.GitHub.NewIssue("Add alpha", "", []));
        var cli = new CliRun(harness.Clock);
        cli.Files.Add("communities/alpha.yaml", Alpha)
            .Add("/runner/event.json", PullRequestEvent(pr.Number, "example-org/infrastructure"));
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_EVENT_NAME", "pull_request").Set("GITHUB_EVENT_PATH", "/runner/event.json")
            .Set("GITHUB_STEP_SUMMARY", "/runner/summary.md").Set("GITHUB_REPOSITORY", "example-org/infrastructure")
            .Set("GITHUB_API_URL", sandbox.GitHub.BaseAddress.ToString()).Set("GITHUB_TOKEN", sandbox.Options.GitHub.Tokens[0].Token);

        // When the plan runs twice (a second push to the pull request)
        cli.Invoke("plan").ShouldBe(0);
        cli.Invoke("plan").ShouldBe(0);

        // Then the summary has the plan, and the pull request has exactly one plan comment
        cli.Files.Text("/runner/summary.md").ShouldStartWith("## Onboarding plan");
        var comments = await connections.InfrastructureIssues.ListCommentsAsync(pr.Number);
        var comment = comments.ShouldHaveSingleItem();
        comment.Body.ShouldStartWith("<!-- onboarding:plan -->\n<!-- onboarding:plan-kind offline head=unknown -->\n## Onboarding plan\n\n<!-- onboarding:reviewed-plan version=1 ");
        comment.Body.ShouldContain("-->\n\n> Offline plan, from git alone:");
        comment.Body.ShouldContain("<details>\n<summary><b>alpha</b>");
    }

    [Fact]
    public void Fit_TooLongForAComment_CutAtACommunityWithAPointer()
    {
        var block = "<details>\n<summary><b>c</b></summary>\n\n" + new string('x', 30_000) + "\n</details>\n\n";
        var markdown = "## Onboarding plan\n\n" + block + block + block;

        var body = Onboarding.Cli.Commands.PullRequestComment.Fit(markdown, "https://github.example/run/1");

        body.Length.ShouldBeLessThanOrEqualTo(65_536);
        body.ShouldEndWith("the full plan is in [the run's summary](https://github.example/run/1)._\n");
        body.Split("<details>").Length.ShouldBe(3);
    }

    private static string PullRequestEvent(int number, string repository) => JsonSerializer.Serialize(new
    {
        pull_request = new
        {
            number,
            head = new { repo = new { full_name = repository } },
            @base = new { repo = new { full_name = repository } },
        },
    });
}

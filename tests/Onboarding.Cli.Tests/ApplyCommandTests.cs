using System.Text.Json.Nodes;
using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class ApplyCommandTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    [Fact]
    public void Apply_PushToDefaultBranch_AppliesOnlyTheManifestsInThatRange()
    {
        // Given a repository where one push changed alpha and left beta alone (the real push payload, with our commits)
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal))
            .Write("communities/beta.yaml", ManifestText.Valid("beta", Onboarding.Sandbox.HubSpot.HubSpotSeed.ClosedWonDealId, "beta.hubs.example.org"));
        var before = repo.Commit("two communities");
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal));
        var after = repo.Commit("alpha renamed");
        var push = Payload("push.with-new-branch.payload.json");
        push["before"] = before;
        push["after"] = after;
        repo.Write("event.json", push.ToJsonString());

        // When
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        // Then
        exit.ShouldBe(0, error);
        output.ShouldContain($"Applying push to master, {before[..12]}..{after[..12]}.");
        output.ShouldContain("alpha (communities/alpha.yaml): 12 changes made");
        output.ShouldNotContain("beta (");
    }

    [Fact]
    public void Apply_PushRemovesAManifest_NothingDeletedAndSaidAsPlanSaysIt()
    {
        // Given a push that removed beta and renamed alpha
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal))
            .Write("communities/beta.yaml", ManifestText.Valid("beta", Onboarding.Sandbox.HubSpot.HubSpotSeed.ClosedWonDealId, "beta.hubs.example.org"));
        var before = repo.Commit("two communities");
        repo.Delete("communities/beta.yaml")
            .Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal));
        var after = repo.Commit("beta leaves, alpha renamed");
        var push = Payload("push.with-new-branch.payload.json");
        push["before"] = before;
        push["after"] = after;
        repo.Write("event.json", push.ToJsonString());

        // When
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        // Then alpha is applied, and beta's removal is the same note the plan showed
        exit.ShouldBe(0, error);
        output.ShouldContain("communities/beta.yaml was removed. Nothing is deleted in HubSpot, Freshdesk or GitHub because a file went away; remove records by hand if that is intended.");
        output.ShouldContain("alpha (communities/alpha.yaml): 12 changes made");
        output.ShouldNotContain("beta (");
    }

    [Fact]
    public void Apply_MergedPullRequest_AppliesItsRange()
    {
        using var repo = new TempGitRepository();
        var baseCommit = repo.Write("README.md", "x").Commit("start");
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal));
        var merge = repo.Commit("add alpha");
        var closed = Payload("pull_request.closed.payload.json");
        var pr = closed["pull_request"]!;
        pr["merged"] = true;
        pr["merged_at"] = "2026-11-24T10:00:00Z";
        pr["merge_commit_sha"] = merge;
        pr["base"]!["sha"] = baseCommit;
        repo.Write("event.json", closed.ToJsonString());

        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        exit.ShouldBe(0, error);
        output.ShouldContain($"Applying merge of #{pr["number"]}");
        output.ShouldContain("alpha (communities/alpha.yaml): 12 changes made");
        output.ShouldContain("Applied 12 changes in 1 community.");
    }

    [Fact]
    public void Apply_PullRequestClosedWithoutMerge_NothingToApply()
    {
        // Given the published example as it is: closed, merged false
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal)).Commit("alpha");
        repo.Write("event.json", Payload("pull_request.closed.payload.json").ToJsonString());

        var (exit, output, _) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        exit.ShouldBe(0);
        output.ShouldBe("Nothing to apply: the pull request was closed without being merged.\n");
    }

    [Fact]
    public void Apply_PushToAnotherBranch_NothingToApply()
    {
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal)).Commit("alpha");
        var push = Payload("push.with-new-branch.payload.json");
        push["ref"] = "refs/heads/feature";
        repo.Write("event.json", push.ToJsonString());

        var (exit, output, _) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        exit.ShouldBe(0);
        output.ShouldBe("Nothing to apply: the push went to refs/heads/feature, not to the default branch (master).\n");
    }

    [Fact]
    public void Apply_SandboxTwiceThenEdit_SecondRunHasNothingToDoAndTheEditOnlyItsFollowUp()
    {
        // Given a repository with the sandbox state kept in .sandbox, as on a newcomer's machine
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal)).Commit("alpha");

        // When apply runs, runs again, the manifest is edited, and it runs a third time
        var first = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var second = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal));
        var third = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var reset = CliRun.InRepository(repo, "apply", "--sandbox", "--all", "--reset");

        // Then
        first.Exit.ShouldBe(0, first.Error);
        first.Out.ShouldContain("Applied 12 changes in 1 community.");
        second.Out.ShouldContain("Nothing left to do: 1 community is up to date.");
        third.Out.ShouldContain("alpha (communities/alpha.yaml): 2 changes made");
        third.Out.ShouldContain("~ hubspot update community alpha");
        reset.Out.ShouldContain("Applied 12 changes in 1 community.");
        File.Exists(Path.Combine(repo.Root, ".sandbox", "hubspot.json")).ShouldBeTrue();
    }

    [Fact]
    public void Apply_SandboxWithJournal_WritesEveryRequestToTheFile()
    {
        // Given a repository with one community
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal)).Commit("alpha");
        var journal = Path.Combine(repo.Root, "journal.jsonl");

        // When apply runs against the sandbox with a journal
        var (exit, _, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--all", "--journal", journal);

        // Then every service's requests are in the file, each with its method, path, body and status
        exit.ShouldBe(0, error);
        var entries = Onboarding.Sandbox.Infrastructure.JournalFile.Read(journal);
        entries.Select(e => e.Service).Distinct().Order().ShouldBe(["freshdesk", "github", "hubspot"]);
        var upsert = entries.Single(e => e.Method == "POST" && e.Path.EndsWith("/contacts/batch/upsert", StringComparison.Ordinal));
        upsert.Status.ShouldBe(200);
        upsert.Body.ShouldNotBeNull().ShouldContain("alpha.example.org");
        entries.ShouldContain(e => e.Method == "GET" && e.Query.Contains("labels=", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_JournalWithoutSandbox_IsAUsageError()
    {
        // Given
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal)).Commit("alpha");

        // When
        var (exit, _, error) = CliRun.InRepository(repo, "apply", "--all", "--journal", Path.Combine(repo.Root, "journal.jsonl"));

        // Then
        exit.ShouldBe(2);
        error.ShouldContain("--journal records what the sandbox's emulators receive, so it needs --sandbox.");
        File.Exists(Path.Combine(repo.Root, "journal.jsonl")).ShouldBeFalse();
    }

    [Fact]
    public void Apply_UnderGitHubActions_GivesTheNumberOfChangesMadeAsAStepOutput()
    {
        // Given a manifest never applied, run as a workflow step (the runner names the output file)
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid(deal: Deal));
        cli.Environment.Set("GITHUB_OUTPUT", "/runner/output.txt");

        // When
        var exit = cli.Invoke("apply", "--sandbox", "--all");

        // Then the step output says 13, in the delimited form the runner reads
        exit.ShouldBe(0, cli.Error);
        cli.Out.ShouldContain("Applied 12 changes in 1 community.");
        cli.Files.Text("/runner/output.txt").ShouldMatch(@"^changes<<(\S+)\n12\n\1\n$");
    }

    [Fact]
    public void Apply_EventFileNotJson_IsAUsageErrorNotAGreenRun()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid(deal: Deal)).Add("/runner/event.json", "not json");

        cli.Invoke("apply", "--sandbox", "--event", "/runner/event.json").ShouldBe(2);

        cli.Error.ShouldBe("onboarding apply: /runner/event.json: the event file is not JSON; nothing was applied.\n");
    }

    [Fact]
    public void Apply_Report_LinksEveryRecordItMade()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid(deal: Deal));

        cli.Invoke("apply", "--sandbox", "--all", "--output", "json").ShouldBe(0);

        using var json = System.Text.Json.JsonDocument.Parse(cli.Out);
        var steps = json.RootElement.GetProperty("communities")[0].GetProperty("steps").EnumerateArray().ToList();
        steps.Count.ShouldBe(12);
        steps.ShouldAllBe(s => s.GetProperty("link").GetString() != null);
        steps.ShouldContain(s => s.GetProperty("link").GetString()!.StartsWith("https://app.hubspot.com/contacts/24681357/record/0-1/", StringComparison.Ordinal));
        steps.ShouldContain(s => s.GetProperty("link").GetString()!.StartsWith("https://sandbox.freshdesk.com/a/contacts/", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_HubMarkedDeployed_ReportsTheEmailAndTheBdNotesOnceThroughTheCli()
    {
        // Given a community applied to the sandbox while its hub was requested
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal)).Commit("alpha");
        CliRun.InRepository(repo, "apply", "--sandbox", "--all").Exit.ShouldBe(0);

        // When PS marks the hub deployed and apply runs twice
        repo.Write("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace(
            "status: requested", "status: deployed\n    deployed: 2026-11-20\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal));
        var delivered = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var again = CliRun.InRepository(repo, "apply", "--sandbox", "--all");

        // Then the report shows the email to the technical contact, the HubSpot note and the BD comment, once
        delivered.Exit.ShouldBe(0, delivered.Error);
        delivered.Out.ShouldContain("+ freshdesk send email hub-available email for prod to tech.one@alpha.example.org");
        delivered.Out.ShouldContain("+ hubspot add note delivery note for prod on alpha and its deals");
        delivered.Out.ShouldContain("+ github add note delivery comment for BD on #3 [New Hub] [Phase 3] Hub Setup - alpha.hubs.example.org");
        again.Out.ShouldContain("Nothing left to do: 1 community is up to date.");
    }

    [Fact]
    public void Apply_NoEventAndNoAll_IsAUsageError()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid(deal: Deal));

        cli.Invoke("apply", "--sandbox").ShouldBe(2);

        cli.Error.ShouldBe("onboarding apply: say what to apply: --event PATH (a GitHub push or pull_request event), or --all for every manifest.\n");
    }

    [Fact]
    public void Apply_NoSecretsAndNoSandbox_NamesTheMissingVariables()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid(deal: Deal));

        cli.Invoke("apply", "--all").ShouldBe(1);

        cli.Error.ShouldContain("HUBSPOT_TOKEN");
        cli.Error.ShouldContain("FRESHDESK_API_KEY");
    }

    [Fact]
    public void Apply_UnderGitHubActions_WritesTheReportToTheStepSummary()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid(deal: Deal));
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", "/runner/summary.md");

        cli.Invoke("apply", "--sandbox", "--all").ShouldBe(0);

        var summary = cli.Files.Text("/runner/summary.md");
        summary.ShouldStartWith("## Onboarding apply");
        summary.ShouldContain("| github | open issue | \\[New Hub\\] \\[Phase 1\\] Cloud Account Setup - The alpha community | [http://127.0.0.1:");
    }

    private static JsonNode Payload(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name)))!;
}

using System.Text.Json.Nodes;
using Onboarding.Core.Apply;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>A community paused by its manifest, and the kill switch that stops every apply.</summary>
public sealed class PauseTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    private const string Reason = "Contract under review with legal";

    private static string Alpha(bool paused) =>
        paused ? ManifestText.Valid(deal: Deal).Replace("website:", $"paused: {Reason}\nwebsite:", StringComparison.Ordinal) : ManifestText.Valid(deal: Deal);

    private static string Beta => ManifestText.Valid("beta", Onboarding.Sandbox.HubSpot.HubSpotSeed.ClosedWonDealId, "beta.hubs.example.org");

    [Fact]
    public async Task Apply_OneCommunityPaused_NothingWrittenForItAndTheOthersApplied()
    {
        // Given alpha paused and beta not
        await using var harness = await ApplyHarness.StartAsync();
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", Alpha(paused: true)), ("communities/beta.yaml", Beta));

        // When
        var report = await harness.ApplyAsync(documents);

        // Then alpha is skipped with its reason, beta applied, and no request touched alpha
        report.Succeeded.ShouldBeTrue(string.Join("\n", report.Communities.Select(c => c.Error)));
        var alpha = report.Communities.Single(c => c.Name == "alpha");
        alpha.Outcome.ShouldBe(CommunityOutcome.Paused);
        alpha.Steps.ShouldBeEmpty();
        report.Communities.Single(c => c.Name == "beta").Steps.Count.ShouldBeGreaterThan(0);
        harness.Sandbox.Journal.Entries.ShouldNotContain(e => (e.Body ?? "").Contains("alpha", StringComparison.Ordinal) || e.Query.Contains("alpha", StringComparison.Ordinal));
        var text = ApplyReportRenderer.Text(report);
        text.ShouldContain($"alpha (communities/alpha.yaml): skipped, paused: {Reason}");
        text.ShouldContain("1 community was skipped because paused.");
        ApplyReportRenderer.Markdown(report).ShouldContain($"### alpha: skipped, paused: {Reason}");
        (await harness.SnapshotAsync(documents)).ShouldNotContain("community alpha");
    }

    [Fact]
    public async Task Apply_PauseRemoved_TheCommunityIsAppliedAgain()
    {
        // Given alpha applied while paused
        await using var harness = await ApplyHarness.StartAsync();
        await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", Alpha(paused: true))));

        // When the pause is removed
        var report = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", Alpha(paused: false))));

        // Then
        report.Communities.Single().Outcome.ShouldBe(CommunityOutcome.Applied);
        report.ChangeCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Plan_PausedCommunity_SaysSoWithTheReasonInTextJsonAndTheComment()
    {
        // Given alpha paused and beta not, planned live against the sandbox as in a workflow
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha(paused: true)).Write("communities/beta.yaml", Beta).Commit("two communities");
        var summary = Path.Combine(repo.Root, "summary.md");
        var actions = new FakeEnvironment().Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", summary);

        // When
        var (exit, output, error) = CliRun.InRepository(repo, actions, "plan", "--sandbox");
        var (jsonExit, json, jsonError) = CliRun.InRepository(repo, "plan", "--sandbox", "--output", "json");

        // Then each says alpha is paused, why, and that nothing is done for it
        exit.ShouldBe(0, error);
        output.ShouldContain($"alpha (communities/alpha.yaml): paused ({Reason}): skipped");
        output.ShouldContain("beta (communities/beta.yaml): ");
        var line = File.ReadAllLines(summary).Where(l => l.StartsWith("**alpha**", StringComparison.Ordinal)).ShouldHaveSingleItem();
        line.ShouldContain(Reason);
        line.ShouldContain("skipped");
        jsonExit.ShouldBe(0, jsonError);
        var communities = JsonNode.Parse(json)!["communities"]!.AsArray();
        var alpha = communities.Single(c => c!["name"]!.GetValue<string>() == "alpha")!;
        alpha["paused"]!.GetValue<string>().ShouldBe(Reason);
        alpha["steps"]!.AsArray().ShouldBeEmpty();
        communities.Single(c => c!["name"]!.GetValue<string>() == "beta")!["paused"].ShouldBeNull();
    }

    [Fact]
    public void Apply_KillSwitchSet_StopsWithTheReasonBeforeAnyRequest()
    {
        // Given a community to apply and the repository variable set during an incident
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha(paused: false)).Commit("alpha");
        var journal = Path.Combine(repo.Root, "journal.jsonl");
        var environment = new FakeEnvironment().Set("ONBOARDING_PAUSED", "HubSpot incident, see #ops-42");

        // When
        var (exit, output, error) = CliRun.InRepository(repo, environment, "apply", "--sandbox", "--all", "--journal", journal);

        // Then it stops with a sentence giving the reason, and no service got a single request
        exit.ShouldBe(1);
        error.ShouldContain("onboarding apply: onboarding is paused (HubSpot incident, see #ops-42), so nothing was applied and no service was asked.");
        error.ShouldContain("ONBOARDING_PAUSED");
        output.ShouldBeEmpty();
        (File.Exists(journal) ? JournalFile.Read(journal) : []).ShouldBeEmpty();
    }

    [Fact]
    public void Apply_KillSwitchEmpty_AppliesAsUsual()
    {
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha(paused: false)).Commit("alpha");
        var environment = new FakeEnvironment().Set("ONBOARDING_PAUSED", "");

        var (exit, output, error) = CliRun.InRepository(repo, environment, "apply", "--sandbox", "--all");

        exit.ShouldBe(0, error);
        output.ShouldContain("alpha (communities/alpha.yaml): 12 changes made");
    }

    [Fact]
    public void FirstValue_KillSwitchSet_StopsWithTheReasonBeforeAnyRequest()
    {
        using var repo = RepositoryFiles.ExamplesRepository();
        var journal = Path.Combine(repo.Root, "journal.jsonl");
        var environment = new FakeEnvironment().Set("ONBOARDING_PAUSED", "incident");

        var (exit, _, error) = CliRun.InRepository(repo, environment, "first-value", "--sandbox", "--journal", journal);

        exit.ShouldBe(1);
        error.ShouldContain("onboarding first-value: onboarding is paused (incident), so no First Value was checked or recorded and no service was asked.");
        (File.Exists(journal) ? JournalFile.Read(journal) : []).ShouldBeEmpty();
    }

    [Fact]
    public void Drift_PausedCommunity_NotCheckedAndSaidSo()
    {
        // Given alpha paused and beta not, neither ever applied
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha(paused: true)).Write("communities/beta.yaml", Beta).Commit("two communities");

        // When
        var (exit, output, error) = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then only beta is found missing, and drift says why alpha was left out
        exit.ShouldBe(0, error);
        output.ShouldContain($"alpha (communities/alpha.yaml) is paused ({Reason}), so drift did not check it.");
        output.ShouldContain("HubSpot has no Community record named beta.");
        output.ShouldNotContain("named alpha");
    }
}

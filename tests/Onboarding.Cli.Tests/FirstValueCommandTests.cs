using Onboarding.Core.FirstValue;
using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Prometheus;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class FirstValueCommandTests
{
    /// <summary>The example tidepool manifest with its staging hub live since 9 November.</summary>
    private static readonly (string From, string To) StagingDeployed = (
        """
            status: requested
            requested: "2026-11-02"
            auth:
        """,
        """
            status: deployed
            requested: "2026-11-02"
            deployed: "2026-11-09"
            url: https://staging.tidepool.hubs.example.org
            auth:
        """);

    private static readonly DateTimeOffset Now = FakeClock.TestDay;

    /// <summary>Five people on five days (the fifth on 22 November), the service check every day, and one person from before the window.</summary>
    private static IEnumerable<PrometheusSeries> StagingUsage() =>
    [
        .. new[] { ("ana", 9), ("kofi", 7), ("lena", 6), ("mira", 4), ("tomas", 2), ("ana", 1) }
            .Select(u => PrometheusSeed.UserPod("tidepool", "staging", u.Item1, Now.AddDays(-u.Item2), TimeSpan.FromMinutes(40))),
        .. Enumerable.Range(1, 13).Select(d => PrometheusSeed.UserPod("tidepool", "staging", "deployment-service-check", Now.AddDays(-d), TimeSpan.FromMinutes(2))),
        PrometheusSeed.UserPod("tidepool", "staging", "old-timer", Now.AddDays(-20), TimeSpan.FromHours(2)),
    ];

    [Fact]
    public async Task FirstValue_SandboxRunTwice_RecordsInHubSpotAndCommentsOnceThenWritesNothing()
    {
        // Given the examples applied to a kept sandbox, tidepool's staging hub then marked deployed, and its usage seeded
        using var repo = new TempGitRepository();
        foreach (var (path, text) in RepositoryFiles.Examples())
            repo.Write(path, path.EndsWith("tidepool.yaml", StringComparison.Ordinal) ? Deployed(text) : text);
        repo.Commit("examples, tidepool staging deployed");
        var state = Path.Combine(repo.Root, ".sandbox");
        await using (var harness = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state }))
        {
            (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
            harness.Sandbox.PrometheusEmulator.Store.Add(StagingUsage());
        }

        // When first-value runs twice
        var first = CliRun.InRepository(repo, "first-value", "--sandbox");
        var afterFirst = StateFiles(state);
        var second = CliRun.InRepository(repo, "first-value", "--sandbox");
        var afterSecond = StateFiles(state);

        // Then the first records First Value (the fifth non-staff user on 22 November, 20 days after the request)
        first.Exit.ShouldBe(0, first.Error);
        first.Out.ShouldContain("tidepool   staging  5      2026-11-22, 20 days after the request (recorded now)");
        first.Out.ShouldContain("riverbend  prod     0      not yet");
        second.Exit.ShouldBe(0, second.Error);
        second.Out.ShouldContain("tidepool   staging  5      2026-11-22, 20 days after the request (already recorded)");

        // And the second run changed nothing the services keep
        afterSecond.ShouldBe(afterFirst);

        await using var after = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state });
        using var connections = after.Connect();
        var names = after.Settings.HubSpot.Properties;
        var community = await connections.HubSpot.FindCommunityAsync("tidepool", [names.FirstValueDate, names.TimeToFirstValueDays, names.FirstValueHub]);
        community![names.FirstValueDate].ShouldBe("2026-11-22");
        community[names.TimeToFirstValueDays].ShouldBe("20");
        community[names.FirstValueHub].ShouldBe("staging");
        var issue = await ApplyHarness.TurnupIssueAsync(connections.InfrastructureIssues, "tidepool", TurnupPhase.HubSetup, "staging");
        var comments = (await connections.InfrastructureIssues.ListCommentsAsync(issue.Number)).Where(c => c.Body.Contains("First Value", StringComparison.Ordinal)).ToList();
        comments.ShouldHaveSingleItem().Body.ShouldStartWith(FirstValueRunner.CommentMarker("tidepool", "staging"));
        comments[0].Body.ShouldContain("Time to First Value: **20 days** from the request on 2026-11-02.");
    }

    [Fact]
    public async Task FirstValueRunner_RunTwice_WritesOnceToHubSpotAndGitHubThenNothing()
    {
        // Given the examples applied, tidepool's staging hub deployed and used
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        harness.Sandbox.PrometheusEmulator.Store.Add(StagingUsage());
        var communities = DeployedExamples();
        using var connections = harness.Connect();
        var runner = new FirstValueRunner(connections.Prometheus!, connections.HubSpot, connections.InfrastructureIssues, harness.Settings);

        // When it runs twice
        harness.Sandbox.Journal.Clear();
        var first = await runner.RunAsync(communities, Now);
        var firstWrites = harness.Sandbox.Journal.StateChanges;
        harness.Sandbox.Journal.Clear();
        var second = await runner.RunAsync(communities, Now);

        // Then one HubSpot update and one comment, and nothing the second time
        first.Rows.Single(r => r.Hub.Hub == "staging").Outcome.ShouldBe(FirstValueOutcome.Recorded);
        firstWrites.Select(w => $"{w.Service} {w.Method}").Order(StringComparer.Ordinal).ShouldBe(["github POST", "hubspot PATCH"]);
        second.Rows.Single(r => r.Hub.Hub == "staging").Outcome.ShouldBe(FirstValueOutcome.AlreadyRecorded);
        harness.Sandbox.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task FirstValueRunner_InBulkAfterItRecorded_ListsTheCommunitiesOnceAndReadsNoneByName()
    {
        // Given the examples applied, tidepool's staging hub deployed and used, and its First Value recorded by a bulk run
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        harness.Sandbox.PrometheusEmulator.Store.Add(StagingUsage());
        var communities = DeployedExamples();
        using var connections = harness.Connect();
        var runner = new FirstValueRunner(connections.Prometheus!, connections.HubSpot, connections.InfrastructureIssues, harness.Settings) { Bulk = true };
        (await runner.RunAsync(communities, Now)).Rows.Single(r => r.Hub.Hub == "staging").Outcome.ShouldBe(FirstValueOutcome.Recorded);

        // When it runs again
        harness.Sandbox.Journal.Clear();
        var second = await runner.RunAsync(communities, Now);

        // Then the listing vouched for the recorded date: HubSpot was asked for the list alone, and nothing was written
        second.Rows.Single(r => r.Hub.Hub == "staging").Outcome.ShouldBe(FirstValueOutcome.AlreadyRecorded);
        harness.Sandbox.Journal.Entries.Where(e => e.Service == "hubspot").Select(e => $"{e.Method} {e.Path}")
            .ShouldAllBe(r => r.StartsWith("GET /crm/v3/objects/", StringComparison.Ordinal) && r.Count(c => c == '/') == 4);
        harness.Sandbox.Journal.Entries.Count(e => e.Service == "hubspot").ShouldBe(1);
        harness.Sandbox.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task FirstValueRunner_AnOutsiderPostedTheMarkerFirst_StillCommentsAsItsOwnAccount()
    {
        // Given the examples applied, tidepool's staging hub deployed and used, and an outsider's comment carrying the
        // First Value marker on its phase 3 issue (an issue anyone may comment on)
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        harness.Sandbox.PrometheusEmulator.Store.Add(StagingUsage());
        using var connections = harness.Connect();
        var issue = await ApplyHarness.TurnupIssueAsync(connections.InfrastructureIssues, "tidepool", TurnupPhase.HubSetup, "staging");
        var marker = FirstValueRunner.CommentMarker("tidepool", "staging");
        using (var outsider = connections.RepositoryIssues(harness.Settings.GitHub.InfrastructureRepository, Onboarding.Sandbox.GitHub.GitHubSeed.NoPushToken))
            await outsider.CreateCommentAsync(issue.Number, $"{marker}\nFirst Value reached long ago.");
        var runner = new FirstValueRunner(connections.Prometheus!, connections.HubSpot, connections.InfrastructureIssues, harness.Settings);

        // When
        var report = await runner.RunAsync(DeployedExamples(), Now);

        // Then First Value is recorded and BD's comment is onboarding's own, beside the outsider's
        report.Rows.Single(r => r.Hub.Hub == "staging").Outcome.ShouldBe(FirstValueOutcome.Recorded);
        var marked = (await connections.InfrastructureIssues.ListCommentsAsync(issue.Number)).Where(c => c.Body.StartsWith(marker, StringComparison.Ordinal)).ToList();
        marked.Select(c => c.Author).ShouldBe(["outside-collaborator", "onboarding-bot"]);
    }

    [Fact]
    public async Task FirstValueRunner_HubSpotFailsAfterTheComment_ReRunRecordsWithoutASecondComment()
    {
        // Given the examples applied, tidepool's staging hub deployed and used, and HubSpot refusing every update
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        harness.Sandbox.PrometheusEmulator.Store.Add(StagingUsage());
        var communities = DeployedExamples();
        using var connections = harness.Connect(maxRetries: 1);
        var runner = new FirstValueRunner(connections.Prometheus!, connections.HubSpot, connections.InfrastructureIssues, harness.Settings);
        harness.Sandbox.HubSpot.Faults.Add(new FaultRule(FaultKind.InternalServerError, Method: "PATCH", Times: 100));

        // When it fails, HubSpot recovers, and it runs again
        var failed = await runner.RunAsync(communities, Now);
        harness.Sandbox.HubSpot.Faults.Clear();
        var again = await runner.RunAsync(communities, Now);

        // Then the failure is reported, and the re-run records First Value and keeps the one comment
        failed.Succeeded.ShouldBeFalse();
        failed.Rows.Single(r => r.Hub.Hub == "staging").Outcome.ShouldBe(FirstValueOutcome.Failed);
        again.Rows.Single(r => r.Hub.Hub == "staging").Outcome.ShouldBe(FirstValueOutcome.Recorded);
        var issue = await ApplyHarness.TurnupIssueAsync(connections.InfrastructureIssues, "tidepool", TurnupPhase.HubSetup, "staging");
        (await connections.InfrastructureIssues.ListCommentsAsync(issue.Number)).Count(c => c.Body.StartsWith(FirstValueRunner.CommentMarker("tidepool", "staging"), StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task FirstValueRunner_PrometheusDown_ReportsTheHubFailedAndWritesNothing()
    {
        // Given
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        using var connections = harness.Connect(maxRetries: 1);
        var runner = new FirstValueRunner(connections.Prometheus!, connections.HubSpot, connections.InfrastructureIssues, harness.Settings);
        harness.Sandbox.Prometheus.Faults.Add(new FaultRule(FaultKind.ServiceUnavailable, Times: 100));
        harness.Sandbox.Journal.Clear();

        // When
        var report = await runner.RunAsync(DeployedExamples(), Now);

        // Then every deployed hub is reported as failed with Prometheus' words, and nothing was written
        report.Succeeded.ShouldBeFalse();
        report.Rows.ShouldAllBe(r => r.Outcome == FirstValueOutcome.Failed);
        report.Rows[0].Detail.ShouldNotBeNull().ShouldStartWith("Prometheus refused to read the usage of hub");
        harness.Sandbox.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public void FirstValue_UnderActionsWithoutUsage_ListsEveryDeployedHubAsNotYetInTheSummary()
    {
        // Given the examples, where only riverbend's hub is deployed, and no usage at all
        var cli = new CliRun();
        foreach (var (path, text) in RepositoryFiles.Examples())
            cli.Files.Add(path, text);
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", "/runner/summary.md");

        // When
        var exit = cli.Invoke("first-value", "--sandbox", "--output", "json");

        // Then
        exit.ShouldBe(0, cli.Error);
        cli.Out.ShouldContain("\"outcome\": \"notYet\"");
        cli.Files.Text("/runner/summary.md").ShouldContain("| riverbend | prod | 0 | not yet |");
    }

    [Fact]
    public void FirstValue_NoPrometheusConfiguredOutsideTheSandbox_SkipsAndSaysSo()
    {
        // Given
        var cli = new CliRun();
        foreach (var (path, text) in RepositoryFiles.Examples())
            cli.Files.Add(path, text);

        // When
        var exit = cli.Invoke("first-value");

        // Then
        exit.ShouldBe(0);
        cli.Out.ShouldBe("No Prometheus is configured (prometheus_url), so the First Value check was skipped.\n");
    }

    private static string Deployed(string tidepool)
    {
        var text = tidepool.ReplaceLineEndings("\n");
        var from = StagingDeployed.From.ReplaceLineEndings("\n");
        text.ShouldContain(from);
        // Only the first hub (staging) is flipped; prod stays requested.
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + StagingDeployed.To.ReplaceLineEndings("\n") + text[(at + from.Length)..];
    }

    private static List<Community> DeployedExamples() =>
    [
        .. ApplyHarness.Documents([.. RepositoryFiles.Examples().Select(f => (f.Path, f.Path.EndsWith("tidepool.yaml", StringComparison.Ordinal) ? Deployed(f.Text) : f.Text))])
            .Select(d => d.Community),
    ];

    private static Dictionary<string, string> StateFiles(string folder) =>
        Directory.GetFiles(folder, "*.json").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
}

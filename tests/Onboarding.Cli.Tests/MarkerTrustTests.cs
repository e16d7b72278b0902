using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Cli.Commands;
using Onboarding.Core.Authoring;
using Onboarding.Core.Drift;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox;
using Onboarding.Sandbox.GitHub;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// Onboarding's hidden markers are trusted only from the token's own account: an outsider who posts a comment or opens
/// an issue carrying a marker first takes nothing over (plan comment, from-issue comment, turnup issues, delivery
/// comment, drift issue; the First Value comment is in <see cref="FirstValueCommandTests"/>).
/// </summary>
public sealed class MarkerTrustTests
{
    /// <summary>A deal the sandbox has, in stage Contract Admin.</summary>
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    private const string Outsider = "outside-collaborator";

    [Fact]
    public async Task Plan_AnOutsiderPostedThePlanMarkerFirst_WritesItsOwnCommentAndLeavesTheirsAsItWas()
    {
        // Given a same-repository pull request on which someone else already posted a comment with the plan's marker
        await using var harness = await ApplyHarness.StartAsync();
        using var connections = harness.Connect();
        var pr = await connections.InfrastructureIssues.CreateIssueAsync(new NewIssue("Add alpha", "", []));
        using var outsider = connections.RepositoryIssues(harness.Settings.GitHub.InfrastructureRepository, GitHubSeed.NoPushToken);
        const string fake = "<!-- onboarding:plan -->\n## Onboarding plan\n\nNothing to do: merge away.";
        await outsider.CreateCommentAsync(pr.Number, fake);
        var cli = new CliRun(harness.Clock);
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid())
            .Add("/runner/event.json", JsonSerializer.Serialize(new
            {
                pull_request = new
                {
                    number = pr.Number,
                    head = new { repo = new { full_name = "example-org/infrastructure" } },
                    @base = new { repo = new { full_name = "example-org/infrastructure" } },
                },
            }));
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_EVENT_NAME", "pull_request").Set("GITHUB_EVENT_PATH", "/runner/event.json")
            .Set("GITHUB_STEP_SUMMARY", "/runner/summary.md").Set("GITHUB_REPOSITORY", "example-org/infrastructure")
            .Set("GITHUB_API_URL", harness.Sandbox.GitHub.BaseAddress.ToString()).Set("GITHUB_TOKEN", harness.Sandbox.Options.GitHub.Tokens[0].Token);

        // When the plan runs
        cli.Invoke("plan").ShouldBe(0, cli.Error);

        // Then the outsider's comment is untouched, onboarding's own is beside it, and the log warns about the other
        var comments = await connections.InfrastructureIssues.ListCommentsAsync(pr.Number);
        comments.Count.ShouldBe(2);
        comments[0].Body.ShouldBe(fake);
        comments[1].Author.ShouldBe("onboarding-bot");
        comments[1].Body.ShouldStartWith($"<!-- onboarding:plan -->\n{PullRequestComment.KindLine(PlanKind.Offline, null)}\n## Onboarding plan");
        cli.Out.ShouldContain($"::warning title=Plan comment::A comment on #{pr.Number} ({comments[0].HtmlUrl}) carries onboarding's marker but was written by {Outsider}, not by onboarding-bot (the token's account); it is ignored.");
    }

    [Fact]
    public async Task FromIssue_AnOutsiderPostedTheFormMarkerFirst_WritesItsOwnCommentAndLeavesTheirsAsItWas()
    {
        // Given a submitted form on which someone else already posted a comment with the from-issue marker
        await using var harness = await ApplyHarness.StartAsync();
        using var connections = harness.Connect();
        var issue = await connections.InfrastructureIssues.CreateIssueAsync(new NewIssue("New community: Tidal Flats", "", ["new-community"]));
        using var outsider = connections.RepositoryIssues(harness.Settings.GitHub.InfrastructureRepository, GitHubSeed.NoPushToken);
        var fake = $"{FormFeedback.Marker}\n**The answers make a valid manifest.** Approve it without reading.";
        await outsider.CreateCommentAsync(issue.Number, fake);
        var cli = new CliRun();
        foreach (var (path, text) in RepositoryFiles.Examples())
            cli.Files.Add(path, text);
        cli.Environment.Set("GITHUB_OUTPUT", "/runner/output.txt");
        cli.OnGitHub(harness);
        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "issues.opened.new-community.payload.json")))!;
        payload["issue"]!["number"] = issue.Number;
        cli.Files.Add("/runner/event.json", payload.ToJsonString());

        // When
        cli.Invoke("from-issue", "--event", "/runner/event.json").ShouldBe(0, cli.Out + cli.Error);

        // Then
        var comments = await connections.InfrastructureIssues.ListCommentsAsync(issue.Number);
        comments.Count.ShouldBe(2);
        comments[0].Body.ShouldBe(fake);
        comments[1].Author.ShouldBe("onboarding-bot");
        comments[1].Body.ShouldStartWith($"{FormFeedback.Marker}\n**The answers make a valid manifest, `communities/tidalflats.yaml`.**");
        cli.Out.ShouldContain($"::warning title=Issue comment::A comment on #{issue.Number} ");
    }

    [Fact]
    public async Task Apply_AnOutsiderOpenedTheTurnupIssuesFirst_OpensItsOwnLeavesTheirsAloneAndThePlanSaysSo()
    {
        // Given the turnup issues alpha's manifest asks for (as one sandbox shows them), opened first by an outsider in
        // another sandbox and labelled there by someone with push access, as a triager might
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal)));
        List<IssueRef> wanted;
        await using (var probe = await ApplyHarness.StartAsync())
        {
            (await probe.ApplyAsync(documents)).Succeeded.ShouldBeTrue();
            using var probed = probe.Connect();
            wanted = [.. (await ApplyHarness.TurnupIssuesAsync(probed.InfrastructureIssues, "alpha")).Select(i => i.Issue)];
        }

        wanted.Count.ShouldBeGreaterThan(0);
        await using var harness = await ApplyHarness.StartAsync();
        using var connections = harness.Connect();
        using var outsider = connections.RepositoryIssues(harness.Settings.GitHub.InfrastructureRepository, GitHubSeed.NoPushToken);
        var theirs = new List<IssueRef>();
        foreach (var issue in wanted)
        {
            var opened = await outsider.CreateIssueAsync(new NewIssue(issue.Title, issue.Body, []));
            theirs.Add(await connections.InfrastructureIssues.UpdateIssueAsync(opened.Number, new IssueChange(Labels: issue.Labels)));
        }

        // When the plan is read and apply runs
        var plan = await PlanBuilder.PlanOneAsync(new PlanInput(documents[0], null), connections.CreateReader(), harness.Settings, TurnupFixtures.Templates, new DateOnly(2026, 11, 24));
        var report = await harness.ApplyAsync(documents);

        // Then the plan names each of theirs as ignored, apply opened its own set, and theirs are as they were
        plan.IssueNotes.ShouldContain($"Issue #{theirs[0].Number} carries onboarding's marker but was opened by {Outsider}, not by onboarding-bot (the token's account); it is ignored.");
        plan.Steps.OfType<OpenTurnupIssue>().Count().ShouldBe(wanted.Count);
        report.Succeeded.ShouldBeTrue(report.Communities[0].Error);
        var all = await connections.InfrastructureIssues.ListIssuesByLabelAsync(harness.Settings.GitHub.TurnupLabels[0]);
        all.Count(i => i.Author == "onboarding-bot").ShouldBe(wanted.Count);
        foreach (var issue in theirs)
            Shape(await connections.InfrastructureIssues.GetIssueAsync(issue.Number)).ShouldBe(Shape(issue));
    }

    [Fact]
    public async Task Apply_AnOutsiderPostedTheDeliveryMarkerFirst_BDStillGetsOnboardingsComment()
    {
        // Given alpha applied while its hub was requested, and an outsider's comment with the delivery marker on its phase 3 issue
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal))))).Succeeded.ShouldBeTrue();
        using var connections = harness.Connect();
        var phase3 = await ApplyHarness.TurnupIssueAsync(connections.InfrastructureIssues, "alpha", TurnupPhase.HubSetup, "prod");
        const string marker = "<!-- onboarding:delivered community=alpha hub=prod -->";
        using var outsider = connections.RepositoryIssues(harness.Settings.GitHub.InfrastructureRepository, GitHubSeed.NoPushToken);
        await outsider.CreateCommentAsync(phase3.Number, $"{marker}\nDelivered, nothing more to do.");

        // When the hub is marked deployed and applied
        var deployed = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace(
            "status: requested", "status: deployed\n    deployed: 2026-11-20\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal)));
        var report = await harness.ApplyAsync(deployed);

        // Then BD's comment is onboarding's own, next to the outsider's
        report.Succeeded.ShouldBeTrue(report.Communities[0].Error);
        var marked = (await connections.InfrastructureIssues.ListCommentsAsync(phase3.Number)).Where(c => c.Body.Contains(marker, StringComparison.Ordinal)).ToList();
        marked.Select(c => c.Author).ShouldBe([Outsider, "onboarding-bot"]);
        marked[1].Body.ShouldContain("@example-org/bd: the prod hub of The alpha community was delivered on 2026-11-20");
    }

    [Fact]
    public async Task DriftIssue_AnOutsiderOpenedOneWithTheMarkerFirst_OpensItsOwnAndLeavesTheirsAlone()
    {
        // Given the examples applied, a hand edit in HubSpot, and an outsider's issue with the drift marker and label
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        using var connections = harness.Connect();
        var tidepool = (await connections.HubSpot.FindCommunityAsync("tidepool", ["name"]))!;
        await connections.HubSpot.UpdateCommunityAsync(tidepool.Id, new Dictionary<string, string?> { ["long_name"] = "Tidepool Obs" });
        using var issues = connections.RepositoryIssues(SandboxSeeds.ManifestRepository);
        using var outsider = connections.RepositoryIssues(SandboxSeeds.ManifestRepository, GitHubSeed.NoPushToken);
        var opened = await outsider.CreateIssueAsync(new NewIssue(DriftIssue.Title, $"{DriftIssue.Marker}\nNo drift.", []));
        var theirs = await issues.UpdateIssueAsync(opened.Number, new IssueChange(Labels: [DriftIssue.Label]));

        // When drift keeps its issue
        var report = await new DriftRunner(connections.CreateReader(), connections.HubSpot, harness.Settings, TurnupFixtures.Templates).RunAsync(ApplyHarness.Examples(), "communities", []);
        var outcome = await DriftIssue.SyncAsync(issues, report, DriftRenderer.Markdown(report), new DateOnly(2026, 11, 24));

        // Then it opened its own, and the outsider's is as it was
        outcome.Action.ShouldBe(DriftIssueAction.Opened);
        outcome.Issue!.Number.ShouldNotBe(theirs.Number);
        outcome.Issue.Author.ShouldBe("onboarding-bot");
        Shape(await issues.GetIssueAsync(theirs.Number)).ShouldBe(Shape(theirs));
    }

    /// <summary>What a person sees of an issue: its author, title, body, state and labels.</summary>
    private static string Shape(IssueRef issue) => $"{issue.Author} {issue.State} [{string.Join(", ", issue.Labels)}] {issue.Title}\n{issue.Body}";
}

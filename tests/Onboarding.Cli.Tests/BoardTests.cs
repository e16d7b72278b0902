using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Sandbox;
using Onboarding.Sandbox.GitHub;
using Onboarding.Testing;
using Onboarding.Testing.Contracts;

namespace Onboarding.Cli.Tests;

/// <summary>
/// Issue #20: apply puts each turnup issue it opens on the team's project, in its column and the next iteration, once;
/// after that the item is people's.
/// </summary>
public sealed class BoardTests
{
    /// <summary>The seeded board as the repository's onboarding.yaml configures it.</summary>
    private static readonly BoardSettings Board = new("example-org", 1) { Column = "Refined", WaitingColumn = "Waiting", IterationField = "Iteration" };

    private static readonly OnboardingSettings WithBoard = new() { GitHub = new GitHubSettings { Project = Board } };

    [Fact]
    public async Task Apply_FirstRun_PutsEveryTurnupIssueOnTheBoardInItsColumnAndTheNextIteration()
    {
        // Given the sandbox on 2026-11-24 (a Tuesday: the current iteration started on Monday the 23rd)
        await using var harness = await StartAsync();

        // When the examples are applied
        var report = await harness.ApplyAsync(ApplyHarness.Examples());

        // Then every turnup issue is on the board once: READY ones in Refined, NOT READY ones in Waiting, all in the next iteration
        report.Succeeded.ShouldBeTrue(string.Join("; ", report.Communities.Select(c => c.Error).OfType<string>()));
        var issues = await TurnupIssuesAsync(harness);
        issues.Count.ShouldBeGreaterThan(0);
        var board = Items(harness);
        board.Keys.Order().ShouldBe(issues.Keys.Order());
        foreach (var (nodeId, body) in issues)
            board[nodeId].ShouldBe((body.Contains("**Status: NOT READY**", StringComparison.Ordinal) ? "Waiting" : "Refined", "Iteration 4"));
        var scheduled = report.Communities.SelectMany(c => c.Steps).Where(s => s.Kind == StepKind.Schedule).ToList();
        scheduled.Count.ShouldBe(issues.Count);
        scheduled.ShouldAllBe(s => s.Link!.EndsWith("/orgs/example-org/projects/1", StringComparison.Ordinal));
        ContractChecker.ForSandbox().Check(harness.Sandbox.Journal.Entries.Where(e => e.Path == GitHubEmulator.GraphQLPath)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Apply_SecondRun_ChangesNothing_AndAnItemMovedByHandStays()
    {
        // Given the examples applied, then one item moved to In Progress and another taken out of its iteration by hand
        await using var harness = await StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        var moved = Items(harness).Keys.Order(StringComparer.Ordinal).Take(2).ToList();
        harness.Sandbox.GitHubEmulator.Store.Change(state =>
        {
            var project = state.Projects[0];
            var status = project.Fields.Single(f => f.Name == "Status");
            var iteration = project.Fields.Single(f => f.Name == "Iteration");
            var first = project.Items.Single(i => i.ContentNodeId == moved[0]);
            first.Values.Single(v => v.FieldNodeId == status.NodeId).OptionId = status.Options.Single(o => o.Name == "In Progress").Id;
            project.Items.Single(i => i.ContentNodeId == moved[1]).Values.RemoveAll(v => v.FieldNodeId == iteration.NodeId);
        });
        var before = Items(harness);
        var writes = harness.Sandbox.Journal.Entries.Count(e => e.ChangedState);

        // When apply runs again
        var report = await harness.ApplyAsync(ApplyHarness.Examples());

        // Then nothing is planned or written, and the items stay where people put them
        report.ChangeCount.ShouldBe(0);
        harness.Sandbox.Journal.Entries.Count(e => e.ChangedState).ShouldBe(writes);
        Items(harness).ShouldBe(before);
        before[moved[0]].Status.ShouldBe("In Progress");
        before[moved[1]].Iteration.ShouldBeNull();
    }

    [Fact]
    public async Task Apply_RunCutOffAfterAddingAnItem_NextRunSetsItsColumn()
    {
        // Given a first apply, after which one item lost its column and iteration (as if the run stopped right after adding it)
        await using var harness = await StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        var cut = Items(harness).Keys.Order(StringComparer.Ordinal).First();
        harness.Sandbox.GitHubEmulator.Store.Change(state => state.Projects[0].Items.Single(i => i.ContentNodeId == cut).Values.Clear());

        // When apply runs again
        var report = await harness.ApplyAsync(ApplyHarness.Examples());

        // Then that item, and only it, is placed; no second item is made
        report.ChangeCount.ShouldBe(1);
        Items(harness)[cut].Iteration.ShouldBe("Iteration 4");
        harness.Sandbox.GitHubEmulator.Store.Read(s => s.Projects[0].Items.Count).ShouldBe((await TurnupIssuesAsync(harness)).Count);
    }

    [Fact]
    public async Task Apply_TokenWithoutProjectAccess_FailsWithASentenceBeforeAnyIssueIsOpened()
    {
        // Given the sandbox's token that has no project scope
        await using var harness = await StartAsync();
        harness.GitHubToken = GitHubSeed.NoProjectToken;

        // When the examples are applied
        var report = await harness.ApplyAsync(ApplyHarness.Examples());

        // Then every community with turnup issues fails with the sentence naming the permission, and no issue exists
        report.Succeeded.ShouldBeFalse();
        var failed = report.Communities.Where(c => c.Error is not null).ToList();
        failed.ShouldNotBeEmpty();
        failed.ShouldAllBe(c => c.Error!.StartsWith("Could not read example-org project 1: the GitHub token may not use example-org project 1", StringComparison.Ordinal));
        failed[0].Error!.ShouldContain("A classic token needs the 'project' scope");
        (await TurnupIssuesAsync(harness)).ShouldBeEmpty();
        harness.Sandbox.Journal.Entries.ShouldNotContain(e => e.Service == "github" && e.ChangedState);
    }

    [Fact]
    public async Task Apply_TokenThatMayOnlyReadTheProject_OpensNoIssue()
    {
        // Given a token that may read projects but not change them
        var seed = SandboxSeeds.GitHub();
        await using var harness = await StartAsync(seed with { Tokens = [.. seed.Tokens, new GitHubTokenSeed("ghp_readProjects", "onboarding-bot") { ProjectAccess = GitHubProjectAccess.Read }] });
        harness.GitHubToken = "ghp_readProjects";

        // When
        var report = await harness.ApplyAsync(ApplyHarness.Examples());

        // Then the communities that would schedule issues are refused before their first write
        var failed = report.Communities.Where(c => c.Error is not null).ToList();
        failed.ShouldNotBeEmpty();
        failed[0].Error!.ShouldContain("can read the Engineering board (example-org project 1) but not change it");
        (await TurnupIssuesAsync(harness)).ShouldBeEmpty();
    }

    private static Task<ApplyHarness> StartAsync(GitHubSeed? gitHub = null) =>
        ApplyHarness.StartAsync(new SandboxOptions { GitHub = gitHub ?? SandboxSeeds.GitHub() }, WithBoard);

    /// <summary>Every open turnup issue's node id and body.</summary>
    private static async Task<Dictionary<string, string>> TurnupIssuesAsync(ApplyHarness harness)
    {
        using var connections = harness.Connect();
        var issues = await connections.InfrastructureIssues.ListIssuesByLabelAsync(harness.Settings.GitHub.TurnupLabels[0]);
        return issues.Where(i => i.State == "open").ToDictionary(i => i.NodeId!, i => i.Body, StringComparer.Ordinal);
    }

    /// <summary>Each item on the seeded board by its issue's node id: its column and iteration.</summary>
    private static Dictionary<string, (string? Status, string? Iteration)> Items(ApplyHarness harness) =>
        harness.Sandbox.GitHubEmulator.Store.Read(state =>
        {
            var project = state.Projects[0];
            var status = project.Fields.Single(f => f.Name == "Status");
            var iteration = project.Fields.Single(f => f.Name == "Iteration");
            return project.Items.ToDictionary(
                i => i.ContentNodeId,
                i => (
                    status.Options.FirstOrDefault(o => o.Id == i.Values.FirstOrDefault(v => v.FieldNodeId == status.NodeId)?.OptionId)?.Name,
                    iteration.Iterations.FirstOrDefault(t => t.Id == i.Values.FirstOrDefault(v => v.FieldNodeId == iteration.NodeId)?.IterationId)?.Title),
                StringComparer.Ordinal);
        });
}

using Onboarding.Core.Apply;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Bounded versions of the load benchmark (bench/Onboarding.Bench/LoadBenchmark.cs, docs/reliability.md).</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task ApplyOneChangedCommunity_RepositoryOf10AndOf100_SameRequestsPerService()
    {
        // Given the services holding what applying 10, and 100, generated communities left
        // When one community's manifest changes and apply runs for that manifest alone, as a push does
        var small = await RequestsForOneChangeAsync(10);
        var large = await RequestsForOneChangeAsync(100);

        // Then every service is asked exactly as often in both repositories
        small.Values.Sum().ShouldBeGreaterThan(0);
        large.ShouldBe(small);
    }

    /// <summary>The nightly's goal: a run over 1,000 communities with nothing to do sends at most 500 requests.</summary>
    private const double RequestsPerCommunity = 0.5;

    /// <summary>What a run reads once whatever its size (login, pipelines, the first page of each listing, …).</summary>
    private const int ConstantRequests = 15;

    [Theory]
    [InlineData(50)]
    [InlineData(100)]
    public async Task ApplyAll_NothingChanged_AtMostHalfARequestPerCommunity(int communities)
    {
        // Given the services holding what applying the communities left
        var (requests, report) = await RequestsForNoChangeAsync(communities);

        // When apply --all runs again, as the nightly does
        // Then nothing is done, and all services together are asked at most half a request per community, plus a
        // constant for what a run reads once
        TestContext.Current.TestOutputHelper?.WriteLine($"{communities} communities: " + string.Join(", ", requests.Select(r => $"{r.Key} {r.Value}")));
        report.Succeeded.ShouldBeTrue();
        report.ChangeCount.ShouldBe(0);
        requests.Values.Sum().ShouldBeLessThanOrEqualTo((int)(communities * RequestsPerCommunity) + ConstantRequests, string.Join(", ", requests.Select(r => $"{r.Key} {r.Value}")));
    }

    [Fact]
    public async Task ApplyAll_IssuesOpenedWithoutTheCommunityLabel_LabelsThemSoAPushFindsThem()
    {
        // Given a community whose four turnup issues lack its label, as an earlier version opened them
        await using var clock = FakeClock.Start();
        await using var rig = await LoadRig.StartAsync(2, limitsOn: false, clock: clock);
        var manifest = LoadRig.Repository(2).Where(d => d.Path == LoadRig.PathOf(1)).ToList();
        (await rig.ApplyAsync(manifest, wholeRepository: false, repositorySize: 2)).Succeeded.ShouldBeTrue();
        using var connections = new ServiceConnections(ApplyHarness.Access(rig.Sandbox), rig.Settings, rig.Time);
        var issues = connections.InfrastructureIssues;
        foreach (var issue in await issues.ListIssuesByLabelAsync("community:c000001"))
            await issues.UpdateIssueAsync(issue.Number, new IssueChange(Labels: [.. issue.Labels.Where(l => l != "community:c000001")]));
        (await issues.ListIssuesByLabelAsync("community:c000001")).ShouldBeEmpty();

        // When the nightly apply --all runs, and then a push changes the manifest
        var all = await rig.ApplyAsync(manifest, wholeRepository: true);
        var changed = LoadRig.Repository(2, changed: 1).Where(d => d.Path == LoadRig.PathOf(1)).ToList();
        var push = await rig.ApplyAsync(changed, wholeRepository: false, repositorySize: 2);

        // Then --all only labelled the three issues (phases 1 to 3 of its cluster), and the push updated the two its change concerns (phases 1
        // and 3 name the technical contact) instead of opening new ones
        all.Communities.ShouldHaveSingleItem().Steps.Select(s => s.Kind).ShouldBe(Enumerable.Repeat(StepKind.UpdateIssue, 3));
        push.Succeeded.ShouldBeTrue();
        push.Communities.ShouldHaveSingleItem().Steps.Count(s => s.Kind == StepKind.UpdateIssue).ShouldBe(2);
        push.Communities[0].Steps.ShouldNotContain(s => s.Kind == StepKind.OpenIssue);
        (await issues.ListIssuesByLabelAsync("new-hub")).Count.ShouldBe(3);
        (await issues.ListIssuesByLabelAsync("community:c000001")).Count.ShouldBe(3);
    }

    private static Task<(Dictionary<string, int> Requests, ApplyReport Report)> RequestsForNoChangeAsync(int size) =>
        AfterApplyingAsync(size, async rig =>
        {
            var report = await rig.ApplyAsync(LoadRig.Repository(size), wholeRepository: true);
            return (Requests(rig), report);
        });

    private static Task<Dictionary<string, int>> RequestsForOneChangeAsync(int size) =>
        AfterApplyingAsync(size, async rig =>
        {
            var changed = LoadRig.Repository(size, changed: 1).Where(d => d.Path == LoadRig.PathOf(1)).ToList();
            var report = await rig.ApplyAsync(changed, wholeRepository: false, repositorySize: size);
            report.Succeeded.ShouldBeTrue();
            report.ChangeCount.ShouldBeGreaterThan(0);
            return Requests(rig);
        });

    /// <summary>Runs <paramref name="then"/> on a rig with the limits on, over services holding what applying <paramref name="size"/> generated communities left.</summary>
    private static async Task<T> AfterApplyingAsync<T>(int size, Func<LoadRig, Task<T>> then)
    {
        var state = Directory.CreateTempSubdirectory("onboarding-load-");
        try
        {
            await using var clock = FakeClock.Start();
            await using (var seeding = await LoadRig.StartAsync(size, limitsOn: false, state.FullName, clock: clock))
                (await seeding.SeedAsync(LoadRig.Repository(size))).Succeeded.ShouldBeTrue();

            await using var rig = await LoadRig.StartAsync(size, limitsOn: true, state.FullName, clock: clock);
            return await then(rig);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static Dictionary<string, int> Requests(LoadRig rig) => rig.Load(rig.Sandbox.Journal.Entries).ToDictionary(l => l.Service, l => l.Requests);
}

/// <summary>
/// A first import under both services' limits, on the fake clock. A class of its own so that its 300 communities run
/// beside the other tests rather than after them.
/// </summary>
public sealed class FirstImportLoadTests
{
    /// <param name="communities">20 cross both limits' windows; 300 is the first import the load benchmark measures,
    /// read in bulk, then by keys for every community the snapshot lacks.</param>
    [Theory]
    [InlineData(20)]
    [InlineData(300)]
    public async Task ApplyAll_FirstImportUnderTheLimits_NoRequestRefusedForRate(int communities)
    {
        // Given HubSpot's 100 requests per 10 s, and a Freshdesk plan of 100 per minute, both of which a first import
        // goes past
        await using var clock = FakeClock.Start();
        await using var rig = await LoadRig.StartAsync(communities, limitsOn: true, freshdeskLimit: 100, clock: clock);

        // When
        var report = await rig.ApplyAsync(LoadRig.Repository(communities), wholeRepository: true, allowLargeChange: true);

        // Then every community is onboarded and no request was refused for rate
        report.Communities.Where(c => c.Outcome != CommunityOutcome.Applied).Select(c => $"{c.Name}: {c.Error}").ShouldBeEmpty();
        var loads = rig.Load(rig.Sandbox.Journal.Entries).ToDictionary(l => l.Service);
        loads["hubspot"].Requests.ShouldBeGreaterThan(100);
        loads["freshdesk"].Requests.ShouldBeGreaterThan(100);
        rig.Sandbox.Journal.Entries.Where(e => e.Status == 429).Select(e => $"{e.Service} {e.Method} {e.Path}").ShouldBeEmpty();
    }
}

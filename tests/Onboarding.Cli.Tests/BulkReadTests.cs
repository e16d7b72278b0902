using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Services;
using Onboarding.Services.Planning;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Reading many communities from one snapshot of each service (docs/architecture.md, docs/reliability.md).</summary>
public sealed class BulkReadTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public async Task Plan_ExamplesWithVariedState_BulkReaderPlansAsTheReaderByKeys()
    {
        // Given the example communities applied, then changed by hand: a HubSpot value, a contact's label, a helpdesk
        // contact and a sent email's ticket gone, and one of the turnup issues closed
        await using var harness = await ApplyHarness.StartAsync();
        var examples = ApplyHarness.Examples();
        (await harness.ApplyAsync(examples, wholeRepository: true)).Succeeded.ShouldBeTrue();
        using (var connections = harness.Connect())
            await VaryAsync(harness.Sandbox, connections, [.. examples.Select(d => d.Community.Name)]);

        // When every community is planned by its keys, and in bulk
        using var reading = harness.Connect();
        var byKeys = await PlansAsync(reading.CreateReader(wholeRepository: true), harness.Settings, examples);
        var inBulk = await PlansAsync(reading.CreateReader(wholeRepository: true, bulk: true), harness.Settings, examples);

        // Then the plans are the same, and the changes were noticed
        inBulk.ShouldBe(byKeys);
        byKeys.Count(p => !p.Contains("\"Steps\":[]", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Plan_GeneratedCommunitiesWithVariedState_BulkReaderPlansAsTheReaderByKeys()
    {
        // Given 14 generated communities (some with a hub deployed days ago, so an email and a delivery are due), 11 of
        // them applied, one manifest since changed, and the services changed by hand in many ways
        const int count = 14;
        await using var clock = FakeClock.Start();
        await using var rig = await LoadRig.StartAsync(count, limitsOn: false, clock: clock);
        var documents = Generated(count);
        (await rig.SeedAsync([.. documents.Take(11)])).Succeeded.ShouldBeTrue();
        documents = Generated(count, changed: 7);
        using (var connections = new ServiceConnections(SandboxAccess.Of(rig.Sandbox), rig.Settings, rig.Time))
            await VaryAsync(rig.Sandbox, connections, [.. documents.Take(11).Select(d => d.Community.Name)]);

        // When every community is planned by its keys, and in bulk
        using var reading = new ServiceConnections(SandboxAccess.Of(rig.Sandbox), rig.Settings, rig.Time);
        var before = rig.Sandbox.Journal.Entries.Count;
        var byKeys = await PlansAsync(reading.CreateReader(wholeRepository: true), rig.Settings, documents);
        var between = rig.Sandbox.Journal.Entries.Count;
        var inBulk = await PlansAsync(reading.CreateReader(wholeRepository: true, bulk: true), rig.Settings, documents);

        // Then the plans are the same, community by community, and the unchanged ones came from the snapshot
        inBulk.ShouldBe(byKeys);
        (rig.Sandbox.Journal.Entries.Count - between).ShouldBeLessThan((between - before) * 3 / 4);
        byKeys.Count(p => !p.Contains("\"Steps\":[]", StringComparison.Ordinal)).ShouldBeGreaterThan(6);
    }

    [Fact]
    public async Task Plan_CompanyMadeAfterTheSnapshot_BulkReaderFindsItInsteadOfPlanningItAgain()
    {
        // Given six applied communities, the last one's company deleted, and a bulk reader that has read its snapshot
        // (planning the first community) while the company was missing
        await using var clock = FakeClock.Start();
        await using var rig = await LoadRig.StartAsync(6, limitsOn: false, clock: clock);
        var documents = LoadRig.Repository(6);
        (await rig.SeedAsync(documents)).Succeeded.ShouldBeTrue();
        using var connections = new ServiceConnections(SandboxAccess.Of(rig.Sandbox), rig.Settings, rig.Time);
        var last = documents[5].Community.Name;
        using var http = FreshdeskHttp(rig.Sandbox);
        var old = await connections.Freshdesk.FindCompanyByNameAsync(last);
        (await http.DeleteAsync(Api(rig.Sandbox, $"companies/{old!.Id}"))).EnsureSuccessStatusCode();
        var reader = connections.CreateReader(wholeRepository: true, bulk: true);
        (await PlansAsync(reader, rig.Settings, [documents[0]])).ShouldHaveSingleItem();

        // When the company is made again (as another run would) before the last community is planned
        var made = await connections.Freshdesk.CreateCompanyAsync(last, new Dictionary<string, string?>());
        var plan = await PlanBuilder.PlanOneAsync(new PlanInput(documents[5], null), reader, rig.Settings, TurnupFixtures.Templates, Today);

        // Then the plan does not make it a second time: the snapshot's word that it was missing was checked by name
        plan.Steps.OfType<CreateCompany>().ShouldBeEmpty();
        plan.Observed.Company.ShouldNotBeNull().Id.ShouldBe(made.Id);
    }

    [Fact]
    public async Task ApplyAllInBulk_StoppedAtEveryRequestInTurn_CleanRerunEndsAsAnUndisturbedRun()
    {
        // Given the number of requests an undisturbed bulk apply of two example communities makes
        var documents = ApplyHarness.Examples().Take(2).ToList();
        await using var reference = await ApplyHarness.StartAsync();
        (await reference.ApplyAsync(documents, wholeRepository: true, bulk: true)).Succeeded.ShouldBeTrue();
        var requests = reference.Sandbox.Journal.Entries.Count;
        var expected = await reference.SnapshotAsync(documents);

        // When a run dies at request n (that request and every later one are cut off), for every n, and a clean run
        // follows, which reads the half-made state in bulk
        for (var n = 0; n < requests; n++)
        {
            await using var harness = await ApplyHarness.StartAsync();
            var budget = new RequestBudget(n);
            foreach (var host in new[] { harness.Sandbox.HubSpot, harness.Sandbox.Freshdesk, harness.Sandbox.GitHub })
                host.Faults.CutOffAfter(budget);
            var dying = await harness.ApplyAsync(documents, maxRetries: 0, wholeRepository: true, bulk: true);
            foreach (var host in new[] { harness.Sandbox.HubSpot, harness.Sandbox.Freshdesk, harness.Sandbox.GitHub })
                host.Faults.Clear();

            var rerun = await harness.ApplyAsync(documents, wholeRepository: true, bulk: true);

            // Then nothing is made twice, and nothing is left out
            dying.Succeeded.ShouldBeFalse($"stopped at request {n}");
            rerun.Succeeded.ShouldBeTrue($"stopped at request {n}: {string.Join("; ", rerun.Communities.Select(c => c.Error))}");
            (await harness.SnapshotAsync(documents)).ShouldBe(expected, $"stopped at request {n}");
        }
    }

    /// <summary>Generated manifests; every sixth community's hub was deployed days ago, so its email and delivery are due.</summary>
    private static List<ManifestDocument> Generated(int count, int? changed = null) =>
        ApplyHarness.Documents([.. Enumerable.Range(0, count).Select(n =>
        {
            var text = n == changed ? LoadRig.Changed(n) : ManifestText.Generated(n);
            if (n % 6 == 0)
                text = text.Replace($"deployed: \"2025-0{1 + (n % 9)}-20\"", "deployed: \"2026-11-20\"", StringComparison.Ordinal);
            return (LoadRig.PathOf(n), text);
        })]);

    private static async Task<List<string>> PlansAsync(IObservedStateReader reader, OnboardingSettings settings, IReadOnlyList<ManifestDocument> documents)
    {
        var plans = new List<string>();
        foreach (var document in documents.OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            var plan = await PlanBuilder.PlanOneAsync(new PlanInput(document, null), reader, settings, TurnupFixtures.Templates, Today);
            plans.Add(JsonSerializer.Serialize(plan) + "\n" + string.Join("\n", plan.Steps.Select(s => JsonSerializer.Serialize<object>(s))) + "\n" + PlanRenderer.CommunityMarkdown(plan));
        }

        return plans;
    }

    /// <summary>Changes by hand, each to another community (in turn): what a plan must notice, bulk or not.</summary>
    private static async Task VaryAsync(SandboxServer sandbox, ServiceConnections connections, IReadOnlyList<string> communities)
    {
        var hubSpot = connections.HubSpot;
        var freshdesk = connections.Freshdesk;
        var issues = connections.InfrastructureIssues;
        using var http = FreshdeskHttp(sandbox);
        for (var i = 0; i < communities.Count; i++)
        {
            var name = communities[i];
            var record = await hubSpot.FindCommunityAsync(name, ["long_name"]);
            record.ShouldNotBeNull();
            var contacts = await hubSpot.ReadCommunityContactsAsync(record.Id);
            switch (i % 6)
            {
                case 0:
                    await hubSpot.UpdateCommunityAsync(record.Id, new Dictionary<string, string?> { ["long_name"] = "Edited by hand " + i.ToString(CultureInfo.InvariantCulture) });
                    break;
                case 1:
                    await hubSpot.RemoveCommunityContactAsync(record.Id, contacts[0].ToObjectId);
                    break;
                case 2:
                {
                    var person = (await hubSpot.ReadContactsAsync([contacts[^1].ToObjectId], ["email"]))[0]["email"]!;
                    var helpdesk = await freshdesk.FindContactByEmailAsync(person);
                    (await http.DeleteAsync(Api(sandbox, $"contacts/{helpdesk!.Id}"))).EnsureSuccessStatusCode();
                    break;
                }

                case 3:
                {
                    var company = await freshdesk.FindCompanyByNameAsync(name);
                    (await http.DeleteAsync(Api(sandbox, $"companies/{company!.Id}"))).EnsureSuccessStatusCode();
                    break;
                }

                case 4:
                {
                    var own = (await ApplyHarness.TurnupIssuesAsync(issues, name)).OrderBy(t => t.Issue.Number).ToList();
                    if (own.Count > 0)
                        await issues.UpdateIssueAsync(own[0].Issue.Number, new IssueChange(State: IssueState.Closed));
                    break;
                }

                default:
                {
                    var person = (await hubSpot.ReadContactsAsync([contacts[0].ToObjectId], ["email"]))[0]["email"]!;
                    var helpdesk = await freshdesk.FindContactByEmailAsync(person);
                    foreach (var ticket in await freshdesk.ListTicketsAsync(Onboarding.Core.Services.Freshdesk.FreshdeskTicketScope.Requester(helpdesk!.Id) with { UpdatedSince = DateTimeOffset.UnixEpoch }))
                        (await http.DeleteAsync(Api(sandbox, $"tickets/{ticket.Id}"))).EnsureSuccessStatusCode();
                    break;
                }
            }
        }
    }

    private static HttpClient FreshdeskHttp(SandboxServer sandbox)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(sandbox.Options.Freshdesk.ApiKey + ":X")));
        return http;
    }

    private static Uri Api(SandboxServer sandbox, string path) => new($"{sandbox.Freshdesk.BaseAddress.ToString().TrimEnd('/')}/api/v2/{path}");
}

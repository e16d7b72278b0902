using System.Text.RegularExpressions;
using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Sandbox;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Apply makes its changes in the order of the plan the reviewer saw.</summary>
public sealed class ApplyOrderTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private const string NoTechnicalContact = "technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n";

    /// <summary>Which step a state-changing request belongs to; a note and a resolution both write to the open request.</summary>
    private static readonly (string Service, string Method, Regex Path, string Step)[] Writes =
    [
        ("hubspot", "POST", Path("^/crm/v3/objects/notes$"), nameof(AddDeliveryNote)),
        ("hubspot", "POST", Path("^/crm/v3/objects/contacts/batch/upsert$"), nameof(UpsertContact)),
        ("hubspot", "POST", Path("^/crm/v3/objects/[^/]+$"), nameof(CreateCommunity)),
        ("hubspot", "PATCH", Path("^/crm/v3/objects/[^/]+/[^/]+$"), nameof(UpdateCommunity)),
        ("hubspot", "POST", Path("/contacts/batch/create$"), nameof(AddLabel)),
        ("hubspot", "POST", Path("/contacts/batch/labels/archive$"), nameof(RemoveLabel)),
        ("hubspot", "PUT", Path("/associations/deals/[^/]+$"), nameof(AssociateDeal)),
        ("freshdesk", "POST", Path("^/api/v2/companies$"), nameof(CreateCompany)),
        ("freshdesk", "PUT", Path(@"^/api/v2/companies/\d+$"), nameof(UpdateCompany)),
        ("freshdesk", "POST", Path("^/api/v2/contacts$"), nameof(CreateHelpdeskContact)),
        ("freshdesk", "PUT", Path(@"^/api/v2/contacts/\d+$"), nameof(UpdateHelpdeskContact)),
        ("freshdesk", "POST", Path("^/api/v2/tickets$"), nameof(OpenMissingInformationRequest)),
        ("freshdesk", "POST", Path("^/api/v2/tickets/outbound_email$"), nameof(SendHubAvailableEmail)),
        ("freshdesk", "POST", Path(@"^/api/v2/tickets/\d+/notes$"), "the open request"),
        ("freshdesk", "PUT", Path(@"^/api/v2/tickets/\d+$"), "the open request"),
        ("github", "POST", Path("/issues$"), nameof(OpenTurnupIssue)),
        ("github", "PATCH", Path(@"/issues/\d+$"), nameof(UpdateTurnupIssue)),
        ("github", "POST", Path(@"/issues/\d+/comments$"), nameof(AddDeliveryComment)),
        ("github", "POST", Path("graphql$"), nameof(PlaceOnBoard)),
    ];

    /// <summary>The seeded board, so that turnup issues are put on it too.</summary>
    private static readonly OnboardingSettings WithBoard = new()
    {
        GitHub = new GitHubSettings { Project = new BoardSettings("example-org", 1) { Column = "Refined", WaitingColumn = "Waiting", IterationField = "Iteration" } },
    };

    [Fact]
    public async Task Execute_EveryKindOfStep_WritesInThePlansOrder()
    {
        // Given a community as it grows: two representatives and no technical contact (a request is opened); then
        // fewer hub details (the request is noted); then the hub deployed, a technical contact instead of the second
        // representative, a renamed representative, a new long name and a second deal (the request is resolved,
        // the community is told, then BD)
        await using var harness = await ApplyHarness.StartAsync(new SandboxOptions(), WithBoard);
        var complete = ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId);
        var asked = complete.Replace(NoTechnicalContact, "", StringComparison.Ordinal)
            .Replace("    email: rep.one@alpha.example.org\n", "    email: rep.one@alpha.example.org\n  - name: Rep Two\n    email: rep.two@alpha.example.org\n", StringComparison.Ordinal);
        var askedMore = asked.Replace("      admins: [rep-one]\n", "", StringComparison.Ordinal);
        var deployed = complete
            .Replace("The alpha community", "The Alpha Community of Practice", StringComparison.Ordinal)
            .Replace("name: Rep One", "name: Rep Owens", StringComparison.Ordinal)
            .Replace($"deals: [\"{HubSpotSeed.ContractAdminDealId}\"]", $"deals: [\"{HubSpotSeed.ContractAdminDealId}\", \"{HubSpotSeed.ClosedWonDealId}\"]", StringComparison.Ordinal)
            .Replace("status: requested", "status: deployed\n    deployed: 2026-11-20\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal);

        var planned = new HashSet<Type>();
        foreach (var (text, stage) in new[] { (asked, "asked"), (askedMore, "asked for more"), (deployed, "deployed") })
        {
            // When each version is planned and the plan executed
            using var connections = harness.Connect();
            var document = ApplyHarness.Documents(("communities/alpha.yaml", text)).Single();
            var plan = await PlanBuilder.PlanOneAsync(new PlanInput(document, null), connections.CreateReader(), harness.Settings, TurnupFixtures.Templates, Today);
            var before = harness.Sandbox.Journal.Entries.Count;
            var results = await new PlanExecutor(connections.HubSpot, connections.Freshdesk, connections.InfrastructureIssues, harness.Settings, connections.Projects).ExecuteAsync(plan);
            var writes = harness.Sandbox.Journal.Entries.Skip(before).Where(e => e.ChangedState).Select(StepWriting).ToList();

            // Then the services were written in the plan's order, the contacts and the labels each in one batch, and
            // the report lists the steps as planned
            Runs(writes).ShouldBe(Runs(plan.Steps.Select(StepName)), $"{stage}: wrote {string.Join(", ", writes)}");
            writes.Count(w => w == nameof(UpsertContact)).ShouldBe(plan.Steps.Any(s => s is UpsertContact) ? 1 : 0, stage);
            writes.Count(w => w == nameof(AddLabel)).ShouldBe(plan.Steps.Any(s => s is AddLabel) ? 1 : 0, stage);
            results.Select(r => r.Key).ShouldBe(plan.Steps.Select(s => s.Key), stage);
            planned.UnionWith(plan.Steps.Select(s => s.GetType()));
        }

        // And the walk met every kind of step there is
        var kinds = typeof(PlanStep).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PlanStep)) && !t.IsAbstract);
        kinds.Except(planned).Select(t => t.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task Execute_HubDeployed_EmailsTheCommunityBeforeTellingBd()
    {
        // Given a community applied while its hub was requested
        await using var harness = await ApplyHarness.StartAsync();
        var requested = ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId);
        await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", requested)));
        var writesBefore = harness.Sandbox.Journal.StateChanges.Count;

        // When the hub is marked deployed and applied
        var deployed = requested.Replace("status: requested", "status: deployed\n    deployed: 2026-11-20\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal);
        var report = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", deployed)));

        // Then the email went out first, then BD's note and comment, as the plan lists them
        report.Succeeded.ShouldBeTrue(report.Communities[0].Error);
        var messages = harness.Sandbox.Journal.StateChanges.Skip(writesBefore).Select(StepWriting)
            .Where(s => s is nameof(SendHubAvailableEmail) or nameof(AddDeliveryNote) or nameof(AddDeliveryComment));
        messages.ShouldBe([nameof(SendHubAvailableEmail), nameof(AddDeliveryNote), nameof(AddDeliveryComment)]);
    }

    private static Regex Path(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string StepWriting(JournalEntry entry) =>
        Writes.FirstOrDefault(w => w.Service == entry.Service && w.Method == entry.Method && w.Path.IsMatch(entry.Path)).Step
        ?? $"{entry.Service} {entry.Method} {entry.Path}";

    private static string StepName(PlanStep step) =>
        step is NoteMissingInformationRequest or ResolveMissingInformationRequest ? "the open request" : step.GetType().Name;

    /// <summary>Consecutive repeats as one: a batch is one request for several steps, a note with its tag two for one.</summary>
    private static List<string> Runs(IEnumerable<string> steps)
    {
        var runs = new List<string>();
        foreach (var step in steps)
        {
            if (runs.Count == 0 || runs[^1] != step)
                runs.Add(step);
        }

        return runs;
    }
}

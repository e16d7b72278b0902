using System.Net.Http.Headers;
using Onboarding.Cli.Commands;
using Onboarding.Core.Drift;
using Onboarding.Sandbox;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class DriftCommandTests
{
    [Fact]
    public async Task Drift_HandEditsInHubSpotAndFreshdesk_ListsEachWithItsManifestLineAndWritesNeitherService()
    {
        // Given the examples applied to a kept sandbox, then changed by hand in HubSpot and Freshdesk
        using var repo = RepositoryFiles.ExamplesRepository();
        var state = Path.Combine(repo.Root, ".sandbox");
        await using (var harness = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state }))
        {
            (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
            using var connections = harness.Connect();
            var hubSpot = connections.HubSpot;
            var tidepool = (await hubSpot.FindCommunityAsync("tidepool", ["name"]))!;
            var riverbend = (await hubSpot.FindCommunityAsync("riverbend", ["name"]))!;
            var heliolab = (await hubSpot.FindCommunityAsync("heliolab", ["name"]))!;

            // a property edited, a name edited, a label changed
            await hubSpot.UpdateCommunityAsync(tidepool.Id, new Dictionary<string, string?> { ["long_name"] = "Tidepool Obs" });
            await hubSpot.UpsertContactsByEmailAsync([new("kofi.mensah@tidepool.example.org", new Dictionary<string, string?> { ["firstname"] = "Kofe" })]);
            var labels = await hubSpot.ReadCommunityContactLabelsAsync();
            var lena = (await hubSpot.FindContactsByEmailAsync(["lena.vogel@tidepool.example.org"], ["email"])).Single();
            await hubSpot.RemoveCommunityContactLabelAsync(tidepool.Id, lena.Id, labels.Single(l => l.Label == "Technical Contact").TypeId);
            await hubSpot.AssociateCommunityContactAsync(tidepool.Id, lena.Id, labels.Single(l => l.Label == "Community Representative").TypeId);

            // a contact deleted, a deal association removed, a deal associated that the manifest does not list
            var priya = (await hubSpot.FindContactsByEmailAsync(["p.raman@riverbend.example.edu"], ["email"])).Single();
            using var http = HubSpotHttp(harness.Sandbox);
            (await http.DeleteAsync($"crm/v3/objects/contacts/{priya.Id}")).EnsureSuccessStatusCode();
            (await http.DeleteAsync($"crm/v4/objects/{harness.Settings.HubSpot.CommunityObjectType}/{riverbend.Id}/associations/deals/14142135623")).EnsureSuccessStatusCode();
            await hubSpot.AssociateCommunityDealAsync(heliolab.Id, "19380000104");

            // a Freshdesk company field edited, and a community onboarded by hand with no manifest
            var company = (await connections.Freshdesk.FindCompanyByNameAsync("riverbend"))!;
            await connections.Freshdesk.UpdateCompanyCustomFieldsAsync(company.Id, new Dictionary<string, string?> { ["community_representatives"] = "Jordan Ellis <j.ellis@riverbend.example.edu>" });
            await hubSpot.CreateCommunityAsync(new Dictionary<string, string?> { ["name"] = "saltmarsh", ["long_name"] = "Salt Marsh Ecology Network" });
        }

        var before = ServiceFiles(state);

        // When drift runs
        var (exit, output, error) = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then every difference is listed at the manifest line to change
        exit.ShouldBe(0, error);
        output.ShouldStartWith("11 differences between HubSpot or Freshdesk and the manifests.");
        output.ShouldContain("communities/tidepool.yaml:4 (long_name): HubSpot: HubSpot's long_name of community tidepool is \"Tidepool Obs\"; the manifest says \"Tidepool Coastal Observatory Consortium\".");
        output.ShouldContain("communities/tidepool.yaml:31 (technical_contacts[0].name): HubSpot: HubSpot's contact kofi.mensah@tidepool.example.org has firstname \"Kofe\"; the manifest gives firstname \"Kofi\".");
        output.ShouldContain("communities/tidepool.yaml:35 (technical_contacts[1].email): HubSpot: lena.vogel@tidepool.example.org is not associated with community tidepool as Technical Contact in HubSpot (the label was removed or changed).");
        output.ShouldContain("communities/tidepool.yaml:35 (technical_contacts[1].email): HubSpot: lena.vogel@tidepool.example.org is associated with community tidepool as Community Representative in HubSpot, but the manifest does not list them in representatives.");
        output.ShouldContain("communities/riverbend.yaml:19 (representatives[1].email): HubSpot: p.raman@riverbend.example.edu is not a contact in HubSpot.");
        output.ShouldContain("communities/riverbend.yaml:26 (deals[1]): HubSpot: Deal 14142135623 is not associated with community riverbend in HubSpot (the association was removed).");
        output.ShouldContain("communities/riverbend.yaml:14 (representatives): Freshdesk: Freshdesk's community_representatives of company riverbend is \"Jordan Ellis <j.ellis@riverbend.example.edu>\"");
        output.ShouldContain("communities/heliolab.yaml:24 (deals): HubSpot: Deal 19380000104 is associated with community heliolab in HubSpot but is not in the manifest's deals.");
        output.ShouldContain("communities/saltmarsh.yaml: HubSpot: HubSpot has a Community record saltmarsh (\"Salt Marsh Ecology Network\") that no manifest describes.");
        output.ShouldContain("Add a manifest: onboarding import writes communities/saltmarsh.yaml from HubSpot.");
        output.ShouldContain("communities/lakeshore.yaml: HubSpot: HubSpot has a Community record lakeshore (\"Lakeshore Freshwater Data Collaborative\") that no manifest describes.");
        output.ShouldContain("Opened the drift issue #1 in example-org/onboarding.");

        // And HubSpot and Freshdesk kept exactly what they held
        ServiceFiles(state).ShouldBe(before);

        // And the one issue lists the differences
        var issue = await DriftIssueAsync(state);
        issue.State.ShouldBe("open");
        issue.Body.ShouldStartWith(DriftIssue.Marker + "\n11 differences");
        issue.Body.ShouldContain("| communities/tidepool.yaml:4 `long_name` | HubSpot |");
    }

    [Fact]
    public async Task Drift_RunAgainFixedAndEditedAgain_KeepsOneIssueUpdatedClosedAndReopened()
    {
        // Given the examples applied to a kept sandbox (no community onboarded by hand) and tidepool's long name edited in HubSpot
        using var repo = RepositoryFiles.ExamplesRepository();
        var state = Path.Combine(repo.Root, ".sandbox");
        await using (var harness = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state, HubSpot = SandboxSeeds.HubSpot(handOnboarded: false) }))
        {
            (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
            await EditLongNameAsync(harness, "Tidepool Obs");
        }

        // When drift runs twice, the edit is undone by apply, drift runs, the edit is made again, and drift runs
        var first = CliRun.InRepository(repo, "drift", "--sandbox");
        var second = CliRun.InRepository(repo, "drift", "--sandbox", "--fail-on-drift");
        await using (var harness = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state }))
            (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        var clean = CliRun.InRepository(repo, "drift", "--sandbox", "--fail-on-drift");
        await using (var harness = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state }))
            await EditLongNameAsync(harness, "Tidepool Again");
        var back = CliRun.InRepository(repo, "drift", "--sandbox", "-o", "json");

        // Then the issue is opened, left alone, closed, then reopened with the new value: always the same one
        first.Out.ShouldContain("Opened the drift issue #1 in example-org/onboarding.");
        second.Exit.ShouldBe(DriftCommand.DriftFound);
        second.Out.ShouldContain("The drift issue #1 in example-org/onboarding already lists these differences.");
        clean.Exit.ShouldBe(0, clean.Error);
        clean.Out.ShouldStartWith("No drift: HubSpot and Freshdesk agree with the 3 manifest(s).");
        clean.Out.ShouldContain("Closed the drift issue #1 in example-org/onboarding: no drift any more.");
        back.Exit.ShouldBe(0, back.Error);
        back.Out.ShouldContain("\"action\": \"reopened\"");
        back.Out.ShouldContain("\"inService\": \"Tidepool Again\"");

        await using var after = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state });
        using var connections = after.Connect();
        using var issues = connections.RepositoryIssues(SandboxSeeds.ManifestRepository);
        var all = await issues.ListIssuesByLabelAsync(DriftIssue.Label);
        var issue = all.ShouldHaveSingleItem();
        issue.State.ShouldBe("open");
        issue.Body.ShouldContain("Tidepool Again");
        var comments = (await issues.ListCommentsAsync(issue.Number)).Select(c => c.Body).ToList();
        comments.ShouldBe([
            "No drift on 2026-11-24: HubSpot and Freshdesk agree with the manifests again. Closing.",
            "Drift is back on 2026-11-24: 1 difference (listed above).",
        ]);
    }

    [Fact]
    public async Task DriftRunner_HandEditAndIssueKept_ReadsBothServicesAndWritesOnlyTheIssue()
    {
        // Given the examples applied and tidepool's long name edited in HubSpot
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();
        await EditLongNameAsync(harness, "Tidepool Obs");
        using var connections = harness.Connect();
        using var issues = connections.RepositoryIssues(SandboxSeeds.ManifestRepository);
        harness.Sandbox.Journal.Clear();

        // When drift compares and keeps its issue
        var report = await new DriftRunner(connections.CreateReader(), connections.HubSpot, harness.Settings, TurnupFixtures.Templates).RunAsync(ApplyHarness.Examples(), "communities", []);
        var outcome = await DriftIssue.SyncAsync(issues, report, DriftRenderer.Markdown(report), new DateOnly(2026, 11, 24));

        // Then it found the edit and the two communities without a manifest, read HubSpot and Freshdesk, and its only write opened the issue
        report.Items.Select(i => $"{i.Place} {i.Kind}").ShouldBe([
            "communities/lakeshore.yaml NoManifest",
            "communities/prairie.yaml NoManifest",
            "communities/tidepool.yaml:4 PropertyEdited",
        ]);
        outcome.Action.ShouldBe(DriftIssueAction.Opened);
        var journal = harness.Sandbox.Journal;
        journal.Entries.ShouldContain(e => e.Service == "hubspot");
        journal.Entries.ShouldContain(e => e.Service == "freshdesk");
        journal.StateChanges.Select(e => $"{e.Service} {e.Method} {e.Path}").ShouldBe(["github POST /api/v3/repos/example-org/onboarding/issues"]);
    }

    [Fact]
    public void Drift_ManifestsNeverApplied_OneDifferencePerServiceNotOnePerPerson()
    {
        // Given the examples and a fresh sandbox that has never seen them
        using var repo = RepositoryFiles.ExamplesRepository();

        // When
        var (exit, output, error) = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then each community is missing once in HubSpot and once in Freshdesk, at its name line
        exit.ShouldBe(0, error);
        output.ShouldContain("communities/tidepool.yaml:3 (name): HubSpot: HubSpot has no Community record named tidepool.");
        output.ShouldContain("communities/tidepool.yaml:3 (name): Freshdesk: Freshdesk has no company named tidepool.");
        output.ShouldNotContain("is not a contact");
        output.ShouldStartWith("8 differences between HubSpot or Freshdesk and the manifests.");
    }

    private static async Task EditLongNameAsync(ApplyHarness harness, string value)
    {
        using var connections = harness.Connect();
        var tidepool = (await connections.HubSpot.FindCommunityAsync("tidepool", ["name"]))!;
        await connections.HubSpot.UpdateCommunityAsync(tidepool.Id, new Dictionary<string, string?> { ["long_name"] = value });
    }

    private static async Task<Onboarding.Core.Services.GitHub.IssueRef> DriftIssueAsync(string state)
    {
        await using var harness = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = state });
        using var connections = harness.Connect();
        using var issues = connections.RepositoryIssues(SandboxSeeds.ManifestRepository);
        return (await issues.FindIssuesByMarkerAsync(DriftIssue.Marker, DriftIssue.Label)).ShouldHaveSingleItem();
    }

    private static HttpClient HubSpotHttp(SandboxServer sandbox)
    {
        var http = new HttpClient { BaseAddress = sandbox.HubSpot.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.Options.HubSpot.Tokens[0]);
        return http;
    }

    /// <summary>What HubSpot and Freshdesk keep between runs.</summary>
    private static Dictionary<string, string> ServiceFiles(string folder) =>
        new[] { "hubspot.json", "freshdesk.json" }.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder, f)), StringComparer.Ordinal);
}

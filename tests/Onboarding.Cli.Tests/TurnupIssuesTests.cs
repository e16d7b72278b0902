using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Issue #16's "done when": the turnup issues the sandbox's repository ends up with, one set per cluster.</summary>
public sealed class TurnupIssuesTests
{
    [Fact]
    public async Task Apply_TidepoolTwoHubsOnANewCluster_OnePhase1OnePhase2AndOnePhase3WithTwoHubSections()
    {
        // Given the sandbox
        await using var harness = await ApplyHarness.StartAsync();

        // When the examples are applied
        (await harness.ApplyAsync(ApplyHarness.Examples())).Succeeded.ShouldBeTrue();

        // Then tidepool's staging and prod share one set: phases 1 and 2 of its cluster, and one phase 3 with a section per hub
        using var connections = harness.Connect();
        var issues = await ApplyHarness.TurnupIssuesAsync(connections.InfrastructureIssues, "tidepool");
        issues.Select(i => i.Marker.Phase).Order().ShouldBe([TurnupPhase.CloudAccount, TurnupPhase.Cluster, TurnupPhase.HubSetup]);
        issues.ShouldAllBe(i => i.Marker.Cluster == "tidepool" && i.Marker.Hubs.SequenceEqual(new[] { "staging", "prod" }));
        var phase3 = issues.Single(i => i.Marker.Phase == TurnupPhase.HubSetup).Issue.Body;
        phase3.ShouldContain("\n### Hub 1: staging (READY)\n");
        phase3.ShouldContain("\n### Hub 2: prod (READY)\n");
        foreach (var (issue, marker) in issues)
            ShouldReadAsASubmission(issue, TurnupFixtures.Templates.For(marker.Phase)!);
    }

    [Fact]
    public async Task Apply_HubAddedToRiverbendsLiveCluster_OpensOnePhase3IssueAndNothingElse()
    {
        // Given riverbend applied, its prod hub live on its own cluster
        await using var harness = await ApplyHarness.StartAsync();
        var riverbend = File.ReadAllText(RepositoryFiles.PathOf("communities/riverbend.yaml"));
        (await harness.ApplyAsync(ApplyHarness.Documents(("communities/riverbend.yaml", riverbend)))).Succeeded.ShouldBeTrue();

        // When a second hub is requested
        var withStaging = riverbend.Replace("hubs:\n", """
            hubs:
              - name: staging
                domain: staging.riverbend.hubs.example.org
                status: requested
                requested: "2026-11-20"
                auth:
                  method: github
                  organizations: [riverbend-ds]
                  admins: [jellis-rb]
            """ + "\n", StringComparison.Ordinal);
        withStaging.ShouldNotBe(riverbend);
        var report = await harness.ApplyAsync(ApplyHarness.Documents(("communities/riverbend.yaml", withStaging)));

        // Then the only issue is one phase 3, for staging on riverbend's live cluster, and it reads as the template's submission
        report.Succeeded.ShouldBeTrue(report.Communities[0].Error);
        using var connections = harness.Connect();
        var issues = await ApplyHarness.TurnupIssuesAsync(connections.InfrastructureIssues, "riverbend");
        var (issue, marker) = issues.ShouldHaveSingleItem();
        (marker.Phase, marker.Cluster, string.Join(",", marker.Hubs)).ShouldBe((TurnupPhase.HubSetup, "riverbend", "staging"));
        issue.Title.ShouldBe("[New Hub] [Phase 3] Hub Setup - staging.riverbend.hubs.example.org");
        ShouldReadAsASubmission(issue, TurnupFixtures.Templates.HubSetup!);
    }

    /// <summary>The marker line, then each field of the form as GitHub writes a submission: "### label", a blank line, the value.</summary>
    private static void ShouldReadAsASubmission(IssueRef issue, IssueTemplate template)
    {
        var lines = issue.Body.Split('\n');
        TurnupMarker.Parse(lines[0]).ShouldNotBeNull();
        lines[1].ShouldBe("");
        var labels = template.Fields.Where(f => f.Type != FormFieldType.Markdown).Select(f => "### " + f.Label).ToList();
        lines[2].ShouldBe(labels[0]);
        var headings = lines.Select((line, i) => (line, i)).Where(l => labels.Contains(l.line)).ToList();
        headings.Select(h => h.line).ShouldBe(labels, $"{issue.Title}: every field once, in the template's order");
        headings.ShouldAllBe(h => lines[h.i + 1].Length == 0 && lines[h.i + 2].Length > 0);
    }
}

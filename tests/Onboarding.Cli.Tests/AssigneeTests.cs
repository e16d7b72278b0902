using Onboarding.Core.Apply;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Turnup issues are assigned to the community's technical owner (<c>owners.technical</c>).</summary>
public sealed class AssigneeTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    private static string WithTechnicalOwner(string login) =>
        ManifestText.Valid(deal: Deal).Replace("website:", $"owners:\n  technical: {login}\nwebsite:", StringComparison.Ordinal);

    [Fact]
    public void Plan_TechnicalOwner_SaysTheIssuesWillBeAssignedToThem()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", WithTechnicalOwner("bd-lead"));

        cli.Invoke("plan").ShouldBe(0, cli.Error);

        cli.Out.ShouldContain("+ github open issue [New Hub] [Phase 1]");
        cli.Out.ShouldContain("      assignee: (none) -> @bd-lead");
    }

    [Fact]
    public async Task Apply_TechnicalOwnerIsACollaborator_IssuesAreAssignedToThem()
    {
        // Given bd-lead maintains the infrastructure repository
        await using var harness = await ApplyHarness.StartAsync();

        // When
        var report = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", WithTechnicalOwner("bd-lead"))));

        // Then
        report.Succeeded.ShouldBeTrue(report.Communities[0].Error);
        using var connections = harness.Connect();
        var issues = await ApplyHarness.TurnupIssuesAsync(connections.InfrastructureIssues, "alpha");
        issues.ShouldNotBeEmpty();
        issues.ShouldAllBe(i => i.Issue.Assignees.SequenceEqual(new[] { "bd-lead" }));
        ApplyReportRenderer.Text(report).ShouldNotContain("note:");
    }

    [Fact]
    public async Task Apply_TechnicalOwnerWithoutAccess_OpensTheIssuesUnassignedAndSaysSo()
    {
        // Given an outsider with no role in the infrastructure repository, so GitHub cannot assign them
        await using var harness = await ApplyHarness.StartAsync();

        // When
        var report = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", WithTechnicalOwner("outsider"))));

        // Then the issues are open all the same, and the report says who to give access
        report.Succeeded.ShouldBeTrue(report.Communities[0].Error);
        using var connections = harness.Connect();
        var issues = await ApplyHarness.TurnupIssuesAsync(connections.InfrastructureIssues, "alpha");
        issues.ShouldNotBeEmpty();
        issues.ShouldAllBe(i => i.Issue.Assignees.Count == 0);
        ApplyReportRenderer.Text(report).ShouldContain(
            "  note: GitHub did not assign #1 to @outsider, the technical owner: they cannot be assigned in the infrastructure repository. Give them access and assign the issue by hand.");
    }
}

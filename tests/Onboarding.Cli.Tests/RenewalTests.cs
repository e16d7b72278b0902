using Onboarding.Sandbox.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>A renewal through the command line against the kept sandbox: a manifest that gains a deal (and a hub).</summary>
public sealed class RenewalTests
{
    [Fact]
    public void PlanAndApply_ManifestGainsADealAndAHub_RenewalAssociatesTheDealAndOpensOnlyAPhase3IssueForTheNewRequest()
    {
        // Given alpha applied with its first deal and its prod hub
        using var repo = new TempGitRepository();
        var first = ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId);
        repo.Write("communities/alpha.yaml", first);
        repo.Commit("alpha");
        CliRun.InRepository(repo, "apply", "--sandbox", "--reset", "--all").Exit.ShouldBe(0);

        // When the manifest gains a second deal and a staging hub, and is planned and applied (twice)
        var renewed = first
            .Replace($"deals: [\"{HubSpotSeed.ContractAdminDealId}\"]", $"deals: [\"{HubSpotSeed.ContractAdminDealId}\", \"{HubSpotSeed.ClosedWonDealId}\"]", StringComparison.Ordinal)
            .Replace("hubs:\n", "hubs:\n  - name: staging\n    domain: staging.alpha.hubs.example.org\n    status: requested\n    requested: 2026-11-20\n    auth:\n      method: github\n      organizations: [alpha-org]\n      admins: [rep-one]\n", StringComparison.Ordinal);
        renewed.ShouldNotBe(first);
        repo.Write("communities/alpha.yaml", renewed);
        var plan = CliRun.InRepository(repo, "plan", "--sandbox");
        var apply = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var again = CliRun.InRepository(repo, "apply", "--sandbox", "--all");

        // Then the plan calls it a renewal; apply associates the new deal and opens one phase 3
        // issue for staging, requested later on the cluster whose phases 1 and 2 are already open
        plan.Exit.ShouldBe(0, plan.Error);
        plan.Out.ShouldContain("alpha (communities/alpha.yaml), renewal:");
        apply.Exit.ShouldBe(0, apply.Error);
        apply.Out.ShouldContain($"+ hubspot associate deal {HubSpotSeed.ClosedWonDealId} with alpha");
        var opened = apply.Out.Split('\n').Where(l => l.Contains("github open issue", StringComparison.Ordinal)).ToList();
        opened.ShouldHaveSingleItem().ShouldContain("[Phase 3] Hub Setup - staging.alpha.hubs.example.org");
        again.Out.ShouldContain("Nothing left to do: 1 community is up to date.");
    }
}

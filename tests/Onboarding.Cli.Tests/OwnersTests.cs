using System.Text.Json.Nodes;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>A manifest's BD and technical owners: asked in the plan's comment, mentioned when an apply is held or fails.</summary>
public sealed class OwnersTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    private static string WithOwners(string manifest) =>
        manifest.Replace("website:", "owners:\n  bd: \"@kmensah\"\n  technical: jun\nwebsite:", StringComparison.Ordinal);

    [Fact]
    public void Plan_OwnersNamed_TheCommentAsksEachOnce()
    {
        // Given alpha with owners and beta without, planned against the sandbox as in a workflow
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", WithOwners(ManifestText.Valid(deal: Deal)))
            .Write("communities/beta.yaml", ManifestText.Valid("beta", Onboarding.Sandbox.HubSpot.HubSpotSeed.ClosedWonDealId, "beta.hubs.example.org"))
            .Commit("two communities");
        var summary = Path.Combine(repo.Root, "summary.md");
        var actions = new FakeEnvironment().Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", summary);

        // When
        var (exit, output, error) = CliRun.InRepository(repo, actions, "plan", "--sandbox");
        var json = CliRun.InRepository(repo, "plan", "--sandbox", "--output", "json");

        // Then the comment mentions each owner once, with their role, and says beta names none
        exit.ShouldBe(0, error);
        var comment = File.ReadAllText(summary);
        comment.ShouldContain("Owners: @kmensah (BD), @jun (technical), please check this plan.");
        comment.Split("@kmensah").Length.ShouldBe(2);
        comment.Split("@jun").Length.ShouldBe(2);
        comment.ShouldContain("Owners: none named (add `owners:` to the manifest).");
        output.ShouldContain("  owners: @kmensah (BD), @jun (technical)");
        var alpha = JsonNode.Parse(json.Out)!["communities"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "alpha")!;
        alpha["owners"]!["technical"]!.GetValue<string>().ShouldBe("jun");
    }

    [Fact]
    public void Apply_HeldBack_MentionsTheBdOwner()
    {
        // Given five new communities (a change to all of them is large), alpha with owners, applied with no approval
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", WithOwners(ManifestText.Valid(deal: Deal)));
        var n = 0;
        foreach (var name in new[] { "beta", "gamma", "delta", "epsilon" })
            repo.Write($"communities/{name}.yaml", ManifestText.Valid(name, $"90{++n}", $"{name}.hubs.example.org"));
        repo.Commit("five communities");
        var summary = Path.Combine(repo.Root, "summary.md");
        var actions = new FakeEnvironment().Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", summary);

        // When
        var (exit, output, _) = CliRun.InRepository(repo, actions, "apply", "--sandbox", "--all");

        // Then alpha's result names its BD owner in the output and the summary; the others name nobody
        exit.ShouldBe(1);
        output.ShouldContain("alpha (communities/alpha.yaml): held back");
        output.ShouldContain("  BD owner: @kmensah");
        output.Split("BD owner:").Length.ShouldBe(2);
        File.ReadAllText(summary).ShouldContain("BD owner: @kmensah");
    }

    [Fact]
    public async Task Apply_Succeeded_MentionsNobody()
    {
        await using var harness = await ApplyHarness.StartAsync();
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", WithOwners(ManifestText.Valid(deal: Deal))));

        var report = await harness.ApplyAsync(documents);

        report.Succeeded.ShouldBeTrue();
        report.Communities.Single().BdOwner.ShouldBeNull();
        Onboarding.Core.Apply.ApplyReportRenderer.Markdown(report).ShouldNotContain("@kmensah");
    }
}

using System.Text.Json;
using Onboarding.Core.Import;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class ImportCommandTests
{
    [Fact]
    public void Import_CommunitiesOnboardedByHand_WritesAValidManifestAndSaysWhyTheOtherCannotBe()
    {
        // Given the examples and the sandbox's HubSpot with lakeshore and prairie onboarded by hand
        using var repo = DriftCommandTests.ExamplesRepository();

        // When import runs, then validate
        var (exit, output, error) = CliRun.InRepository(repo, "import", "--sandbox");
        var validate = CliRun.InRepository(repo, "validate");

        // Then lakeshore is written from its record, labelled contacts and deal; prairie is reported with the reason
        exit.ShouldBe(0, error);
        output.ShouldBe(
            """
            HubSpot holds 2 communities: 1 were imported.
            communities/lakeshore.yaml: written from HubSpot; check the placeholders it marks, then validate and open a pull request.
            prairie cannot be imported: no contact is associated with it as Community Representative, and a manifest needs at least one representative.

            """.ReplaceLineEndings(Environment.NewLine), StringCompareShould.IgnoreLineEndings);
        var text = File.ReadAllText(Path.Combine(repo.Root, "communities", "lakeshore.yaml"));
        text.ShouldStartWith("# yaml-language-server: $schema=../schemas/community.schema.json\n# Imported from HubSpot (Community record 19380000301).");
        text.ShouldContain("long_name: Lakeshore Freshwater Data Collaborative\n");
        text.ShouldContain("representatives:\n  - name: Rosa Lindqvist\n    email: rosa.lindqvist@lakeshore.example.org\n    github: rlindqvist\n");
        text.ShouldContain("technical_contacts:\n  - name: Dev Patel\n    email: dev.patel@lakeshore.example.org\n");
        text.ShouldContain("deals:\n  - \"19380000111\"\n");
        text.ShouldContain($"    deployed: \"{CommunityImporter.PlaceholderDeployed}\"  {CommunityImporter.PlaceholderComment}\n    url: https://lakeshore.hubs.example.org\n");
        File.Exists(Path.Combine(repo.Root, "communities", "prairie.yaml")).ShouldBeFalse();
        validate.Exit.ShouldBe(0, validate.Out);
        validate.Out.ShouldContain("4 manifests checked: all valid.");
    }

    [Fact]
    public void Import_RunAgainAfterCommit_ChangesNothingInTheRepositoryOrHubSpot()
    {
        // Given one import committed
        using var repo = DriftCommandTests.ExamplesRepository();
        CliRun.InRepository(repo, "import", "--sandbox").Exit.ShouldBe(0);
        repo.Commit("import lakeshore");
        var hubSpot = File.ReadAllText(Path.Combine(repo.Root, ".sandbox", "hubspot.json"));

        // When it runs again, for real and as a dry run
        var again = CliRun.InRepository(repo, "import", "--sandbox");
        var dry = CliRun.InRepository(repo, "import", "--sandbox", "--dry-run");

        // Then nothing is written, and HubSpot is as it was
        again.Exit.ShouldBe(0, again.Error);
        again.Out.ShouldContain("HubSpot holds 2 communities: 0 were imported.");
        again.Out.ShouldContain("communities/lakeshore.yaml: already has a manifest; left as it is.");
        dry.Out.ShouldContain("HubSpot holds 2 communities: 0 would be imported.");
        repo.Git("status", "--porcelain", "--", "communities").ShouldBeEmpty();
        File.ReadAllText(Path.Combine(repo.Root, ".sandbox", "hubspot.json")).ShouldBe(hubSpot);
    }

    [Fact]
    public void Import_DryRun_SaysWhatItWouldWriteAndWritesNothing()
    {
        // Given
        using var repo = DriftCommandTests.ExamplesRepository();

        // When
        var (exit, output, error) = CliRun.InRepository(repo, "import", "--sandbox", "--dry-run", "-o", "json");

        // Then
        exit.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("communities").EnumerateArray().Select(r => $"{r.GetProperty("community").GetString()} {r.GetProperty("outcome").GetString()}").ToList();
        rows.ShouldBe(["lakeshore wouldWrite", "prairie notImportable"]);
        File.Exists(Path.Combine(repo.Root, "communities", "lakeshore.yaml")).ShouldBeFalse();
    }

    [Fact]
    public void Import_ThenPlanApplyAndDrift_ChangesNothingHubSpotHeldButTheManifestPath()
    {
        // Given lakeshore imported from the sandbox's HubSpot
        using var repo = DriftCommandTests.ExamplesRepository();
        CliRun.InRepository(repo, "import", "--sandbox").Exit.ShouldBe(0);

        // When the manifests are planned, applied, and compared again
        var plan = CliRun.InRepository(repo, "plan", "--sandbox", "-o", "json");
        var apply = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var drift = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then the only HubSpot change for lakeshore is recording where its manifest lives (Freshdesk never had it)
        plan.Exit.ShouldBe(0, plan.Error);
        using var json = JsonDocument.Parse(plan.Out);
        var lakeshore = json.RootElement.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "lakeshore");
        var steps = lakeshore.GetProperty("steps").EnumerateArray().Select(s =>
            $"{s.GetProperty("service").GetString()} {s.GetProperty("kind").GetString()} {s.GetProperty("target").GetString()}: " +
            string.Join(",", s.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()))).ToList();
        steps.ShouldBe([
            "hubspot update community lakeshore: manifest_path",
            "freshdesk create company lakeshore: name,community_representatives,hub_urls",
            "freshdesk create contact dev.patel@lakeshore.example.org: name,email,company",
            "freshdesk create contact rosa.lindqvist@lakeshore.example.org: name,email,company",
        ]);

        // And after apply, drift finds nothing but prairie, which has no manifest
        apply.Exit.ShouldBe(0, apply.Error);
        drift.Exit.ShouldBe(0, drift.Error);
        drift.Out.ShouldStartWith("1 difference between HubSpot or Freshdesk and the manifests.\ncommunities/prairie.yaml: HubSpot: HubSpot has a Community record prairie");
    }
}

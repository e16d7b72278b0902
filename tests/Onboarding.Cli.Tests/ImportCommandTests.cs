using System.Text.Json;
using Onboarding.Core.Import;
using Onboarding.Sandbox;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class ImportCommandTests
{
    [Fact]
    public void Import_CommunitiesOnboardedByHand_WritesAValidManifestAndSaysWhyTheOtherCannotBe()
    {
        // Given the examples and the sandbox's HubSpot with lakeshore and prairie onboarded by hand
        using var repo = RepositoryFiles.ExamplesRepository();

        // When import runs, then validate
        var (exit, output, error) = CliRun.InRepository(repo, "import", "--sandbox");
        var validate = CliRun.InRepository(repo, "validate");

        // Then lakeshore is written from its record, labelled contacts and deal; prairie is reported with the reason
        exit.ShouldBe(0, error);
        output.ShouldBe(
            """
            HubSpot holds 2 communities: 1 was imported.
            communities/lakeshore.yaml: written from HubSpot; replace the placeholders it marks before you open a pull request:
              communities/lakeshore.yaml:28:15: warning: hubs[0].deployed: 2000-01-01 is the placeholder onboarding import writes because HubSpot does not record when a hub went live; replace it with the real day (YYYY-MM-DD) before merging.
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
        validate.Out.ShouldContain("communities/lakeshore.yaml:28:15: warning: hubs[0].deployed: 2000-01-01 is the placeholder");
        validate.Out.ShouldContain("4 manifests checked: 0 errors, 1 warning.");
    }

    [Fact]
    public void Import_RunAgainAfterCommit_ChangesNothingInTheRepositoryOrHubSpot()
    {
        // Given one import committed
        using var repo = RepositoryFiles.ExamplesRepository();
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
        using var repo = RepositoryFiles.ExamplesRepository();

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
    public void Import_ThenValidatePlanApplyAndDrift_ChangesNothingHubSpotHeldButTheManifestPath()
    {
        // Given lakeshore imported from the sandbox's HubSpot
        using var repo = RepositoryFiles.ExamplesRepository();
        CliRun.InRepository(repo, "import", "--sandbox").Exit.ShouldBe(0);

        // When the manifests are validated, planned, applied, and compared again
        var validate = CliRun.InRepository(repo, "validate");
        var plan = CliRun.InRepository(repo, "plan", "--sandbox", "-o", "json");
        // (the first apply touches all four communities, a change the guard holds back without approval)
        var apply = CliRun.InRepository(repo, "apply", "--sandbox", "--all", "--allow-large-change");
        var drift = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then the imported manifest is valid, and the only HubSpot change for lakeshore is recording where its manifest lives (Freshdesk never had it)
        validate.Exit.ShouldBe(0, validate.Out);
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

    [Fact]
    public async Task CommunityImporter_SeveralHubsAndFlawedRecords_NamesHubsByDomainAndGivesEachFlawItsReason()
    {
        // Given a portal with one community of two hubs and three records a manifest cannot be made from
        var defaults = SandboxSeeds.HubSpot(handOnboarded: false);
        static HubSpotSeedCommunity Community(string id, params (string Key, string Value)[] properties) =>
            new(id, properties.ToDictionary(p => p.Key, p => p.Value)) { Contacts = [new("19380000201", "Community Representative")], Deals = ["19380000102"] };
        var seed = defaults with
        {
            Communities =
            [
                Community("19380000401", ("name", "mesa"), ("long_name", "Mesa Astronomy Network"), ("hubs", "staging.mesa.hubs.example.org, mesa.hubs.example.org")),
                Community("19380000402", ("name", "Bad Name"), ("long_name", "Bad Name Society"), ("hubs", "bad.hubs.example.org")),
                Community("19380000403", ("name", "nolong"), ("hubs", "nolong.hubs.example.org")),
                Community("19380000404", ("name", "nohubs"), ("long_name", "No Hubs Yet")),
            ],
        };
        await using var harness = await ApplyHarness.StartAsync(new SandboxOptions { HubSpot = seed });
        using var connections = harness.Connect();
        harness.Sandbox.Journal.Clear();

        // When
        var candidates = await new CommunityImporter(connections.HubSpot, harness.Settings).ReadAsync();

        // Then
        var mesa = candidates.Single(c => c.Name == "mesa").Draft.ShouldNotBeNull();
        mesa.Hubs.Select(h => $"{h.Name} {h.Domain} {h.Status} {h.Url}").ShouldBe([
            "staging staging.mesa.hubs.example.org deployed https://staging.mesa.hubs.example.org",
            "hub2 mesa.hubs.example.org deployed https://mesa.hubs.example.org",
        ]);
        mesa.Representatives.ShouldHaveSingleItem().ShouldBe(new Onboarding.Core.Manifests.Person("Ada Lovelace", "ada.lovelace@example.org", null));
        candidates.Where(c => c.Draft is null).Select(c => c.NotImportable).ShouldBe([
            "HubSpot community record 19380000402 is named \"Bad Name\", which is not one lowercase word of letters and digits as a manifest name must be; rename it in HubSpot or write its manifest by hand.",
            "nohubs cannot be imported: HubSpot lists no hub domain for it (hubs), and a manifest needs at least one hub.",
            "nolong cannot be imported: HubSpot has no long_name for it, and a manifest needs the community's full name.",
        ]);
        harness.Sandbox.Journal.StateChanges.ShouldBeEmpty();
    }
}

using System.Text.Json;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>The README's "Installing it for your organisation": doctor on a blank sandbox, setup, doctor again, the first apply.</summary>
public sealed class DoctorSetupWalkTests
{
    [Fact]
    public void Walk_BlankSandbox_DoctorListsWhatIsMissingSetupMakesItAndApplyWorks()
    {
        // Given the example communities and a sandbox that starts as a new installation finds the services
        using var repo = RepositoryFiles.ExamplesRepository();
        var journal = Path.Combine(repo.Root, "doctor.jsonl");

        // When doctor checks it, setup shows and then makes what is missing, setup runs again, doctor checks again and apply runs
        var before = CliRun.InRepository(repo, "doctor", "--sandbox", "--blank", "--journal", journal);
        var shown = CliRun.InRepository(repo, "setup", "--sandbox", "--blank");
        var made = CliRun.InRepository(repo, "setup", "--sandbox", "--blank", "--yes");
        var again = CliRun.InRepository(repo, "setup", "--sandbox", "--blank", "--yes");
        var after = CliRun.InRepository(repo, "doctor", "--sandbox", "--blank", "--output", "json");
        var apply = CliRun.InRepository(repo, "apply", "--sandbox", "--blank", "--all");

        // Then doctor named every missing piece, with a sentence, and failed
        before.Exit.ShouldBe(1, before.Error);
        before.Out.ShouldContain("✓ HubSpot accepts HUBSPOT_TOKEN");
        foreach (var property in new[] { "long_name", "website", "github_organization", "logo", "community_context", "manifest_path", "hubs", "first_value_date", "time_to_first_value_days", "first_value_hub" })
            before.Out.ShouldContain($"✗ Community property {property} (");
        before.Out.ShouldContain("✓ Community property name (string, unique)");
        before.Out.ShouldContain("✗ Association label \"Community Representative\" from Community to contacts: HubSpot has no association label");
        before.Out.ShouldContain("✗ Association label \"Technical Contact\" from Community to contacts:");
        before.Out.ShouldContain("✗ Company field community_representatives: Freshdesk has no company field");
        before.Out.ShouldContain("✗ Company field hub_urls:");
        before.Out.ShouldContain("✗ Company field grafana_url:");
        before.Out.ShouldContain("✗ Label new-hub in example-org/infrastructure:");
        before.Out.ShouldContain("✗ Label onboarding in example-org/infrastructure:");
        before.Out.ShouldContain("✓ INFRA_GITHUB_TOKEN can push to example-org/infrastructure");
        before.Out.ShouldContain("✓ Turnup template .github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml in example-org/infrastructure");
        before.Out.ShouldContain("17 of ");
        before.Out.ShouldContain("`onboarding setup` can create 17 of the missing pieces");

        // And doctor wrote nothing: every request it sent was a read
        var requests = JournalFile.Read(journal);
        requests.ShouldNotBeEmpty();
        requests.ShouldNotContain(e => e.ChangedState);
        requests.Where(e => e.Method != "GET").ShouldAllBe(e => e.Service == "github" && e.Path == "/api/graphql" && !e.Body!.Contains("mutation", StringComparison.Ordinal));

        // And setup showed first, made them with --yes, and had nothing left the second time
        shown.Exit.ShouldBe(0, shown.Error);
        shown.Out.ShouldContain("+ HubSpot: Create the Community property hubs (string, textarea) in the group community_information.");
        shown.Out.ShouldContain("Nothing was created. Run again with --yes to create these 17");
        made.Exit.ShouldBe(0, made.Error + made.Out);
        made.Out.ShouldContain("Created 17.");
        again.Exit.ShouldBe(0, again.Error);
        again.Out.ShouldContain("Nothing to create: everything setup can make is there.");

        // And doctor passes, and the first apply succeeds
        after.Exit.ShouldBe(0, after.Out);
        using (var json = JsonDocument.Parse(after.Out))
            json.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();
        apply.Exit.ShouldBe(0, apply.Error + apply.Out);
    }

    [Fact]
    public void Doctor_SeededSandbox_EveryCheckPasses()
    {
        // Given the sandbox as it is seeded (set up for onboarding)
        using var repo = RepositoryFiles.ExamplesRepository();

        // When
        var run = CliRun.InRepository(repo, "doctor", "--sandbox");

        // Then
        run.Exit.ShouldBe(0, run.Out + run.Error);
        run.Out.ShouldContain("checks passed.");
        run.Out.ShouldNotContain("✗");
    }

    [Fact]
    public void Doctor_BlankWithoutSandbox_UsageError()
    {
        // Given / When
        var run = new CliRun();
        var exit = run.Invoke("doctor", "--blank");

        // Then
        exit.ShouldBe(2);
        run.Error.ShouldContain("--blank starts the sandbox without setup, so it needs --sandbox.");
    }
}

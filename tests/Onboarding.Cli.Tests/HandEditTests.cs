using System.Text.Json.Nodes;
using Onboarding.Sandbox;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// What apply does with a value someone changed by hand in HubSpot or Freshdesk: the nightly reconcile reports it and
/// leaves it (drift keeps finding it); heal, a push that changes that very field, and a manifest change never applied
/// write the manifest's value; an externally managed field is never written once set.
/// </summary>
public sealed class HandEditTests
{
    private const string Tidepool = "Tidepool Coastal Observatory Consortium";
    private const string EditedRepresentatives = "Jordan Ellis <jordan.ellis@riverbend.example.edu>";

    /// <summary>When the example manifests were committed: well before the sandbox's day.</summary>
    private static readonly DateTimeOffset Committed = FakeClock.TestDay.AddDays(-10);

    /// <param name="generated">Communities besides the three examples: with more than three in all, the run reads in bulk.</param>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task ApplyAll_HandEditsInHubSpotAndFreshdesk_ReportsAndKeepsThemAndDriftStillFindsThem(int generated)
    {
        // Given the examples (and the generated communities) applied, then tidepool's long name edited in HubSpot and
        // riverbend's representatives in Freshdesk
        using var repo = Repository(generated: generated);
        await AppliedAndEditedAsync(repo);

        // When the nightly reconcile runs, then drift
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var drift = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then apply says what it left alone, and left it
        exit.ShouldBe(0, error);
        output.ShouldContain($"  ! HubSpot's long_name of tidepool was changed by hand to \"Tidepool Obs\"; the manifest says \"{Tidepool}\". " +
            "Left as it is: change communities/tidepool.yaml to match, put the manifest's value back in HubSpot, or list hubspot.long_name under heal in onboarding.yaml.");
        output.ShouldContain($"  ! Freshdesk's community_representatives of riverbend was changed by hand to \"{EditedRepresentatives}\"");
        output.ShouldContain("2 values changed by hand were left alone.");
        var (longName, representatives) = await ValuesAsync(repo);
        longName.ShouldBe("Tidepool Obs");
        representatives.ShouldBe(EditedRepresentatives);

        // And drift still reports both, with what to do
        drift.Exit.ShouldBe(0, drift.Error);
        drift.Out.ShouldContain("communities/tidepool.yaml:4 (long_name): HubSpot: HubSpot's long_name of community tidepool is \"Tidepool Obs\" (changed by hand)");
        drift.Out.ShouldContain("communities/riverbend.yaml:14 (representatives): Freshdesk: Freshdesk's community_representatives of company riverbend");
        drift.Out.ShouldContain("list hubspot.long_name under heal in onboarding.yaml.");
    }

    [Fact]
    public async Task ApplyAll_HealNamesTheEditedFields_PutsTheManifestsValuesBack()
    {
        // Given a configuration whose heal names both fields, and both edited by hand
        using var repo = Repository(ConfigText.Minimal + "heal:\n  - hubspot.long_name\n  - freshdesk.company.representatives\n");
        await AppliedAndEditedAsync(repo);

        // When the nightly reconcile runs
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--all");

        // Then the manifests' values are back, and nothing is reported as left alone
        exit.ShouldBe(0, error);
        output.ShouldNotContain("changed by hand");
        var (longName, representatives) = await ValuesAsync(repo);
        longName.ShouldBe(Tidepool);
        representatives.ShouldBe("Jordan Ellis <j.ellis@riverbend.example.edu>, Priya Raman <p.raman@riverbend.example.edu>");
    }

    [Fact]
    public async Task ApplyPush_ChangesTheHandEditedField_WritesThatFieldAndKeepsTheOtherEdit()
    {
        // Given tidepool's long name and website edited by hand, then a push (committed before the edits) that renames it
        using var repo = Repository();
        var before = repo.Git("rev-parse", "HEAD").Trim();
        await AppliedAndEditedAsync(repo, website: "https://tidepool.example.net");
        var manifest = File.ReadAllText(Path.Combine(repo.Root, "communities/tidepool.yaml"));
        repo.Write("communities/tidepool.yaml", manifest.Replace($"long_name: {Tidepool}", "long_name: Tidepool Observatory", StringComparison.Ordinal));
        var after = repo.Commit("tidepool renamed", Committed.AddDays(5));
        repo.Write("event.json", Push(before, after));

        // When the push is applied
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        // Then the field the push changed is the manifest's; the website it did not change stays as edited, and is reported
        exit.ShouldBe(0, error);
        output.ShouldContain("  ! HubSpot's website of tidepool was changed by hand to \"https://tidepool.example.net\"");
        var tidepool = await CommunityAsync(repo, "tidepool", "long_name", "website");
        tidepool["long_name"].ShouldBe("Tidepool Observatory");
        tidepool["website"].ShouldBe("https://tidepool.example.net");
    }

    [Fact]
    public async Task ApplyAll_ManifestChangedButItsApplyReplaced_AppliesTheChange()
    {
        // Given the examples applied, then a merge whose queued apply was replaced: the manifests changed in git only
        using var repo = Repository();
        await AppliedAndEditedAsync(repo, edit: false);
        var tidepool = File.ReadAllText(Path.Combine(repo.Root, "communities/tidepool.yaml"));
        var riverbend = File.ReadAllText(Path.Combine(repo.Root, "communities/riverbend.yaml"));
        repo.Write("communities/tidepool.yaml", tidepool.Replace($"long_name: {Tidepool}", "long_name: Tidepool Observatory", StringComparison.Ordinal))
            .Write("communities/riverbend.yaml", riverbend.Replace("name: Jordan Ellis", "name: Jordan M. Ellis", StringComparison.Ordinal));
        repo.Commit("renamed, never applied", FakeClock.TestDay.AddDays(1));

        // When the nightly reconcile runs the day after
        using var clock = FakeClock.Start(FakeClock.TestDay.AddDays(2));
        var (exit, output, error) = CliRun.InRepository(repo, new FakeEnvironment(), clock, "apply", "--sandbox", "--all");

        // Then both changes are made, and nothing counts as a hand edit
        exit.ShouldBe(0, error);
        output.ShouldNotContain("changed by hand");
        var (longName, representatives) = await ValuesAsync(repo);
        longName.ShouldBe("Tidepool Observatory");
        representatives.ShouldStartWith("Jordan M. Ellis <j.ellis@riverbend.example.edu>");
    }

    [Fact]
    public async Task ApplyPush_ExternallyManagedFieldSet_NeverWritesIt()
    {
        // Given logos kept by people in HubSpot (set by the first apply), and a push that changes riverbend's logo
        using var repo = Repository(ConfigText.Minimal + "externally_managed:\n  - hubspot.logo\n");
        var before = repo.Git("rev-parse", "HEAD").Trim();
        await AppliedAndEditedAsync(repo, edit: false);
        var manifest = File.ReadAllText(Path.Combine(repo.Root, "communities/riverbend.yaml"));
        repo.Write("communities/riverbend.yaml", manifest.Replace("logo: https://riverbend.example.edu/img/logo.svg", "logo: https://riverbend.example.edu/img/new-logo.svg", StringComparison.Ordinal));
        var after = repo.Commit("new logo", FakeClock.TestDay.AddDays(1));
        repo.Write("event.json", Push(before, after));

        // When the push is applied
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        // Then the logo HubSpot has stays, and it is no hand edit to report
        exit.ShouldBe(0, error);
        output.ShouldNotContain("changed by hand");
        (await CommunityAsync(repo, "riverbend", "logo"))["logo"].ShouldBe("https://riverbend.example.edu/img/logo.svg");
    }

    /// <summary>The examples (and <paramref name="config"/> as onboarding.yaml) committed ten days before the sandbox's day.</summary>
    private static TempGitRepository Repository(string? config = null, int generated = 0)
    {
        var repo = new TempGitRepository();
        foreach (var (path, text) in RepositoryFiles.Examples())
            repo.Write(path, text);
        for (var n = 1; n <= generated; n++)
            repo.Write(LoadRig.PathOf(n), ManifestText.Generated(n));
        if (config is not null)
            repo.Write("onboarding.yaml", config);
        repo.Commit("examples", Committed);
        return repo;
    }

    /// <summary>
    /// The examples applied to the repository's kept sandbox; then, with <paramref name="edit"/>, tidepool's long name
    /// (and <paramref name="website"/>) changed by a person in HubSpot and riverbend's representatives in Freshdesk.
    /// </summary>
    private static async Task AppliedAndEditedAsync(TempGitRepository repo, bool edit = true, string? website = null)
    {
        await using var harness = await ApplyHarness.StartAsync(Kept(repo));
        (await harness.ApplyAsync(ApplyHarness.Documents([.. Directory.GetFiles(Path.Combine(repo.Root, "communities")).Order(StringComparer.Ordinal)
            .Select(f => ("communities/" + Path.GetFileName(f), File.ReadAllText(f)))]))).Succeeded.ShouldBeTrue();
        if (!edit)
            return;
        var values = new Dictionary<string, string?> { ["long_name"] = "Tidepool Obs" };
        if (website is not null)
            values["website"] = website;
        harness.Sandbox.HubSpotEmulator.Store.EditByHand(harness.Settings.HubSpot.CommunityObjectType, "name", "tidepool", values).ShouldBeTrue();
        using var connections = harness.Connect();
        var company = (await connections.Freshdesk.FindCompanyByNameAsync("riverbend"))!;
        await connections.Freshdesk.UpdateCompanyCustomFieldsAsync(company.Id, new Dictionary<string, string?> { ["community_representatives"] = EditedRepresentatives });
    }

    private static async Task<(string? LongName, string? Representatives)> ValuesAsync(TempGitRepository repo)
    {
        await using var harness = await ApplyHarness.StartAsync(Kept(repo));
        using var connections = harness.Connect();
        var tidepool = await connections.HubSpot.FindCommunityAsync("tidepool", ["long_name"]);
        var riverbend = await connections.Freshdesk.FindCompanyByNameAsync("riverbend");
        return (tidepool?["long_name"], riverbend?.CustomFields.GetValueOrDefault("community_representatives"));
    }

    private static async Task<Onboarding.Core.Services.HubSpot.HubSpotRecord> CommunityAsync(TempGitRepository repo, string name, params string[] properties)
    {
        await using var harness = await ApplyHarness.StartAsync(Kept(repo));
        using var connections = harness.Connect();
        return (await connections.HubSpot.FindCommunityAsync(name, properties))!;
    }

    private static SandboxOptions Kept(TempGitRepository repo) =>
        new() { StateDirectory = Path.Combine(repo.Root, ".sandbox"), HubSpot = SandboxSeeds.HubSpot(handOnboarded: false) };

    /// <summary>A push event to the default branch from <paramref name="before"/> to <paramref name="after"/>.</summary>
    private static string Push(string before, string after)
    {
        var push = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "push.with-new-branch.payload.json")))!;
        push["before"] = before;
        push["after"] = after;
        return push.ToJsonString();
    }
}

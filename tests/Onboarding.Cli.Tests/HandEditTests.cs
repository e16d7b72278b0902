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
    private const string Jordan = "j.ellis@riverbend.example.edu";
    private const string Priya = "p.raman@riverbend.example.edu";
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
        var before = repo.Head();
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
        var before = repo.Head();
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

    /// <param name="generated">Communities besides the three examples: with more than three in all, the run reads in bulk.</param>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task ApplyAll_ContactNamesEditedByHand_ReportsAndKeepsThemAndDriftStillFindsThem(int generated)
    {
        // Given the examples (and the generated communities) applied, then Jordan Ellis's first name edited in HubSpot
        // and Priya Raman's name in Freshdesk
        using var repo = Repository(generated: generated);
        await AppliedAndEditedAsync(repo, edit: false);
        await NamesEditedAsync(repo, (Jordan, "Jordy", null), (Priya, null, "Priya R. Raman"));

        // When the nightly reconcile runs, then drift
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var drift = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then apply says what it left alone, and left it
        exit.ShouldBe(0, error);
        output.ShouldContain($"  ! HubSpot's name of contact {Jordan} was changed by hand to \"Jordy Ellis\"; the manifest says \"Jordan Ellis\". " +
            "Left as it is: change communities/riverbend.yaml to match, put the manifest's value back in HubSpot, or list hubspot.contact.name under heal in onboarding.yaml.");
        output.ShouldContain($"  ! Freshdesk's name of contact {Priya} was changed by hand to \"Priya R. Raman\"; the manifest says \"Priya Raman\". " +
            "Left as it is: change communities/riverbend.yaml to match, put the manifest's value back in Freshdesk, or list freshdesk.contact.name under heal in onboarding.yaml.");
        output.ShouldContain("2 values changed by hand were left alone.");
        (await NamesAsync(repo, Jordan)).ShouldBe(("Jordy Ellis", "Jordan Ellis"));
        (await NamesAsync(repo, Priya)).ShouldBe(("Priya Raman", "Priya R. Raman"));

        // And drift still reports both, with what to do
        drift.Exit.ShouldBe(0, drift.Error);
        drift.Out.ShouldContain($"communities/riverbend.yaml:15 (representatives[0].name): HubSpot: HubSpot's name of contact {Jordan} is \"Jordy Ellis\" (changed by hand); the manifest says \"Jordan Ellis\".");
        drift.Out.ShouldContain($"communities/riverbend.yaml:18 (representatives[1].name): Freshdesk: Freshdesk's contact {Priya} differs: name \"Priya R. Raman\"");
    }

    [Fact]
    public async Task ApplyAll_HealNamesContactNames_PutsTheManifestsNamesBack()
    {
        // Given a configuration whose heal names both contact names, and a name edited by hand in each service
        using var repo = Repository(ConfigText.Minimal + "heal:\n  - hubspot.contact.name\n  - freshdesk.contact.name\n");
        await AppliedAndEditedAsync(repo, edit: false);
        await NamesEditedAsync(repo, (Jordan, "Jordy", "J. Ellis"));

        // When the nightly reconcile runs
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--all");

        // Then the manifest's name is back in both, and nothing is reported as left alone
        exit.ShouldBe(0, error);
        output.ShouldNotContain("changed by hand");
        (await NamesAsync(repo, Jordan)).ShouldBe(("Jordan Ellis", "Jordan Ellis"));
    }

    [Fact]
    public async Task ApplyPush_ChangesAPersonsName_WritesThatNameAndKeepsAnotherPersonsEdit()
    {
        // Given both representatives' names edited by hand in both services, then a push (committed before the edits)
        // that changes Jordan Ellis's name
        using var repo = Repository();
        var before = repo.Head();
        await AppliedAndEditedAsync(repo, edit: false);
        await NamesEditedAsync(repo, (Jordan, "Jordy", "J. Ellis"), (Priya, "Pri", "P. Raman"));
        var manifest = File.ReadAllText(Path.Combine(repo.Root, "communities/riverbend.yaml"));
        repo.Write("communities/riverbend.yaml", manifest.Replace("name: Jordan Ellis", "name: Jordan M. Ellis", StringComparison.Ordinal));
        var after = repo.Commit("Jordan's middle initial", Committed.AddDays(5));
        repo.Write("event.json", Push(before, after));

        // When the push is applied
        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        // Then the name the push changed is the manifest's in both services; the other person's edits stay, reported
        exit.ShouldBe(0, error);
        (await NamesAsync(repo, Jordan)).ShouldBe(("Jordan M. Ellis", "Jordan M. Ellis"));
        (await NamesAsync(repo, Priya)).ShouldBe(("Pri Raman", "P. Raman"));
        output.ShouldContain($"  ! HubSpot's name of contact {Priya} was changed by hand to \"Pri Raman\"");
        output.ShouldContain($"  ! Freshdesk's name of contact {Priya} was changed by hand to \"P. Raman\"");
        output.ShouldNotContain($"contact {Jordan} was changed by hand");
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

    /// <summary>
    /// Each person's name changed by hand: the first name in HubSpot (in its own pages) and the whole name in Freshdesk,
    /// where given.
    /// </summary>
    private static async Task NamesEditedAsync(TempGitRepository repo, params (string Email, string? HubSpotFirstName, string? FreshdeskName)[] edits)
    {
        // An hour after the apply that wrote the names (which may have waited for the pace), as a person edits later.
        await using var clock = FakeClock.Start(FakeClock.TestDay.AddHours(1));
        await using var harness = await ApplyHarness.StartAsync(Kept(repo), clock: clock);
        using var connections = harness.Connect();
        foreach (var (email, firstName, helpdeskName) in edits)
        {
            if (firstName is not null)
                harness.Sandbox.HubSpotEmulator.Store.EditByHand("contacts", "email", email, new Dictionary<string, string?> { ["firstname"] = firstName }).ShouldBeTrue();
            if (helpdeskName is not null)
            {
                var contact = (await connections.Freshdesk.FindContactByEmailAsync(email))!;
                await connections.Freshdesk.UpdateContactAsync(contact.Id, new Onboarding.Core.Services.Freshdesk.FreshdeskContactInput(helpdeskName, email));
            }
        }
    }

    /// <summary>The person's name in HubSpot (first and last) and in Freshdesk.</summary>
    private static async Task<(string HubSpot, string Freshdesk)> NamesAsync(TempGitRepository repo, string email)
    {
        await using var harness = await ApplyHarness.StartAsync(Kept(repo));
        using var connections = harness.Connect();
        var contact = (await connections.HubSpot.FindContactsByEmailAsync([email], ["firstname", "lastname"])).Single();
        var helpdesk = (await connections.Freshdesk.FindContactByEmailAsync(email))!;
        return ($"{contact["firstname"]} {contact["lastname"]}", helpdesk.Name);
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

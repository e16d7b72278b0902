using Microsoft.Extensions.Time.Testing;
using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;
using Spectre.Console.Testing;

namespace Onboarding.Cli.Tests;

public sealed class NewCommandTests
{
    private static readonly string[] AllFlags =
    [
        "new", "--name", "tidalflats", "--long-name", "Tidal Flats Survey Network", "--website", "tidalflats.example.org",
        "--github-organization", "https://github.com/tidal-flats/", "--representative", "Rosa Diaz <rosa.diaz@tidalflats.example.org> @rosadiaz",
        "--technical-contact", "Jun Park <jun.park@tidalflats.example.org>", "--technical-contact", "Eve Adams, eve.adams@tidalflats.example.org",
        "--deal", "https://app.hubspot.com/contacts/24681357/record/0-3/57721566490", "--deal", "66260701500",
        "--hub", "staging=staging.tidalflats.hubs.example.org", "--hub", "prod=tidalflats.hubs.example.org",
        "--sign-in", "github", "--admin", "rosadiaz", "--provider", "aws", "--region", "us-west-2",
        "--context", "## Who are your users?\nAbout 40 field researchers.", "--notes", "Spring course from 2 March.",
    ];

    [Fact]
    public void New_AllFlagsWithoutATerminal_WritesAValidManifestAndTheNextSteps()
    {
        // Given the repository's communities and no terminal
        var cli = Repository();

        // When
        var exit = cli.Invoke(AllFlags);

        // Then
        exit.ShouldBe(0, cli.Error);
        var manifest = cli.Files.Text("communities/tidalflats.yaml");
        manifest.ShouldStartWith("# yaml-language-server: $schema=../schemas/community.schema.json\nname: tidalflats\nlong_name: Tidal Flats Survey Network\nwebsite: https://tidalflats.example.org\ngithub_organization: https://github.com/tidal-flats\n");
        manifest.ShouldContain("# HubSpot deal ids (the number at the end of the deal's address), quoted; a renewal adds its deal.\ndeals:\n  - \"57721566490\"\n  - \"66260701500\"\n");
        manifest.ShouldContain("  - name: Eve Adams\n    email: eve.adams@tidalflats.example.org\n");
        manifest.ShouldContain("  - name: prod\n    domain: tidalflats.hubs.example.org\n    status: requested\n    requested: \"2026-11-24\"\n    auth:\n      method: github\n      organizations: [tidal-flats]\n      admins: [rosadiaz]\n");
        manifest.ShouldContain("context: |\n  ## Who are your users?\n  About 40 field researchers.\n");
        cli.Out.ShouldBe("""
            Wrote communities/tidalflats.yaml.
            Next steps:
              1. Check it:              onboarding validate communities/tidalflats.yaml
              2. Put it on a branch:    git switch -c add-tidalflats && git add communities/tidalflats.yaml && git commit -m "Add community tidalflats"
              3. Open a pull request:   git push -u origin add-tidalflats, then open the pull request; its checks validate the file and show the plan.

            """);
        cli.Invoke("validate").ShouldBe(0, cli.Out);
        cli.Out.ShouldContain("4 manifests checked: all valid.");
    }

    [Fact]
    public void New_OrganisationAndAdminTypedWithTheirAt_ReadAsValuesNotResponseFiles()
    {
        // Given flags whose values start with '@', which a command line with response files would try to open as files
        var cli = Repository();
        string[] args = [.. AllFlags.Select(a => a == "https://github.com/tidal-flats/" ? "@tidal-flats" : a == "rosadiaz" ? "@rosadiaz" : a)];

        // When
        var exit = cli.Invoke(args);

        // Then
        exit.ShouldBe(0, cli.Error);
        var manifest = cli.Files.Text("communities/tidalflats.yaml");
        manifest.ShouldContain("github_organization: https://github.com/tidal-flats\n");
        manifest.ShouldContain("      organizations: [tidal-flats]\n      admins: [rosadiaz]\n");
    }

    [Fact]
    public void New_RequiredFlagsMissing_EachNamedAndNothingWritten()
    {
        // Given
        var cli = Repository();

        // When
        var exit = cli.Invoke("new", "--name", "tidalflats", "--yes");

        // Then
        exit.ShouldBe(2);
        cli.Error.ShouldContain("onboarding new: --long-name is required: its full, formal name.");
        cli.Error.ShouldContain("onboarding new: --representative is required:");
        cli.Error.ShouldContain("onboarding new: --deal is required:");
        cli.Error.ShouldContain("onboarding new: --hub is required: at least one hub, as name=domain.");
        cli.Error.ShouldNotContain("--name is required");
        cli.Files.FileExists("communities/tidalflats.yaml").ShouldBeFalse();
    }

    [Fact]
    public void New_WrongValues_EachToldByItsFlag()
    {
        // Given answers that break the rules validate applies
        var cli = Repository();

        // When
        var exit = cli.Invoke(
            "new", "--name", "tidalflats", "--long-name", "Tidal Flats", "--representative", "Rosa Diaz <rosa.diaz@tidalflats.example.org>",
            "--representative", "Jun Park", "--deal", "31415926535", "--hub", "prod=tidepool.hubs.example.org", "--provider", "ibm");

        // Then nothing is written, and every problem names the flag to change
        exit.ShouldBe(1);
        cli.Files.FileExists("communities/tidalflats.yaml").ShouldBeFalse();
        cli.Error.ShouldContain("onboarding new: --representative (the second): \"Jun Park\" has no email address");
        cli.Error.ShouldContain("onboarding new: --deal (the first): The deal 31415926535 is already listed by communities/tidepool.yaml");
        cli.Error.ShouldContain("onboarding new: --hub (the first): The domain tidepool.hubs.example.org already belongs to a hub of communities/tidepool.yaml");
        cli.Error.ShouldContain("onboarding new: --provider: ");
        cli.Error.ShouldContain("No manifest written: 4 answers need a change.");
    }

    [Fact]
    public void New_NameOfAnExistingCommunity_NeverOverwritten()
    {
        // Given
        var cli = Repository();
        var before = cli.Files.Text("communities/tidepool.yaml");

        // When
        var exit = cli.Invoke("new", "--name", "tidepool", "--long-name", "Another", "--representative", "A B <a@b.example.org>", "--deal", "123", "--hub", "prod=x.example.org");

        // Then
        exit.ShouldBe(1);
        cli.Error.ShouldContain("communities/tidepool.yaml already exists; onboarding new never overwrites a manifest.");
        cli.Files.Text("communities/tidepool.yaml").ShouldBe(before);
    }

    [Fact]
    public async Task New_InATerminal_AsksEachQuestionAndChecksEachAnswerAsTyped()
    {
        // Given a terminal where a person answers, getting some answers wrong first
        var terminal = new TestConsole().Interactive();
        terminal.Profile.Width = 400;
        string[] typed =
        [
            "Tidal Flats", "tidalflats",                               // short name: a space is refused
            "Tidal Flats Survey Network",                              // full name
            "tidalflats.example.org",                                  // website
            "@tidal-flats",                                            // GitHub organisation
            "",                                                        // logo
            "Rosa Diaz", "Rosa Diaz <rosa.diaz@tidalflats.example.org> @rosadiaz", "", // representatives: an email is needed
            "",                                                        // technical contacts
            "31415926535", "https://app.hubspot.com/contacts/1/record/0-3/57721566490", "", // deals: one already taken
            "",                                                        // configurator
            "", "tidepool.hubs.example.org", "tidalflats.hubs.example.org", "", // hub prod (default); a taken domain first
        ];
        foreach (var line in typed)
            terminal.Input.PushTextWithEnter(line);
        terminal.Input.PushKey(ConsoleKey.Enter);                     // sign-in: GitHub
        terminal.Input.PushTextWithEnter("@rosadiaz");                // admins
        terminal.Input.PushKey(ConsoleKey.DownArrow);                 // provider: Google Cloud
        terminal.Input.PushKey(ConsoleKey.Enter);
        foreach (var line in new[] { "us-central1", "Share notebooks in one place.", "", "", "", "", "" })
            terminal.Input.PushTextWithEnter(line);
        var (cli, context) = InTerminal(terminal);

        // When
        var exit = await App.RunAsync(["new"], context, TestContext.Current.CancellationToken);

        // Then every wrong answer was refused with the validator's own sentence, and the manifest is valid
        exit.ShouldBe(0, terminal.Output);
        var shown = terminal.Output;
        shown.ShouldContain("Short name (one lowercase word: letters and digits) Tidal Flats\nThis value is not in the expected form. One lowercase word");
        shown.ShouldContain("\"Rosa Diaz\" has no email address");
        shown.ShouldContain("The deal 31415926535 is already listed by communities/tidepool.yaml");
        shown.ShouldContain("The domain tidepool.hubs.example.org already belongs to a hub of communities/tidepool.yaml");
        var manifest = cli.Files.Text("communities/tidalflats.yaml");
        manifest.ShouldContain("name: tidalflats\nlong_name: Tidal Flats Survey Network\nwebsite: https://tidalflats.example.org\ngithub_organization: https://github.com/tidal-flats\n");
        manifest.ShouldContain("deals:\n  - \"57721566490\"\n");
        manifest.ShouldContain("  - name: prod\n    domain: tidalflats.hubs.example.org\n");
        manifest.ShouldContain("cloud:\n  provider: gcp\n  region: us-central1\n");
        manifest.ShouldContain("context: |\n  ## What do you want to achieve by working with us?\n  Share notebooks in one place.\n");
        cli.Invoke("validate", "communities/tidalflats.yaml").ShouldBe(0, cli.Out);
    }

    [Fact]
    public async Task New_InATerminalWithYes_AsksNothing()
    {
        // Given a terminal nobody types into
        var terminal = new TestConsole().Interactive();
        var (cli, context) = InTerminal(terminal);

        // When
        var exit = await App.RunAsync([.. AllFlags, "--yes"], context, TestContext.Current.CancellationToken);

        // Then
        exit.ShouldBe(0);
        cli.Files.FileExists("communities/tidalflats.yaml").ShouldBeTrue();
        terminal.Output.ShouldBeEmpty();
    }

    private static CliRun Repository()
    {
        var cli = new CliRun();
        foreach (var (path, text) in RepositoryFiles.Examples())
            cli.Files.Add(path, text);
        return cli;
    }

    private static (CliRun Cli, CliContext Context) InTerminal(TestConsole terminal)
    {
        var cli = Repository();
        var context = new CliContext(new StringWriter(), new StringWriter(), cli.Files, cli.Environment, new FakeTimeProvider(FakeClock.TestDay)) { Terminal = terminal };
        return (cli, context);
    }
}

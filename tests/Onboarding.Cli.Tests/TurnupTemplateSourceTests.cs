using System.Text;
using System.Text.Json;
using Onboarding.Sandbox;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// The turnup templates read from the infrastructure repository at plan and apply time, the copy this repository keeps
/// for runs that cannot read it, <c>templates refresh</c>, and <c>--turnup-templates DIR</c> in the sandbox.
/// </summary>
public sealed class TurnupTemplateSourceTests
{
    private const string Copy = ".github/turnup-templates";
    private const string Infrastructure = "example-org/infrastructure";

    [Fact]
    public async Task Plan_OrganisationEditsATemplateInTheRepository_TheNextPlanFollowsWithoutACodeChange()
    {
        // Given the examples planned against the sandbox, whose repository holds the sample templates
        using var repo = RepositoryFiles.ExamplesRepository();
        var before = CliRun.InRepository(repo, "plan", "--sandbox", "-o", "json");
        before.Exit.ShouldBe(0, before.Error);
        var (beforeIssue, beforeUnanswered) = TidepoolPhase3(before.Out);
        beforeIssue.GetProperty("title").GetString().ShouldStartWith("[New Hub] [Phase 3] Hub Setup - ");

        // When the organisation changes phase 3 in the repository: its title, a label, a field's label and a table question
        await using (var clock = FakeClock.Start())
        await using (var sandbox = await SandboxServer.StartAsync(new SandboxOptions { StateDirectory = Path.Combine(repo.Root, ".sandbox"), Time = clock.EmulatorTime }, TestContext.Current.CancellationToken))
            sandbox.GitHubEmulator.Store.ReplaceIssueTemplates(Infrastructure, Templates(EditedHubSetup()));
        var after = CliRun.InRepository(repo, "plan", "--sandbox", "-o", "json");

        // Then the next plan fills in the edited template, and says it read the repository
        after.Exit.ShouldBe(0, after.Error);
        var (issue, unanswered) = TidepoolPhase3(after.Out);
        issue.GetProperty("title").GetString().ShouldBe("[Hub setup] staging.tidepool.hubs.example.org, tidepool.hubs.example.org");
        issue.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldContain("hub-setup");
        var body = issue.GetProperty("body").GetString()!;
        body.ShouldContain("\n### Target cluster\n\ntidepool\n");
        body.ShouldNotContain("### Which cluster will the hub(s) be deployed on?");
        body.ShouldContain("| Dask Gateway wanted by the community? |");
        unanswered.ShouldContain("Dask Gateway wanted by the community?");
        beforeUnanswered.ShouldNotContain("Dask Gateway wanted by the community?");
        after.Out.ShouldContain("The turnup issues are filled in from the templates in example-org/infrastructure's .github/ISSUE_TEMPLATE/, as they are now.");
    }

    [Fact]
    public void Plan_TurnupTemplatesFolder_FillsInFromTheFolderInTheSandboxsRepository()
    {
        // Given an organisation's own templates in a folder
        using var repo = RepositoryFiles.ExamplesRepository();
        foreach (var (name, text) in Templates(EditedHubSetup()))
            repo.Write($"org-templates/{name}", text);

        // When the sandbox is planned with them
        var (exit, output, error) = CliRun.InRepository(repo, "plan", "--sandbox", "--turnup-templates", "org-templates", "-o", "json");

        // Then its issues are filled in from them
        exit.ShouldBe(0, error);
        TidepoolPhase3(output).Issue.GetProperty("title").GetString().ShouldBe("[Hub setup] staging.tidepool.hubs.example.org, tidepool.hubs.example.org");
        output.ShouldContain("holds the 5 templates given with --turnup-templates");
    }

    [Fact]
    public async Task Sandbox_TurnupTemplates_KeptForLaterRunsUntilResetBringsBackTheSamples()
    {
        // Given an organisation's own templates in a folder
        using var repo = RepositoryFiles.ExamplesRepository();
        foreach (var (name, text) in Templates(EditedHubSetup()))
            repo.Write($"org-templates/{name}", text);

        // When the sandbox runs with them, then a plan runs on its kept state; then the sandbox is reset and planned again
        var started = await RunSandboxAsync(repo, "--turnup-templates", "org-templates");
        var kept = CliRun.InRepository(repo, "plan", "--sandbox", "-o", "json");
        await RunSandboxAsync(repo, "--reset");
        var reset = CliRun.InRepository(repo, "plan", "--sandbox", "-o", "json");

        // Then the folder's templates were the repository's until the reset brought back the samples
        started.ShouldContain("Turnup templates: the 5 in org-templates are the infrastructure repository's .github/ISSUE_TEMPLATE/ (kept until --reset).");
        kept.Exit.ShouldBe(0, kept.Error);
        TidepoolPhase3(kept.Out).Issue.GetProperty("title").GetString().ShouldStartWith("[Hub setup] ");
        reset.Exit.ShouldBe(0, reset.Error);
        TidepoolPhase3(reset.Out).Issue.GetProperty("title").GetString().ShouldStartWith("[New Hub] [Phase 3] Hub Setup - ");
    }

    [Fact]
    public void Plan_TurnupTemplatesFolderWithoutTemplates_UsageErrorNamingTheFolder()
    {
        // Given a folder with no template in it
        using var repo = RepositoryFiles.ExamplesRepository();
        repo.Write("empty/README.txt", "nothing here\n");

        // When
        var (exit, _, error) = CliRun.InRepository(repo, "plan", "--sandbox", "--turnup-templates", "empty");

        // Then
        exit.ShouldBe(2);
        error.ShouldBe("onboarding plan: --turnup-templates: empty holds no issue template (.md, .yml or .yaml file).\n", StringCompareShould.IgnoreLineEndings);
    }

    [Fact]
    public void Plan_NoCredentials_FillsInFromTheCopyAndSaysSo()
    {
        // Given no credentials, and a copy whose phase 3 template the organisation retitled
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());
        foreach (var (name, text) in Templates(EditedHubSetup()))
            cli.Files.Add($"{Copy}/{name}", text);

        // When
        var exit = cli.Invoke("plan");

        // Then
        exit.ShouldBe(0, cli.Error);
        cli.Out.ShouldContain("[Hub setup] alpha.hubs.example.org");
        cli.Out.ShouldContain("The turnup issues are filled in from the copy of the templates in .github/turnup-templates/, because example-org/infrastructure was not read: no credentials were given");
    }

    [Fact]
    public void Plan_NoCredentialsAndNoCopy_TheBuiltInSamplesAndWhy()
    {
        // Given no credentials and no copy
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());

        // When
        var exit = cli.Invoke("plan");

        // Then
        exit.ShouldBe(0, cli.Error);
        cli.Out.ShouldContain("[New Hub] [Phase 3] Hub Setup - alpha.hubs.example.org");
        cli.Out.ShouldContain("The turnup issues are filled in from the sample templates built into the program, because example-org/infrastructure was not read: " +
            "no credentials were given (pull-request checks are given none), and the copy in .github/turnup-templates/ has no 02_new-hub_phase-0.md, 03_new-hub_phase-1.yaml");
    }

    [Fact]
    public void TemplatesRefresh_RepositoryTemplateChanged_WritesTheCopyAndSaysWhatChanged()
    {
        // Given the committed copy (the samples), and the sandbox's repository holding an edited phase 3
        using var repo = RepositoryFiles.ExamplesRepository();
        foreach (var (name, text) in Templates(null))
            repo.Write($"{Copy}/{name}", text);
        foreach (var (name, text) in Templates(EditedHubSetup()))
            repo.Write($"org-templates/{name}", text);

        // When the copy is refreshed, and refreshed again
        var first = CliRun.InRepository(repo, "templates", "refresh", "--sandbox", "--turnup-templates", "org-templates");
        var second = CliRun.InRepository(repo, "templates", "refresh", "--sandbox");

        // Then the first writes the changed template and says so; the second finds the copy up to date
        first.Exit.ShouldBe(0, first.Error);
        File.ReadAllText(Path.Combine(repo.Root, Copy, SampleTemplates.HubSetup)).ShouldBe(EditedHubSetup());
        first.Out.ShouldContain("  05_new-hub_phase-3.yaml          changed\n", Case.Sensitive);
        first.Out.ShouldContain("  03_new-hub_phase-1.yaml          unchanged\n", Case.Sensitive);
        first.Out.ShouldContain("The copy of the turnup templates in .github/turnup-templates/ was brought up to date: 05_new-hub_phase-3.yaml changed. Commit it");
        second.Exit.ShouldBe(0, second.Error);
        second.Out.ShouldContain("The copy of the turnup templates in .github/turnup-templates/ is up to date.");
    }

    [Fact]
    public void TemplatesRefresh_NoToken_NamesTheVariableAndWritesNothing()
    {
        // Given no credentials
        var cli = new CliRun();

        // When
        var exit = cli.Invoke("templates", "refresh");

        // Then
        exit.ShouldBe(1);
        cli.Error.ShouldStartWith("onboarding templates refresh: it needs INFRA_GITHUB_TOKEN:");
        cli.Files.FileExists($"{Copy}/{SampleTemplates.HubSetup}").ShouldBeFalse();
    }

    [Fact]
    public async Task Apply_ReadTheRepository_RefreshesTheCopyAndSaysSo()
    {
        // Given the services (a sandbox, as the real ones), and a copy whose phase 3 is behind the repository's
        await using var clock = FakeClock.Start();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Time = clock.EmulatorTime }, TestContext.Current.CancellationToken);
        var cli = WithCopyBehind(clock, sandbox);
        cli.Environment
            .Set("HUBSPOT_TOKEN", sandbox.Options.HubSpot.Tokens[0])
            .Set("FRESHDESK_API_KEY", sandbox.Options.Freshdesk.ApiKey)
            .Set("INFRA_GITHUB_TOKEN", sandbox.Options.GitHub.Tokens[0].Token);

        // When
        var exit = cli.Invoke("apply", "--all");

        // Then the copy holds the repository's templates again, and apply said so
        exit.ShouldBe(0, cli.Out + cli.Error);
        cli.Files.Text($"{Copy}/{SampleTemplates.HubSetup}").ShouldBe(Encoding.UTF8.GetString(SampleTemplates.Content(SampleTemplates.HubSetup)));
        cli.Out.ShouldContain("The turnup issues are filled in from the templates in example-org/infrastructure's .github/ISSUE_TEMPLATE/, as they are now.");
        cli.Out.ShouldContain("The copy of the turnup templates in .github/turnup-templates/ was brought up to date: 05_new-hub_phase-3.yaml changed.");
    }

    [Fact]
    public async Task Drift_CopyBehindTheRepository_SaysSoAndHowToRefreshIt()
    {
        // Given the services (a sandbox, as the real ones), and a copy whose phase 3 is behind the repository's, as a
        // workflow's apply leaves it (its refresh stays in the run's checkout)
        await using var clock = FakeClock.Start();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Time = clock.EmulatorTime }, TestContext.Current.CancellationToken);
        var cli = WithCopyBehind(clock, sandbox);
        cli.Environment
            .Set("HUBSPOT_READONLY_TOKEN", sandbox.Options.HubSpot.Tokens[0])
            .Set("FRESHDESK_READONLY_API_KEY", sandbox.Options.Freshdesk.ApiKey)
            .Set("INFRA_GITHUB_READONLY_TOKEN", sandbox.Options.GitHub.Tokens[0].Token);

        // When
        var exit = cli.Invoke("drift");

        // Then drift names the stale file and what to do, and writes nothing into the copy
        exit.ShouldBe(0, cli.Out + cli.Error);
        cli.Out.ShouldContain("The copy of the turnup templates in .github/turnup-templates/ is behind the infrastructure repository's: 05_new-hub_phase-3.yaml changed.");
        cli.Out.ShouldContain("run `onboarding templates refresh` and commit it.");
        cli.Files.Text($"{Copy}/{SampleTemplates.HubSetup}").ShouldBe(EditedHubSetup());
    }

    /// <summary>A working copy pointing at <paramref name="sandbox"/> whose copy of the templates has an edited phase 3, behind the repository's.</summary>
    private static CliRun WithCopyBehind(FakeClock clock, SandboxServer sandbox)
    {
        var cli = new CliRun(clock);
        cli.Files.Add("onboarding.yaml", Config(sandbox)).Add("communities/alpha.yaml", ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId));
        foreach (var (name, text) in Templates(EditedHubSetup()))
            cli.Files.Add($"{Copy}/{name}", text);
        return cli;
    }

    /// <summary>Runs <c>onboarding sandbox</c> in <paramref name="repo"/> until it is ready; returns what it printed.</summary>
    private static async Task<string> RunSandboxAsync(TempGitRepository repo, params string[] args)
    {
        var (exit, output, _) = await SandboxRun.UntilReadyAsync(repo, args);
        exit.ShouldBe(0, output);
        return output;
    }

    /// <summary>The phase 3 open step of tidepool in a JSON plan, and the questions the plan lists as unanswered for tidepool.</summary>
    private static (JsonElement Issue, IReadOnlyList<string> Unanswered) TidepoolPhase3(string json)
    {
        using var plan = JsonDocument.Parse(json);
        var tidepool = plan.RootElement.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "tidepool");
        var issue = tidepool.GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("kind").GetString() == "openIssue" && s.GetProperty("key").GetString()!.EndsWith("phase-3", StringComparison.Ordinal));
        var unanswered = tidepool.GetProperty("unanswered").EnumerateArray().Select(u => u.GetProperty("question").GetString()!).ToList();
        return (issue.Clone(), unanswered);
    }

    /// <summary>The sample phase 3 template as an organisation might edit it.</summary>
    private static string EditedHubSetup()
    {
        var sample = Encoding.UTF8.GetString(SampleTemplates.Content(SampleTemplates.HubSetup));
        var edited = sample
            .Replace("title: '[New Hub] [Phase 3] Hub Setup - {{community_url}}'\n", "title: '[Hub setup] {{community_url}}'\nlabels: [hub-setup]\n", StringComparison.Ordinal)
            .Replace("    label: Which cluster will the hub(s) be deployed on?\n", "    label: Target cluster\n", StringComparison.Ordinal)
            .Replace("| Dask gateway? |", "| Dask Gateway wanted by the community? |", StringComparison.Ordinal);
        edited.Split('\n').Where(l => !sample.Contains(l, StringComparison.Ordinal)).Count().ShouldBe(4, "every edit applies");
        return edited;
    }

    /// <summary>The sample templates by file name, with phase 3 replaced when <paramref name="hubSetup"/> is given.</summary>
    private static IReadOnlyList<(string Name, string Text)> Templates(string? hubSetup) =>
        [.. SampleTemplates.FileNames.Select(n => (n, n == SampleTemplates.HubSetup && hubSetup is not null ? hubSetup : Encoding.UTF8.GetString(SampleTemplates.Content(n))))];

    private static string Config(SandboxServer sandbox) => ConfigText.For(sandbox, Infrastructure);
}

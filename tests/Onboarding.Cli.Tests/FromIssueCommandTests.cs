using System.Text.Json.Nodes;
using Onboarding.Core.Configuration;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class FromIssueCommandTests
{
    private const string Opened = "issues.opened.new-community.payload.json";
    private const string Edited = "issues.edited.new-community.payload.json";
    private const string EventPath = "/runner/event.json";
    private const string OutputPath = "/runner/output.txt";

    [Fact]
    public void FromIssue_OpenedForm_WritesAValidManifestAndTheWorkflowOutputs()
    {
        // Given the repository's communities and a submitted form
        var cli = Repository();
        cli.Files.Add(EventPath, Payload(Opened).ToJsonString());

        // When
        var exit = cli.Invoke("from-issue", "--event", EventPath);

        // Then the manifest is written, as pasted values normalised, and it validates with the others
        exit.ShouldBe(0, cli.Out + cli.Error);
        cli.Out.ShouldContain("Wrote communities/tidalflats.yaml from issue #1.");
        var manifest = cli.Files.Text("communities/tidalflats.yaml");
        manifest.ShouldStartWith("# yaml-language-server: $schema=../schemas/community.schema.json\n# Written from the new-community form in issue #1.\nname: tidalflats\n");
        manifest.ShouldContain("website: https://tidalflats.example.org\n");
        manifest.ShouldContain("github_organization: https://github.com/tidal-flats\n");
        manifest.ShouldContain("deals:\n  - \"57721566490\"\n");
        manifest.ShouldContain("  - name: Jun Park\n    email: jun.park@tidalflats.example.org\n    github: junpark\n");
        manifest.ShouldContain("context: |\n  ## What do you want to achieve by working with us?\n  One place where our survey teams share notebooks.\n\n  - no more emailed notebooks\n");
        manifest.ShouldContain("    requested: \"2026-11-20\"\n");
        manifest.ShouldContain("      organizations: [tidal-flats]\n      admins: [rosadiaz, junpark]\n");
        manifest.ShouldContain("    dask: true\n    buckets:\n      persistent: true\n");
        cli.Invoke("validate").ShouldBe(0, cli.Out);
        cli.Out.ShouldContain("4 manifests checked: all valid.");

        var outputs = Outputs(cli);
        outputs["ready"].ShouldBe("true");
        outputs["file"].ShouldBe("communities/tidalflats.yaml");
        outputs["branch"].ShouldBe("onboarding/issue-1");
        outputs["title"].ShouldBe("Add community tidalflats: Tidal Flats Survey Network");
        outputs["body"].ShouldContain("Closes #1.");
        outputs["manifest"].ShouldBe(manifest);
    }

    [Fact]
    public async Task FromIssue_OpenedThenEdited_OneCommentUpdatedInPlaceAndTheSameBranch()
    {
        // Given the issue in the sandbox's GitHub
        await using var harness = await ApplyHarness.StartAsync();
        using var connections = harness.Connect();
        var issue = await connections.InfrastructureIssues.CreateIssueAsync(new NewIssue("New community: Tidal Flats", "", ["new-community"]));

        // When the form is opened, then edited (a second hub, a second deal pasted another way); each run starts
        // from a fresh checkout of the default branch, as in the workflow
        var opened = Repository().OnGitHub(harness);
        opened.Files.Add(EventPath, Payload(Opened, issue.Number).ToJsonString());
        opened.Invoke("from-issue", "--event", EventPath).ShouldBe(0, opened.Out);
        var first = Outputs(opened);
        var cli = Repository().OnGitHub(harness);
        cli.Files.Add(EventPath, Payload(Edited, issue.Number).ToJsonString());
        cli.Invoke("from-issue", "--event", EventPath).ShouldBe(0, cli.Out);
        var second = Outputs(cli);

        // Then both runs name the same branch, the manifest follows the edit, and the issue has one comment
        second["branch"].ShouldBe(first["branch"]);
        var manifest = cli.Files.Text("communities/tidalflats.yaml");
        manifest.ShouldContain("deals:\n  - \"57721566490\"\n  - \"66260701500\"\n");
        manifest.ShouldContain("  - name: staging\n    domain: staging.tidalflats.hubs.example.org\n");
        manifest.ShouldContain("  - name: prod\n    domain: tidalflats.hubs.example.org\n");
        var comment = (await connections.InfrastructureIssues.ListCommentsAsync(issue.Number)).ShouldHaveSingleItem();
        comment.Body.ShouldStartWith("<!-- onboarding:from-issue -->\n**The answers make a valid manifest, `communities/tidalflats.yaml`.**");
        comment.Body.ShouldContain($"`onboarding/issue-{issue.Number}`");
    }

    [Fact]
    public async Task FromIssue_BadAnswers_ExplainedOnTheIssueInTheFormsWordsAndNothingWritten()
    {
        // Given answers a BD colleague might well give
        await using var harness = await ApplyHarness.StartAsync();
        using var connections = harness.Connect();
        var issue = await connections.InfrastructureIssues.CreateIssueAsync(new NewIssue("New community", "", ["new-community"]));
        var body = FormBody(new()
        {
            ["Short name"] = "Tidal Flats",
            ["Community representatives"] = "Rosa Diaz\nJun Park <jun.park@tidalflats.example.org>\n@everyone <script>alert(1)</script>",
            ["HubSpot deals"] = "https://app.hubspot.com/contacts/24681357/record/0-1/901",
            ["Hubs"] = "tidalflats.hubs.example.org",
            ["Cloud provider"] = "On our own servers",
        });
        var cli = Repository().OnGitHub(harness);
        cli.Files.Add(EventPath, Payload(Opened, issue.Number, body).ToJsonString());

        // When
        var exit = cli.Invoke("from-issue", "--event", EventPath);

        // Then
        exit.ShouldBe(1);
        cli.Files.FileExists("communities/tidal flats.yaml").ShouldBeFalse();
        cli.Files.ListFiles("communities").Count.ShouldBe(3);
        Outputs(cli)["ready"].ShouldBe("false");
        Outputs(cli).ContainsKey("file").ShouldBeFalse();
        var comment = (await connections.InfrastructureIssues.ListCommentsAsync(issue.Number)).ShouldHaveSingleItem().Body;
        comment.ShouldStartWith("<!-- onboarding:from-issue -->\n**Some answers need a change");
        comment.ShouldContain("| Community representatives | \"Rosa Diaz\" has no email address; write each person as Name &lt;email&gt;, one per line. |");
        comment.ShouldContain("| HubSpot deals | \"https://app.hubspot.com/contacts/24681357/record/0-1/901\" is the address of a HubSpot contact, not of a deal;");
        comment.ShouldContain("| Hubs | \"tidalflats.hubs.example.org\" has a domain but no hub name; write it as: prod tidalflats.hubs.example.org |");
        comment.ShouldContain("| Cloud provider | \"On our own servers\" is not one of the choices:");
        comment.ShouldContain("| Short name |");
        comment.ShouldNotContain("@everyone");
        comment.ShouldNotContain("<script>");
        cli.Out.ShouldContain("answers need a change; no manifest written.");
    }

    [Fact]
    public async Task FromIssue_FixedAfterProblems_TheSameCommentSaysReady()
    {
        // Given a first submission with a deal that belongs to another community
        await using var harness = await ApplyHarness.StartAsync();
        using var connections = harness.Connect();
        var issue = await connections.InfrastructureIssues.CreateIssueAsync(new NewIssue("New community", "", ["new-community"]));
        var cli = Repository().OnGitHub(harness);
        var taken = Payload(Opened, issue.Number, FormBody(new() { ["HubSpot deals"] = "31415926535" }));
        cli.Files.Add(EventPath, taken.ToJsonString());
        cli.Invoke("from-issue", "--event", EventPath).ShouldBe(1);
        var before = (await connections.InfrastructureIssues.ListCommentsAsync(issue.Number)).ShouldHaveSingleItem();
        before.Body.ShouldContain("| HubSpot deals \\(line 1\\) | The deal 31415926535 is already listed by communities/tidepool.yaml");

        // When the issue is edited with the right deal
        var fixedRun = Repository().OnGitHub(harness);
        fixedRun.Files.Add(EventPath, Payload(Edited, issue.Number).ToJsonString());
        fixedRun.Invoke("from-issue", "--event", EventPath).ShouldBe(0, fixedRun.Out);

        // Then the one comment now says it is ready
        var after = (await connections.InfrastructureIssues.ListCommentsAsync(issue.Number)).ShouldHaveSingleItem();
        after.Id.ShouldBe(before.Id);
        after.Body.ShouldContain("The answers make a valid manifest");
    }

    [Fact]
    public async Task FromIssue_HostileText_StaysInertInTheManifestTheCommentAndTheOutputs()
    {
        // Given answers that try to ping people, inject YAML, Markdown, HTML, shell and workflow outputs (markup in the
        // long name itself is refused: PlainFieldsTests)
        await using var harness = await ApplyHarness.StartAsync();
        using var connections = harness.Connect();
        var issue = await connections.InfrastructureIssues.CreateIssueAsync(new NewIssue("New community", "", ["new-community"]));
        const string Context = "Ping @example-org/bd and <script>alert(1)</script>\n\n### Hubs\n\nevil evil.example.org\n\nname: evil\n---\n`$(curl evil)` ${{ secrets.X }}";
        var body = FormBody(new()
        {
            ["Full name"] = "Tidal Flats $(rm -rf /) ${{ github.token }} ready EOF @everyone **x**",
            ["What do you want to achieve by working with us?"] = Context,
            ["Anything else"] = "@everyone </details> <img src=x onerror=alert(1)>",
        });
        var cli = Repository().OnGitHub(harness);
        cli.Files.Add(EventPath, Payload(Opened, issue.Number, body).ToJsonString());

        // When
        cli.Invoke("from-issue", "--event", EventPath).ShouldBe(0, cli.Out);

        // Then the manifest holds the text as written, and only where it was written
        var manifest = cli.Files.Text("communities/tidalflats.yaml");
        cli.Invoke("validate", "communities/tidalflats.yaml", "--output", "json").ShouldBe(0, cli.Out);
        var community = new Onboarding.Core.Validation.ManifestValidator()
            .Validate([new Onboarding.Core.Manifests.SourceFile("communities/tidalflats.yaml", System.Text.Encoding.UTF8.GetBytes(manifest))], new DateOnly(2026, 11, 24))
            .Documents.Single().Community;
        community.Name.ShouldBe("tidalflats");
        community.LongName.ShouldBe("Tidal Flats $(rm -rf /) ${{ github.token }} ready EOF @everyone **x**");
        community.Context.ShouldStartWith("## What do you want to achieve by working with us?\n" + Context + "\n\n## Who are your users?\n");
        community.Hubs.Select(h => h.Domain).ShouldBe(["tidalflats.hubs.example.org"]);

        // and each output is exactly one value
        var outputs = Outputs(cli);
        outputs.Keys.Order().ShouldBe(["body", "branch", "file", "manifest", "name", "ready", "title"]);
        outputs["manifest"].ShouldBe(manifest);
        outputs["title"].ShouldBe("Add community tidalflats: Tidal Flats $(rm -rf /) ${{ github.token }} ready EOF @\u2060everyone **x**");

        // and the pull request's text pings nobody and holds no HTML
        outputs["body"].ShouldContain("Tidal Flats");
        outputs["body"].ShouldNotContain("@everyone");
        outputs["body"].ShouldNotContain("<b>");
    }

    [Fact]
    public async Task FromIssue_FormMergedThenApplied_OnboardsTheCommunityAndDriftFindsNothingForIt()
    {
        // Given the examples in a repository, and a form submitted with a deal the sandbox's HubSpot holds, pasted as its address
        using var repo = RepositoryFiles.ExamplesRepository();
        var before = repo.Head();
        var deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;
        var form = Payload(Opened, 7, FormBody(new() { ["HubSpot deals"] = $"https://app.hubspot.com/contacts/24681357/record/0-3/{deal}" }));
        repo.Write("issue-event.json", form.ToJsonString());

        // When from-issue writes the manifest, the pull request is merged, apply runs for the push, then drift
        var written = CliRun.InRepository(repo, "from-issue", "--event", "issue-event.json");
        repo.Delete("issue-event.json");
        var merged = repo.Commit("Add community tidalflats (#8)");
        var push = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "push.with-new-branch.payload.json")))!;
        push["before"] = before;
        push["after"] = merged;
        repo.Write("push-event.json", push.ToJsonString());
        var apply = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "push-event.json");
        var drift = CliRun.InRepository(repo, "drift", "--sandbox");

        // Then the merge added exactly the manifest, and apply onboarded only that community
        written.Exit.ShouldBe(0, written.Out + written.Error);
        repo.Git("show", "--name-only", "--format=", merged).Trim().ShouldBe("communities/tidalflats.yaml");
        apply.Exit.ShouldBe(0, apply.Out + apply.Error);
        apply.Out.ShouldContain("tidalflats (communities/tidalflats.yaml):");
        apply.Out.ShouldNotContain("tidepool (");

        // And HubSpot holds the record with the form's people under their labels and the deal; GitHub the four turnup issues
        await using (var harness = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = Path.Combine(repo.Root, ".sandbox") }))
        {
            using var connections = harness.Connect();
            var community = (await connections.HubSpot.FindCommunityAsync("tidalflats", ["long_name"])).ShouldNotBeNull();
            community["long_name"].ShouldBe("Tidal Flats Survey Network");
            var associations = await connections.HubSpot.ReadCommunityContactsAsync(community.Id);
            var contacts = await connections.HubSpot.ReadContactsAsync([.. associations.Select(a => a.ToObjectId)], ["email"]);
            string EmailsLabelled(string label) => string.Join(" ", associations.Where(a => a.HasLabel(label))
                .Select(a => contacts.Single(c => c.Id == a.ToObjectId)["email"]).Order(StringComparer.Ordinal));
            EmailsLabelled("Community Representative").ShouldBe("rosa.diaz@tidalflats.example.org");
            EmailsLabelled("Technical Contact").ShouldBe("eve.adams@tidalflats.example.org jun.park@tidalflats.example.org");
            (await connections.HubSpot.ReadCommunityDealIdsAsync(community.Id)).ShouldBe([deal]);
            var issues = await ApplyHarness.TurnupIssuesAsync(connections.InfrastructureIssues, "tidalflats");
            issues.Select(i => (i.Marker.Phase, string.Join(",", i.Marker.Hubs))).Order().ShouldBe([(TurnupPhase.CloudAccount, "prod"), (TurnupPhase.Cluster, "prod"), (TurnupPhase.HubSetup, "prod")]);
        }

        // And drift, which still lists what the sandbox holds without a manifest, says nothing about tidalflats
        drift.Exit.ShouldBe(0, drift.Error);
        drift.Out.ShouldContain("communities/lakeshore.yaml: HubSpot: HubSpot has a Community record lakeshore");
        drift.Out.ShouldNotContain("tidalflats");
    }

    [Fact]
    public void FromIssue_NameOfAnExistingCommunity_RefusedAndTheFileUntouched()
    {
        // Given
        var cli = Repository();
        var before = cli.Files.Text("communities/tidepool.yaml");
        cli.Files.Add(EventPath, Payload(Opened, 1, FormBody(new() { ["Short name"] = "tidepool" })).ToJsonString());

        // When
        var exit = cli.Invoke("from-issue", "--event", EventPath);

        // Then
        exit.ShouldBe(1);
        cli.Files.Text("communities/tidepool.yaml").ShouldBe(before);
        cli.Out.ShouldContain("Short name: A community called tidepool already exists (communities/tidepool.yaml).");
    }

    [Theory]
    [InlineData("../.github/workflows/evil")]
    [InlineData("/tmp/evil")]
    [InlineData("tidal\u0000flats")]
    public void FromIssue_NameThatIsAPath_RefusedAndNothingWritten(string name)
    {
        // Given
        var cli = Repository();
        cli.Files.Add(EventPath, Payload(Opened, 1, FormBody(new() { ["Short name"] = name })).ToJsonString());

        // When
        var exit = cli.Invoke("from-issue", "--event", EventPath);

        // Then only the event and the outputs are new
        exit.ShouldBe(1);
        cli.Out.ShouldContain("Short name: This value is not in the expected form.");
        cli.Files.ListFiles("communities").Count.ShouldBe(3);
        cli.Files.FileExists("communities/" + name + ".yaml").ShouldBeFalse();
        cli.Files.FileExists(".github/workflows/evil.yaml").ShouldBeFalse();
        cli.Files.FileExists("/tmp/evil.yaml").ShouldBeFalse();
    }

    [Theory]
    [InlineData("labeled", "new-community", "open", "MEMBER", "only an opened or edited request is converted")]
    [InlineData("opened", "question", "open", "MEMBER", "does not have the new-community label")]
    [InlineData("edited", "new-community", "closed", "OWNER", "is closed")]
    [InlineData("opened", "new-community", "open", "NONE", "was opened by someone outside the organisation (NONE)")]
    public void FromIssue_NotARequestToConvert_NothingToDo(string action, string label, string state, string association, string reason)
    {
        // Given
        var cli = Repository();
        var payload = Payload(Opened);
        payload["action"] = action;
        payload["issue"]!["labels"]![0]!["name"] = label;
        payload["issue"]!["state"] = state;
        payload["issue"]!["author_association"] = association;
        cli.Files.Add(EventPath, payload.ToJsonString());

        // When
        var exit = cli.Invoke("from-issue", "--event", EventPath);

        // Then
        exit.ShouldBe(0);
        cli.Out.ShouldContain(reason);
        cli.Files.FileExists("communities/tidalflats.yaml").ShouldBeFalse();
        Outputs(cli)["ready"].ShouldBe("false");
    }

    [Fact]
    public void FromIssue_APushEvent_IsAUsageError()
    {
        // Given
        var cli = Repository();
        cli.Files.Add(EventPath, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "push.with-new-branch.payload.json")));

        // When
        var exit = cli.Invoke("from-issue", "--event", EventPath);

        // Then
        exit.ShouldBe(2);
        cli.Error.ShouldContain("not a GitHub issues event");
    }

    private static CliRun Repository()
    {
        var cli = new CliRun();
        foreach (var (path, text) in RepositoryFiles.Examples())
            cli.Files.Add(path, text);
        cli.Environment.Set("GITHUB_OUTPUT", OutputPath);
        return cli;
    }

    /// <summary>The outputs of the last run (each run starts the file afresh in these tests).</summary>
    private static Dictionary<string, string> Outputs(CliRun cli)
    {
        var lines = cli.Files.Text(OutputPath).Split('\n');
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf("<<", StringComparison.Ordinal);
            if (at <= 0)
                continue;
            var name = lines[i][..at];
            var delimiter = lines[i][(at + 2)..];
            var end = Array.IndexOf(lines, delimiter, i + 1);
            outputs[name] = string.Join('\n', lines[(i + 1)..end]);
            i = end;
        }

        return outputs;
    }

    private static JsonNode Payload(string name, int? number = null, string? body = null)
    {
        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name)))!;
        if (number is { } n)
            payload["issue"]!["number"] = n;
        if (body is not null)
            payload["issue"]!["body"] = body;
        return payload;
    }

    /// <summary>The opened payload's form body with some answers replaced.</summary>
    private static string FormBody(Dictionary<string, string> answers)
    {
        var body = Payload(Opened)["issue"]!["body"]!.GetValue<string>();
        var sections = body.Split("\n\n### ");
        for (var i = 0; i < sections.Length; i++)
        {
            var heading = sections[i].TrimStart('#', ' ').Split('\n')[0];
            if (answers.TryGetValue(heading, out var answer))
                sections[i] = (i == 0 ? "### " : "") + heading + "\n\n" + answer;
        }

        return string.Join("\n\n### ", sections);
    }
}

internal static class FromIssueCliRun
{
    /// <summary>Points the command's GitHub client at the sandbox, as the workflow points it at github.com, on the sandbox's clock.</summary>
    public static CliRun OnGitHub(this CliRun cli, ApplyHarness harness)
    {
        cli.Environment.Set("GITHUB_REPOSITORY", "example-org/infrastructure")
            .Set("GITHUB_API_URL", harness.Sandbox.GitHub.BaseAddress.ToString())
            .Set("GITHUB_TOKEN", harness.Sandbox.Options.GitHub.Tokens[0].Token);
        cli.Clock = harness.Clock;
        return cli;
    }
}

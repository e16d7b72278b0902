using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

public sealed partial class TurnupRendererTests
{
    private static readonly Hub Staging = TurnupFixtures.Hub("staging");
    private static readonly Hub Prod = TurnupFixtures.Hub();

    [Fact]
    public void Render_TwoHubsOnANewDedicatedCluster_OnePhase1OnePhase2AndOnePhase3WithTwoHubSections()
    {
        // Given tidepool's two hubs, requested together, on its own new cluster
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod));

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then
        issues.Select(i => i.Phase).ShouldBe([TurnupPhase.CloudAccount, TurnupPhase.Cluster, TurnupPhase.HubSetup]);
        issues.Select(i => i.Title).ShouldBe(
        [
            "[New Hub] [Phase 1] Cloud Account Setup - Tidepool Coastal Observatory Consortium",
            "[New Hub] [Phase 2] Cluster Setup - Tidepool Coastal Observatory Consortium",
            "[New Hub] [Phase 3] Hub Setup - staging.tidepool.hubs.example.org, tidepool.hubs.example.org",
        ]);
        issues.Select(i => i.Marker).ShouldBe(
        [
            "<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=staging,prod phase=1 -->",
            "<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=staging,prod phase=2 -->",
            "<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=staging,prod phase=3 -->",
        ]);
        foreach (var issue in issues)
        {
            issue.Body.Split('\n')[0].ShouldBe(issue.Marker);
            TurnupMarker.Parse(issue.Body)!.Key.ShouldBe(issue.Key);
            issue.Labels.ShouldBe(["new-hub", "onboarding", "community:tidepool"]);
            issue.Ready.ShouldBeTrue();
            issue.Body.ShouldEndWith("\n");
            issue.Body.ShouldNotContain("\r");
            RenderedMarkdown.ShouldBeInert(issue.Body, issue.Marker);
        }

        HubHeadings(issues[2].Body).ShouldBe(["### Hub 1: staging (READY)", "### Hub 2: prod (READY)"]);
        Answer(issues[2].Body, "How many hubs will be deployed?").ShouldBe("2");
        Answer(issues[2].Body, "Which cluster will the hub(s) be deployed on?").ShouldBe("tidepool");
    }

    [Fact]
    public void Render_EveryIssue_ReadsAsASubmissionOfItsTemplate()
    {
        // Given a community asking for a sync chat, with a hub to set up and one decommissioned
        var gone = TurnupFixtures.Hub("old") with { Status = HubStatus.Decommissioned, Deployed = new DateOnly(2025, 1, 10), Url = "https://old.tidepool.hubs.example.org" };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Prod, gone) with { SyncChat = true });

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then each body is the marker, a blank line, then per field of the form "### label", a blank line and the value
        issues.Select(i => i.Phase).ShouldBe([TurnupPhase.SyncChat, TurnupPhase.CloudAccount, TurnupPhase.Cluster, TurnupPhase.HubSetup, TurnupPhase.Decommission]);
        foreach (var issue in issues)
        {
            var template = TurnupFixtures.Templates.For(issue.Phase)!;
            var content = issue.Body[(issue.Marker.Length + 2)..];
            if (template.Format == IssueTemplateFormat.Markdown)
            {
                content.ShouldStartWith(template.Body!.Trim('\n')[..40]);
                continue;
            }

            var labels = template.Fields.Where(f => f.Type != FormFieldType.Markdown).Select(f => f.Label).ToList();
            FieldHeadings(content).ShouldBe(labels.Select(l => "### " + l));
            content.ShouldStartWith("### " + labels[0] + "\n\n");
            foreach (var dropdown in template.Fields.Where(f => f.Type == FormFieldType.Dropdown))
                dropdown.Options.ShouldContain(Answer(issue.Body, dropdown.Label));
        }
    }

    [Fact]
    public void Render_ManifestThatSaysEverything_NoRowLeftUnanswered()
    {
        // Given every value the tables ask for is in the manifest (or has a stated default)
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod));

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then no row keeps the template's placeholder, and the template's own answer hints are gone
        issues.SelectMany(i => i.Unanswered).ShouldBeEmpty();
        foreach (var issue in issues)
        {
            issue.Body.ShouldNotContain("`Yes/No`");
            issue.Body.ShouldNotContain("`AWS/GCP`");
            issue.Body.ShouldNotContain("READY/NOT READY");
        }
    }

    [Fact]
    public void Render_Phase1_AnswersFromTheManifestAndTheDeal()
    {
        // Given
        var facts = TurnupFixtures.Facts();

        // When
        var rows = RowsOf(TurnupFixtures.Issues(facts)[0].Body);

        // Then
        rows["Cloud Provider"].ShouldBe(("AWS", ""));
        rows["Will 2i2c pay for cloud costs?"].ShouldBe(("Yes", "2i2c pays the cloud provider and passes the cost through \\(2i2c-pays\\)"));
        rows["Name of cloud account"].ShouldBe(("tidepool", "Controlled by 2i2c \\(2i2c-managed\\)"));
        rows["Community Representative(s) (GitHub handles or email)"].ShouldBe(("anaruiz", "Ana Ruiz"));
        rows["Have the Technical Contacts been added to the [AirTable](https://airtable.com/)?"].ShouldBe((
            "No", "To add: Kofi Mensah \\(kofi.mensah@tidepool.example.org, GitHub kmensah\\)"));
        rows["Hubspot Deal URL"].ShouldBe((
            "[31415926535](https://app.hubspot.com/contacts/24681357/record/0-3/31415926535)",
            "31415926535: Tidepool 2026, Closed Won \\(allowed\\)"));
    }

    [Fact]
    public void Render_RowNobodyCanAnswer_KeepsTheTemplatesPlaceholderAndIsListed()
    {
        // Given a community without a logo
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod) with { Logo = null });

        // When
        var hubSetup = TurnupFixtures.Issues(facts)[2];

        // Then the row stays as the template has it, in each hub's section, and both are listed
        HubSection(hubSetup.Body, 1).ShouldContain("\n| Splash image URL | | |\n");
        HubSection(hubSetup.Body, 2).ShouldContain("\n| Splash image URL | | |\n");
        hubSetup.Unanswered.Select(u => (u.Question, u.Hub)).ShouldBe([("Splash image URL", "staging"), ("Splash image URL", "prod")]);
    }

    [Fact]
    public void Render_StatedDefault_NotesSayItIsAssumed()
    {
        // Given a hub whose manifest says nothing of its profiles, its funder or scoped credentials
        var hub = Prod with { Profiles = null, FundedBy = null, ScopedCredentials = null };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(hub));

        // When
        var rows = RowsOf(HubSection(TurnupFixtures.Issues(facts)[2].Body, 1));

        // Then
        rows["Default Interface"].ShouldBe(("JupyterLab", TurnupRenderer.AssumedNote));
        rows["Pangeo Notebook?"].ShouldBe(("No", TurnupRenderer.AssumedNote));
        rows["Custom image to be default?"].ShouldBe(("Yes", TurnupRenderer.AssumedNote));
        rows["Funded by?"].ShouldBe(("Tidepool Coastal Observatory Consortium", TurnupRenderer.AssumedNote));
        rows["`gh-scoped-creds` setup?"].ShouldBe(("No", TurnupRenderer.AssumedNote));
    }

    [Fact]
    public void Render_ValueFromTheConfigurator_NotesSaySo()
    {
        // Given the planner took the provider from the configurator link
        var facts = TurnupFixtures.Facts();
        facts = facts with { Cloud = facts.Cloud with { Provider = new Sourced<string>("aws", Provenance.Configurator) } };

        // When
        var rows = RowsOf(TurnupFixtures.Issues(facts)[0].Body);

        // Then
        rows["Cloud Provider"].ShouldBe(("AWS", TurnupRenderer.ConfiguratorNote));
    }

    [Fact]
    public void Render_Phase2_CarriesTheDealWhoPaysAndTheDedicatedClusterCommand()
    {
        // Given
        var facts = TurnupFixtures.Facts();

        // When
        var body = TurnupFixtures.Issues(facts)[1].Body;

        // Then
        var rows = RowsOf(body);
        rows["Region/Zone of the cluster"].ShouldBe(("us-west-2", ""));
        rows["Name of the cluster"].Answer.ShouldBe("tidepool");
        rows["Are GPUs required?"].ShouldBe(("No", ""));
        body.ShouldContain("(the cluster's configuration records it\\): [31415926535](https://app.hubspot.com/contacts/24681357/record/0-3/31415926535)");
        Code(body, "bash").ShouldBe(
            "# Who pays the cloud bill: 2i2c, passing the cost through (2i2c-pays). HubSpot deal: 31415926535\n" +
            "deployer generate dedicated-cluster aws --cluster-name=tidepool --cluster-region=us-west-2 --account-id=tidepool");
    }

    [Fact]
    public void Render_Phase3_EachHubWithItsChoicesAndHubAssetCommands()
    {
        // Given
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod with { Resources = ["r5.xlarge:4", "r5.4xlarge:2"] }));

        // When
        var body = TurnupFixtures.Issues(facts)[2].Body;

        // Then
        var prod = HubSection(body, 2);
        Code(prod, "yaml").ShouldBe(facts.Hubs[1].ResourceChoicesYaml.TrimEnd('\n'));
        Code(prod, "bash").ShouldBe(
            "deployer generate hub-asset common-values-file --provider=aws --cluster-name=tidepool --authenticator=github " +
            "--logo-url=https://tidepool.example.org/assets/logo.png --url=https://tidepool.example.org " +
            "--funded-by-name='Tidepool Coastal Observatory Consortium' --funded-by-url=https://tidepool.example.org --admin-users=anaruiz --admin-users=kmensah\n" +
            "deployer generate hub-asset main-values-file --provider=aws --cluster-name=tidepool --hub-name=prod");
        var rows = RowsOf(prod);
        rows["Max RAM option allowed"].ShouldBe(("\\~119 GB RAM, \\~15 CPUs", "`deployer generate resource-allocation choices r5.xlarge:4 r5.4xlarge:2`"));
        rows["Name of the hub"].ShouldBe(("prod", "tidepool.hubs.example.org"));
        rows["Pangeo Notebook?"].ShouldBe(("Yes", "`pangeo/pangeo-notebook`"));
        rows["Requester pays requests to external buckets allowed? (GCP only)"].ShouldBe(("No", "GCP only; the cluster runs on AWS"));
        rows["Institution id to be given access"].ShouldBe(("Not applicable", "Sign-in is not through CILogon"));
        Code(HubSection(body, 1), "bash").ShouldEndWith("--hub-name=staging");
    }

    [Fact]
    public void Render_HubOnASharedCluster_OnlyPhase3OnThatCluster()
    {
        // Given a hub on a shared cluster whose provider the configuration gives
        var settings = new OnboardingSettings { Turnup = new TurnupSettings { SharedClusters = new Dictionary<string, string> { ["2i2c-aws-us"] = "aws" } } };
        var community = TurnupFixtures.Community(Prod with { Cluster = "2i2c-aws-us" });
        var facts = TurnupFixtures.Facts(community, settings: settings);
        facts = facts with { Hubs = [facts.Hubs[0] with { Cluster = new ResolvedCluster("2i2c-aws-us", false, "aws", true) }] };

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then
        var issue = issues.ShouldHaveSingleItem();
        issue.Marker.ShouldBe("<!-- onboarding:turnup community=tidepool cluster=2i2c-aws-us request=2026-11-02 hubs=prod phase=3 -->");
        Answer(issue.Body, "Which cluster will the hub(s) be deployed on?").ShouldBe("2i2c-aws-us");
        Code(HubSection(issue.Body, 1), "bash").ShouldContain("--provider=aws --cluster-name=2i2c-aws-us");
    }

    [Fact]
    public void Render_HubAddedToALiveCluster_OnePhase3ForItAlone()
    {
        // Given riverbend's case: prod runs on the community's cluster, staging is requested later
        var prod = Prod with { Status = HubStatus.Deployed, Requested = new DateOnly(2025, 8, 4), Deployed = new DateOnly(2025, 8, 21), Url = "https://tidepool.hubs.example.org" };
        var staging = Staging with { Requested = new DateOnly(2026, 11, 20) };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(prod, staging));

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then
        var issue = issues.ShouldHaveSingleItem();
        issue.Phase.ShouldBe(TurnupPhase.HubSetup);
        issue.Hubs.ShouldBe(["staging"]);
        issue.Id.Request.ShouldBe("2026-11-20");
        HubHeadings(issue.Body).ShouldBe(["### Hub 1: staging (READY)"]);
    }

    [Fact]
    public void Render_HubOfARequestDeployed_IssueKeepsItsSectionWhileAnotherIsSetUp()
    {
        // Given staging went live and prod, requested with it, is still being set up
        var staging = Staging with { Status = HubStatus.Deployed, Deployed = new DateOnly(2026, 11, 20), Url = "https://staging.tidepool.hubs.example.org" };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(staging, Prod));

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then the cluster runs, so only the request's phase 3 remains, unchanged in what it names
        var issue = issues.ShouldHaveSingleItem();
        issue.Marker.ShouldBe("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=staging,prod phase=3 -->");
        HubHeadings(issue.Body).ShouldBe(["### Hub 1: staging (READY)", "### Hub 2: prod (READY)"]);
    }

    [Fact]
    public void Render_SyncChatAsked_Phase0PerRequestDueAWeekAfterIt()
    {
        // Given
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod) with { SyncChat = true });

        // When
        var issue = TurnupFixtures.Issues(facts)[0];

        // Then
        issue.Phase.ShouldBe(TurnupPhase.SyncChat);
        issue.Title.ShouldBe("[New Hub] [Due by: 2026-11-09] [Spike: 30mins] Requirements sync before the turnup phases - Tidepool Coastal Observatory Consortium");
        issue.Marker.ShouldBe("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=staging,prod phase=0 -->");
        issue.Body.ShouldContain("- [ ] Book a half-hour call with an engineer");
        issue.Body.ShouldContain("#### Community context\n\n> ## What do you want to achieve?");
        issue.Body.ShouldContain("#### Notes\n\n> They run a field course from 12 January.");
        issue.Unanswered.ShouldBeEmpty();
    }

    [Fact]
    public void Render_NoSyncChatAsked_NoPhase0()
    {
        // Given / When
        var issues = TurnupFixtures.Issues(TurnupFixtures.Facts(TurnupFixtures.Community(Prod) with { SyncChat = false }));

        // Then
        issues.ShouldNotContain(i => i.Phase == TurnupPhase.SyncChat);
    }

    [Theory]
    [InlineData("technical_contacts", new[] { false, true, true }, new[] { true, true })]
    [InlineData("cloud.region", new[] { true, false, true }, new[] { true, true })]
    [InlineData("hubs[1].auth.admins", new[] { true, true, false }, new[] { true, false })]
    [InlineData("hubs[0].gpu.team", new[] { true, false, false }, new[] { false, true })]
    public void Render_Blocker_HoldsBackTheIssuesAndHubsItAnswers(string field, bool[] ready, bool[] hubsReady)
    {
        // Given
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod), blockers: [new Blocker(field, "Please tell us.")]);

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then
        issues.Select(i => i.Ready).ShouldBe(ready);
        HubHeadings(issues[2].Body).Select(h => h.EndsWith("(READY)", StringComparison.Ordinal)).ShouldBe(hubsReady);
        foreach (var issue in issues.Where(i => !i.Ready))
            issue.Body.ShouldContain("- Please tell us. \\(manifest field: " + field.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "\\)");
        if (!issues[0].Ready)
            Answer(issues[0].Body, "Is this phase ready to be worked on?").ShouldBe("NOT READY");
    }

    [Fact]
    public void Render_CommunityBlockerOnASharedCluster_HoldsBackTheHubs()
    {
        // Given no phase 1 to hold back: the hub runs on a shared cluster
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(Prod with { Cluster = "2i2c" }), blockers: [new Blocker("technical_contacts", "Who is your technical contact?")]);

        // When
        var issue = TurnupFixtures.Issues(facts).ShouldHaveSingleItem();

        // Then
        issue.Ready.ShouldBeFalse();
        HubHeadings(issue.Body).ShouldBe(["### Hub 1: prod (NOT READY)"]);
    }

    [Fact]
    public void Render_MissingInformation_LinksTheFreshdeskTicketOnceItIsKnown()
    {
        // Given a blocker, first before the ticket is opened, then once a run found it
        var facts = TurnupFixtures.Facts(blockers: [new Blocker("technical_contacts", "Who is your technical contact?")]);
        var ticket = new Uri("https://sandbox.freshdesk.com/a/tickets/42");

        // When
        var before = TurnupFixtures.Issues(facts)[0].Body;
        var after = TurnupFixtures.Issues(facts with { MissingInformationTicket = ticket })[0].Body;

        // Then
        before.ShouldContain("This phase waits for these answers; the community representatives are asked for them in a Freshdesk ticket, linked here once it is open.");
        after.ShouldContain("This phase waits for these answers; the community representatives are asked for them in [this Freshdesk ticket](https://sandbox.freshdesk.com/a/tickets/42)");
    }

    [Fact]
    public void Render_GateBlocker_NoTurnupIssueButTheDecommissionIssue()
    {
        // Given no deal in an allowed stage, a hub requested and one decommissioned
        var gone = Staging with { Status = HubStatus.Decommissioned };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(gone, Prod), blockers: [new Blocker("deals", "No deal is in an allowed stage.", Gate: true)]);

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then
        issues.Select(i => i.Phase).ShouldBe([TurnupPhase.Decommission]);
    }

    [Fact]
    public void Render_DecommissionedHub_TheDecommissionTemplateFilledIn()
    {
        // Given
        var gone = Staging with { Status = HubStatus.Decommissioned, Deployed = new DateOnly(2025, 1, 10), Url = "https://staging.tidepool.hubs.example.org" };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(gone));

        // When
        var issue = TurnupFixtures.Issues(facts).ShouldHaveSingleItem();

        // Then
        issue.Marker.ShouldBe("<!-- onboarding:decommission community=tidepool cluster=tidepool hub=staging -->");
        issue.Title.ShouldBe("[Decommission Hub][{{ deadline }}] staging.tidepool.hubs.example.org");
        issue.Unanswered.Select(u => u.Question).ShouldBe(["{{ deadline }}"]);
        issue.Body.ShouldContain("#### Phase II - Removing the hub");
        issue.Body.ShouldContain("- Address: [https://staging.tidepool.hubs.example.org](https://staging.tidepool.hubs.example.org)");
        issue.Body.ShouldContain("- Deployed: 2025-01-10");
    }

    [Fact]
    public void Render_TemplateQuestionReworded_MappedInTheSettings_RowAnswered()
    {
        // Given a phase 2 template whose region question is reworded, and the settings that map it
        var template = Templates.Parse("04_new-hub_phase-2.yaml", SampleText("04_new-hub_phase-2.yaml")
            .Replace("| Region/Zone of the cluster |", "| Where should the cluster run? |", StringComparison.Ordinal));
        var templates = TurnupFixtures.Templates with { Cluster = template };
        var settings = new OnboardingSettings { Turnup = new TurnupSettings { Questions = new Dictionary<string, string> { ["Where should the cluster run?"] = "cluster.region" } } };

        // When the template alone changes, then the settings too
        var unmapped = TurnupFixtures.Issues(TurnupFixtures.Facts(), templates)[1];
        var mapped = TurnupFixtures.Issues(TurnupFixtures.Facts(settings: settings), templates)[1];

        // Then the reworded row is listed as unanswered, and answered once mapped
        unmapped.Unanswered.Select(u => u.Question).ShouldBe(["Where should the cluster run?"]);
        RowsOf(mapped.Body)["Where should the cluster run?"].Answer.ShouldBe("us-west-2");
        mapped.Unanswered.ShouldBeEmpty();
    }

    [Fact]
    public void Render_QuestionMappedToNone_RowLeftAsTheTemplateHasIt()
    {
        // Given
        var settings = new OnboardingSettings { Turnup = new TurnupSettings { Questions = new Dictionary<string, string> { ["cloud  PROVIDER"] = TurnupQuestions.None } } };

        // When
        var issue = TurnupFixtures.Issues(TurnupFixtures.Facts(settings: settings))[0];

        // Then
        issue.Body.ShouldContain("\n| Cloud Provider | `AWS/GCP` | |\n");
        issue.Unanswered.Select(u => u.Question).ShouldBe(["Cloud Provider"]);
    }

    [Fact]
    public void Render_NoTemplateForAPhase_SaysSoInsteadOfOpeningIt()
    {
        // Given a template set without phase 2
        var templates = TurnupFixtures.Templates with { Cluster = null };

        // When
        var rendering = TurnupRenderer.Render(TurnupFixtures.Facts(), templates);

        // Then
        rendering.Issues.Select(i => i.Phase).ShouldBe([TurnupPhase.CloudAccount, TurnupPhase.HubSetup]);
        rendering.Problems.ShouldBe([$"Phase 2 of tidepool on cluster tidepool (hub prod) is due, but there is no template for it. {templates.Source}"]);
    }

    [Fact]
    public void Render_SameFactsTwice_SameBytes()
    {
        // Given two equal but separately built sets of facts
        var first = TurnupFixtures.Issues(TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod)));

        // When
        var second = TurnupFixtures.Issues(TurnupFixtures.Facts(TurnupFixtures.Community(Staging, Prod)));

        // Then
        second.Select(i => i.Body).ShouldBe(first.Select(i => i.Body));
        second.Select(i => i.Title).ShouldBe(first.Select(i => i.Title));
    }

    internal static string SampleText(string file) => File.ReadAllText(RepositoryFiles.PathOf("src/Onboarding.Sandbox/GitHub/Templates/" + file));

    /// <summary>The value of a form field: the text under its <c>### label</c> up to the next field.</summary>
    internal static string Answer(string body, string label)
    {
        var start = body.IndexOf($"\n### {label}\n\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"field {label}");
        start += label.Length + 7;
        var end = body.IndexOf("\n### ", start, StringComparison.Ordinal);
        return (end < 0 ? body[start..] : body[start..end]).Trim('\n');
    }

    /// <summary>The <c>### </c> headings of the form's fields (hub sections are part of a field).</summary>
    private static List<string> FieldHeadings(string content) =>
        [.. content.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal) && !HubHeading().IsMatch(l))];

    private static List<string> HubHeadings(string body) => [.. body.Split('\n').Where(l => HubHeading().IsMatch(l))];

    [System.Text.RegularExpressions.GeneratedRegex(@"^### Hub [0-9]+: ")]
    private static partial System.Text.RegularExpressions.Regex HubHeading();

    /// <summary>The n-th hub's section of a phase 3 issue, its heading included.</summary>
    internal static string HubSection(string body, int n)
    {
        var start = body.IndexOf($"\n### Hub {n}: ", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"hub section {n}");
        var end = body.IndexOf($"\n### Hub {n + 1}: ", start, StringComparison.Ordinal);
        return end < 0 ? body[start..] : body[start..end];
    }

    /// <summary>The content of the first fenced block of that language.</summary>
    private static string Code(string text, string language)
    {
        var start = text.IndexOf("```" + language + "\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"a {language} block");
        start += language.Length + 4;
        return text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)];
    }

    /// <summary>Rows of every table in the text, keyed by question; cells as written (Markdown).</summary>
    internal static Rows RowsOf(string body) => new([.. body.Split('\n')
        .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Question |", StringComparison.Ordinal) && !line.StartsWith("| :-", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal))
        .Select(line =>
        {
            var cells = SplitRow(line);
            cells.Count.ShouldBe(3, line);
            return (Question: cells[0], Answer: cells[1], Notes: cells[2]);
        })]);

    /// <summary>Splits on pipes that are not escaped, as GitHub splits table rows.</summary>
    private static List<string> SplitRow(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                cell.Append(line[i]).Append(line[++i]);
            }
            else if (line[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        return cells;
    }

    internal sealed class Rows(IReadOnlyList<(string Question, string Answer, string Notes)> rows)
    {
        public (string Answer, string Notes) this[string question]
        {
            get
            {
                var row = rows.Where(r => r.Question == question).ShouldHaveSingleItem($"row \"{question}\"");
                return (row.Answer, row.Notes);
            }
        }
    }
}

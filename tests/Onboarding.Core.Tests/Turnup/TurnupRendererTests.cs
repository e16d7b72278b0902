using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

public sealed class TurnupRendererTests
{
    private static readonly string[] PhaseOneQuestions =
    [
        "Cloud provider", "Does 2i2c pay the cloud bill?", "Who controls the cloud account", "Cloud account name",
        "Community representatives", "Technical contacts recorded", "HubSpot deal URL(s) and stages",
    ];

    private static readonly string[] PhaseTwoQuestions = ["Region / zone", "Cluster name", "GPUs required"];

    private static readonly string[] PhaseThreeQuestions =
    [
        "Hub name", "Hub domain", "Dask gateway", "Splash image and homepage URL", "Funded by", "Authentication mechanism",
        "Admin users", "Scratch bucket", "Persistent bucket", "Requester pays (GCP only)", "Scoped credentials",
        "Images offered", "Allow any image (unlisted choice)", "Maximum RAM per user", "Dynamic image building",
        "BinderHub UI", "Home directories", "GPU", "Default interface", "Named servers",
        "GitHub teams and team-restricted profiles", "CILogon institutions", "Custom image", "Resource allocation choices",
    ];

    [Fact]
    public void Render_OneHub_FourPhasesWithTitlesLabelsAndMarkers()
    {
        // Given
        var facts = TurnupFixtures.Facts();

        // When
        var issues = TurnupRenderer.Render(facts, TurnupFixtures.Resolved());

        // Then
        issues.Select(i => i.Title).ShouldBe(
        [
            "[New Hub] Sync chat to refine phases - tidepool (prod)",
            "[New Hub] [Phase 1] Cloud Account Setup - tidepool (prod)",
            "[New Hub] [Phase 2] Cluster Setup - tidepool (prod)",
            "[New Hub] [Phase 3] Hub Setup - tidepool (prod)",
        ]);
        foreach (var issue in issues)
        {
            issue.Community.ShouldBe("tidepool");
            issue.Hub.ShouldBe("prod");
            issue.Labels.ShouldBe(["new-hub", "onboarding", $"phase-{issue.Phase}", "community:tidepool"]);
            issue.Marker.ShouldBe($"<!-- onboarding:turnup community=tidepool hub=prod phase={issue.Phase} -->");
            issue.Body.Split('\n')[0].ShouldBe(issue.Marker);
            issue.Key.ShouldBe($"github:issue:tidepool:prod:phase-{issue.Phase}");
            issue.Ready.ShouldBeTrue();
            issue.Body.ShouldEndWith("\n");
            issue.Body.ShouldNotContain("\r");
        }

        issues.Select(i => i.Phase).ShouldBe([0, 1, 2, 3]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Render_PhaseWithAllAnswers_StatusReadyThenTableWithEveryQuestion(int phase)
    {
        // Given
        var facts = TurnupFixtures.Facts();

        // When
        var body = TurnupRenderer.Render(facts, TurnupFixtures.Resolved())[phase].Body;

        // Then
        var lines = body.Split('\n');
        lines[1].ShouldBe("**Status: READY**");
        body.ShouldNotContain("Missing information");
        body.ShouldContain("| Question | Answer | Notes |\n| --- | --- | --- |\n");
        var questions = phase switch { 1 => PhaseOneQuestions, 2 => PhaseTwoQuestions, _ => PhaseThreeQuestions };
        RowsOf(body).Select(r => r.Question).ShouldBe(questions);
        body.ShouldContain("### Assumptions");
        RenderedMarkdown.ShouldBeInert(body, lines[0]);
    }

    [Fact]
    public void Render_PhaseOne_AnswersFromManifestAndDeals()
    {
        // Given
        var facts = TurnupFixtures.Facts();

        // When
        var rows = RowsOf(TurnupRenderer.Render(facts, TurnupFixtures.Resolved())[1].Body);

        // Then
        rows["Cloud provider"].ShouldBe(("AWS", ""));
        rows["Does 2i2c pay the cloud bill?"].Answer.ShouldStartWith("Yes (2i2c-pays)");
        rows["Community representatives"].Answer.ShouldBe("Ana Ruiz (ana.ruiz@tidepool.example.org, GitHub anaruiz)");
        rows["Technical contacts recorded"].Answer.ShouldBe("Yes: Kofi Mensah (kofi.mensah@tidepool.example.org, GitHub kmensah)");
        rows["HubSpot deal URL(s) and stages"].ShouldBe((
            "[31415926535](https://app.hubspot.com/contacts/24681357/record/0-3/31415926535) Tidepool 2026: Closed Won",
            "A deal is in an allowed stage (Contract Admin, Closed Won)"));
    }

    [Fact]
    public void Render_AccountNameMissing_RowStaysVisiblyUnanswered()
    {
        // Given the manifest names no cloud account
        var facts = TurnupFixtures.Facts();

        // When
        var rows = RowsOf(TurnupRenderer.Render(facts, TurnupFixtures.Resolved())[1].Body);

        // Then
        rows["Cloud account name"].ShouldBe((TurnupRenderer.NotAnswered, "2i2c names the account when it creates it"));
    }

    [Fact]
    public void Render_UnansweredRows_KeepVisibleNotAnswered()
    {
        // Given a hub without funding, image or admins
        var hub = TurnupFixtures.Hub() with { FundedBy = null, Image = null, Auth = new HubAuth("github", ["tidepool-observatory"], [], [], []) };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(hub));

        // When
        var rows = RowsOf(TurnupRenderer.Render(facts, TurnupFixtures.Resolved(hub))[3].Body);

        // Then
        rows["Funded by"].Answer.ShouldBe("_Not answered_");
        rows["Custom image"].Answer.ShouldBe("_Not answered_");
        rows["Admin users"].Answer.ShouldBe("_Not answered_");
        rows["Scoped credentials"].Answer.ShouldBe("_Not answered_");
    }

    [Fact]
    public void Render_DefaultValues_NotesSayAssumedAndPhaseListsAssumption()
    {
        // Given a manifest silent on the cloud and on the hub's resources
        var hub = TurnupFixtures.Hub() with { Resources = [], Dask = null };
        var community = TurnupFixtures.Community(hub) with { Cloud = new CloudSettings() };
        var assumptions = new[]
        {
            new Assumption("cloud.region", "us-west-2", "The manifest names no region; most communities' data is there."),
            new Assumption("hubs[0].resources", "r5.xlarge:4", "The manifest names no server sizes."),
            new Assumption("hubs[1].resources", "r5.xlarge:4", "Another hub's assumption."),
        };
        var facts = TurnupFixtures.Facts(community, assumptions: assumptions);

        // When
        var issues = TurnupRenderer.Render(facts, TurnupFixtures.Resolved(hub));

        // Then
        RowsOf(issues[1].Body)["Cloud provider"].ShouldBe(("AWS", TurnupRenderer.AssumedNote));
        RowsOf(issues[2].Body)["Region / zone"].ShouldBe(("us-west-2", TurnupRenderer.AssumedNote));
        RowsOf(issues[3].Body)["Resource allocation choices"].ShouldBe(("r5.xlarge:4", TurnupRenderer.AssumedNote + "; Generated below"));
        RowsOf(issues[3].Body)["Dask gateway"].ShouldBe(("Disabled", TurnupRenderer.AssumedNote));
        Section(issues[2].Body, "Assumptions").ShouldBe(
            "- cloud.region: us-west-2. The manifest names no region; most communities' data is there.\n- hubs\\[0\\].resources: r5.xlarge:4. The manifest names no server sizes.");
        Section(issues[3].Body, "Assumptions").ShouldBe("- hubs\\[0\\].resources: r5.xlarge:4. The manifest names no server sizes.");
        Section(issues[1].Body, "Assumptions").ShouldStartWith("None");
        Section(issues[0].Body, "Assumptions").Split('\n').Length.ShouldBe(2, "phase 0 lists this hub's and the community's assumptions, not another hub's");
    }

    [Fact]
    public void Render_RegionRow_EscapesOnlyALeadingListMarker()
    {
        // Given
        var community = TurnupFixtures.Community() with { Cloud = new CloudSettings("aws", "-us-east-1", null, null, null) };

        // When
        var rows = RowsOf(TurnupRenderer.Render(TurnupFixtures.Facts(community), TurnupFixtures.Resolved())[2].Body);

        // Then
        rows["Region / zone"].Answer.ShouldBe("\\-us-east-1");
    }

    [Fact]
    public void Render_ConfiguratorSelections_FillRowsTheManifestDoesNotCover()
    {
        // Given the tidepool link (Advanced tier)
        var facts = TurnupFixtures.Facts();

        // When
        var rows = RowsOf(TurnupRenderer.Render(facts, TurnupFixtures.Resolved())[3].Body);

        // Then
        rows["Images offered"].ShouldBe((
            "Scientific Python / JupyterLab \\(jupyter/scipy-notebook\\); R / RStudio \\(rocker/binder\\); Pangeo / JupyterLab \\(pangeo/pangeo-notebook\\)",
            "From the Hub Configurator (the Advanced tier's default)"));
        rows["Dynamic image building"].ShouldBe(("Included", "From the Hub Configurator (the Advanced tier's default)"));
        rows["Home directories"].ShouldBe(("Persistent", "From the Hub Configurator (the Advanced tier's default)"));
        rows["BinderHub UI"].Notes.ShouldStartWith(TurnupRenderer.ConfiguratorNote);
    }

    [Fact]
    public void Render_ValueSourcedFromConfigurator_NotesSaySo()
    {
        // Given the planner took the provider from the configurator link
        var facts = TurnupFixtures.Facts();
        facts = facts with { Cloud = facts.Cloud with { Provider = new Sourced<string>("AWS", Provenance.Configurator) } };

        // When
        var rows = RowsOf(TurnupRenderer.Render(facts, TurnupFixtures.Resolved())[1].Body);

        // Then
        rows["Cloud provider"].ShouldBe(("AWS", TurnupRenderer.ConfiguratorNote));
    }

    [Fact]
    public void Render_NoConfiguratorLink_ConfiguratorRowsUnanswered()
    {
        // Given
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community() with { Configurator = null });

        // When
        var issues = TurnupRenderer.Render(facts, TurnupFixtures.Resolved());

        // Then
        RowsOf(issues[3].Body)["Dynamic image building"].ShouldBe((TurnupRenderer.NotAnswered, ""));
        RowsOf(issues[0].Body)["Hub Configurator"].Answer.ShouldBe(TurnupRenderer.NotAnswered);
    }

    [Fact]
    public void Render_NoTechnicalContact_PhaseOneNotReadyWithMissingList()
    {
        // Given
        var community = TurnupFixtures.Community() with { TechnicalContacts = [] };
        var blocker = new Blocker("technical_contacts", "Who should we tell when the hub is ready? Give us at least one technical contact.");
        var facts = TurnupFixtures.Facts(community, blockers: [blocker]);

        // When
        var issues = TurnupRenderer.Render(facts, TurnupFixtures.Resolved());

        // Then
        issues.Select(i => i.Ready).ShouldBe([true, false, true, true]);
        issues[1].Body.Split('\n')[1].ShouldBe("**Status: NOT READY**");
        Section(issues[1].Body, "Missing information").ShouldEndWith(
            "- Who should we tell when the hub is ready? Give us at least one technical contact. (manifest field: technical\\_contacts)");
        RowsOf(issues[1].Body)["Technical contacts recorded"].Answer.ShouldBe("No");
        issues[2].Body.Split('\n')[1].ShouldBe("**Status: READY**");
        Section(issues[0].Body, "Missing information").ShouldContain("Give us at least one technical contact.");
    }

    [Fact]
    public void Render_GateBlocker_EveryPhaseNotReady()
    {
        // Given
        var blocker = new Blocker("deals", "Which signed deal covers this hub? No deal is in Contract Admin or Closed Won.", Gate: true);

        // When
        var issues = TurnupRenderer.Render(TurnupFixtures.Facts(blockers: [blocker]), TurnupFixtures.Resolved());

        // Then
        issues.ShouldAllBe(i => !i.Ready);
        foreach (var issue in issues.Skip(1))
        {
            issue.Body.Split('\n')[1].ShouldBe("**Status: NOT READY**");
            Section(issue.Body, "Missing information").ShouldContain("No deal is in Contract Admin or Closed Won.");
        }
    }

    [Theory]
    [InlineData("hubs[0].auth.admins", new[] { true, true, true, false })]
    [InlineData("hubs[0].gpu.team", new[] { true, true, false, false })]
    [InlineData("hubs[1].auth.admins", new[] { true, true, true, true })]
    [InlineData("cloud.region", new[] { true, true, false, true })]
    [InlineData("cloud.account_name", new[] { true, false, true, true })]
    [InlineData("representatives", new[] { true, false, true, true })]
    public void Render_Blocker_HoldsBackThePhasesItAnswers(string field, bool[] ready)
    {
        // Given
        var facts = TurnupFixtures.Facts(blockers: [new Blocker(field, "Please tell us.")]);

        // When
        var issues = TurnupRenderer.Render(facts, TurnupFixtures.Resolved(index: 0));

        // Then
        issues.Select(i => i.Ready).ShouldBe(ready);
    }

    [Fact]
    public void Render_PhaseZero_TasksContextNotesAndLinks()
    {
        // Given
        var facts = TurnupFixtures.Facts();

        // When
        var body = TurnupRenderer.Render(facts, TurnupFixtures.Resolved())[0].Body;

        // Then
        var tasks = Section(body, "Tasks");
        tasks.ShouldContain("- [ ] Hold a short PS/BD sync");
        tasks.ShouldContain("- [ ] Open phases 1–3: the Phase 1–3 issues for this hub");
        tasks.ShouldContain("  - \\[New Hub\\] \\[Phase 3\\] Hub Setup - tidepool \\(prod\\)");
        Section(body, "Community context").ShouldBe("> ## What do you want to achieve?\n> A shared place for **twelve** member labs.\n>\n> - buoy data\n> - tide gauges");
        Section(body, "Notes").ShouldBe("> They run a field course from 12 January.");
        var rows = RowsOf(body);
        rows["Meeting transcript"].Answer.ShouldBe(
            "[https://docs.google.com/document/d/1TidepoolKickoffTranscript/edit](https://docs.google.com/document/d/1TidepoolKickoffTranscript/edit)");
        rows["Manifest"].Answer.ShouldBe("communities/tidepool.yaml");
        rows["Requested"].Answer.ShouldBe("2026-11-02");
        rows["Hub Configurator"].Answer.ShouldBe("Advanced tier");
        RenderedMarkdown.ShouldBeInert(body, body.Split('\n')[0]);
    }

    [Fact]
    public void Render_PhaseThree_ChoicesFencedAndNotifyStepLast()
    {
        // Given
        var hub = TurnupFixtures.Hub() with { Resources = ["r5.xlarge:4", "r5.4xlarge:2"] };
        var resolved = TurnupFixtures.Resolved(hub);

        // When
        var body = TurnupRenderer.Render(TurnupFixtures.Facts(TurnupFixtures.Community(hub)), resolved)[3].Body;

        // Then
        Section(body, "Resource allocation choices").ShouldBe("```yaml\n" + resolved.ResourceChoicesYaml.TrimEnd('\n') + "\n```");
        body.TrimEnd('\n').Split('\n')[^1].ShouldBe("- [ ] " + TurnupRenderer.NotifyStep);
        RowsOf(body)["Maximum RAM per user"].Answer.ShouldBe("\\~119 GB RAM, \\~15 CPUs");
        RowsOf(body)["Resource allocation choices"].Answer.ShouldBe("r5.xlarge:4, r5.4xlarge:2");
    }

    [Fact]
    public void Render_CiLogonHubWithGpuTeam_InstitutionsAndRestrictedProfile()
    {
        // Given
        var hub = TurnupFixtures.Hub() with
        {
            Auth = new HubAuth("cilogon", [], [], ["heliolab.example.edu", "solar.example.ac.uk"], ["m.okafor@heliolab.example.edu"]),
            Gpu = new GpuAccess("nvidia-t4", "modelling"),
        };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(hub) with { Cloud = new CloudSettings("gcp", "us-central1", "community-managed", "heliolab-hub", "community-pays") });

        // When
        var issues = TurnupRenderer.Render(facts, TurnupFixtures.Resolved(hub));

        // Then
        var rows = RowsOf(issues[3].Body);
        rows["CILogon institutions"].Answer.ShouldBe("heliolab.example.edu, solar.example.ac.uk");
        rows["GitHub teams and team-restricted profiles"].Answer.ShouldBe("GPU profile only for team modelling");
        rows["GPU"].Answer.ShouldBe("Yes (nvidia-t4), for team modelling");
        rows["Requester pays (GCP only)"].Answer.ShouldBe(TurnupRenderer.NotAnswered);
        rows["Admin users"].Answer.ShouldBe("m.okafor@heliolab.example.edu");
        RowsOf(issues[2].Body)["GPUs required"].Answer.ShouldBe("Yes (nvidia-t4), for team modelling");
        RowsOf(issues[1].Body)["Does 2i2c pay the cloud bill?"].Answer.ShouldStartWith("No (community-pays)");
        RowsOf(issues[1].Body)["Cloud account name"].Answer.ShouldBe("heliolab-hub");
    }

    [Fact]
    public void Render_DealsNotRead_SaysLiveChecksSkipped()
    {
        // Given a plan made without credentials
        var facts = TurnupFixtures.Facts() with { Deals = [new DealFact("31415926535", null, null, false, false)] };

        // When
        var rows = RowsOf(TurnupRenderer.Render(facts, TurnupFixtures.Resolved())[1].Body);

        // Then
        rows["HubSpot deal URL(s) and stages"].ShouldBe((
            "[31415926535](https://app.hubspot.com/contacts/24681357/record/0-3/31415926535): stage not read",
            "Deal stages were not read (live checks skipped)"));
    }

    [Fact]
    public void Render_SameFactsTwice_SameBytes()
    {
        // Given two equal but separately built sets of facts
        var first = TurnupRenderer.Render(TurnupFixtures.Facts(), TurnupFixtures.Resolved());

        // When
        var second = TurnupRenderer.Render(TurnupFixtures.Facts(), TurnupFixtures.Resolved());

        // Then
        second.Select(i => i.Body).ShouldBe(first.Select(i => i.Body));
        second.Select(i => i.Title).ShouldBe(first.Select(i => i.Title));
    }

    [Fact]
    public void Render_SecondHub_OwnMarkerAndTitles()
    {
        // Given
        var staging = TurnupFixtures.Hub("staging");
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(staging, TurnupFixtures.Hub()));

        // When
        var issues = TurnupRenderer.Render(facts, TurnupFixtures.Resolved(staging, 0));

        // Then
        issues[2].Title.ShouldBe("[New Hub] [Phase 2] Cluster Setup - tidepool (staging)");
        TurnupMarker.TryParse(issues[2].Body, out var community, out var hub, out var phase).ShouldBeTrue();
        (community, hub, phase).ShouldBe(("tidepool", "staging", 2));
    }

    [Fact]
    public void Title_PhaseOutOfRange_Throws()
    {
        // Given / When / Then
        Should.Throw<ArgumentOutOfRangeException>(() => TurnupRenderer.Title("tidepool", "prod", 4));
    }

    /// <summary>Rows of every table in the body, keyed by question; cells as written (Markdown).</summary>
    internal static Rows RowsOf(string body) => new([.. body.Split('\n')
        .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Question |", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal))
        .Select(line =>
        {
            var cells = SplitRow(line);
            cells.Count.ShouldBe(3, line);
            return (Question: cells[0], Answer: cells[1], Notes: cells[2]);
        })]);

    /// <summary>The text under a <c>### heading</c> up to the next heading, without surrounding blank lines.</summary>
    internal static string Section(string body, string heading)
    {
        var start = body.IndexOf($"\n### {heading}\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"section {heading}");
        start += heading.Length + 6;
        var end = body.IndexOf("\n### ", start, StringComparison.Ordinal);
        return (end < 0 ? body[start..] : body[start..end]).Trim('\n');
    }

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

        public IEnumerable<string> Select(Func<(string Question, string Answer, string Notes), string> f) => rows.Select(f);
    }
}

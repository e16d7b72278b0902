using System.Text;
using System.Text.Json;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Configuration;

public sealed class SettingsReaderTests
{
    private const string File = "onboarding.yaml";

    private const string Minimal = ConfigText.Minimal;

    [Fact]
    public void Read_CommittedFile_EqualsTheBuiltInDefaultsAndNamesTheSandboxBoard()
    {
        // Given the onboarding.yaml at the repository root
        var bytes = System.IO.File.ReadAllBytes(RepositoryFiles.PathOf(File));

        // When it is read
        var (settings, problems) = SettingsReader.Read(new SourceFile(File, bytes));

        // Then it is valid and says exactly what the defaults say, so --sandbox and the tests agree with it; and it puts
        // turnup issues on the sandbox's board, which no default does (without github.project there is no board)
        problems.ShouldBeEmpty();
        Json(settings! with { GitHub = settings.GitHub with { Project = null } }).ShouldBe(Json(new OnboardingSettings()));
        new OnboardingSettings().GitHub.Project.ShouldBeNull();
        var board = settings.GitHub.Project!;
        (board.Owner, board.Number, board.StatusField, board.Column, board.WaitingColumn, board.IterationField).ShouldBe(("example-org", 1, "Status", "Refined", "Waiting", "Iteration"));
    }

    [Fact]
    public void Read_Project_BindsEveryField()
    {
        // Given a project with its own status field and a column for phase 3
        var text = Minimal.Replace("  bd_team: \"@example-org/bd\"\n", """
              bd_team: "@example-org/bd"
              project:
                owner: infra-org
                number: 57
                status_field: Stage
                column: Ready
                phase_columns:
                  phase_3: Hub setup

            """, StringComparison.Ordinal);

        // When
        var (settings, problems) = Read(text);

        // Then
        problems.ShouldBeEmpty();
        var board = settings!.GitHub.Project!;
        (board.Owner, board.Number, board.StatusField, board.Column, board.WaitingColumn, board.IterationField).ShouldBe(("infra-org", 57, "Stage", "Ready", null, null));
        board.PhaseColumns.ShouldBe(new Dictionary<int, string> { [3] = "Hub setup" });
        board.Columns.ShouldBe(["Ready", "Hub setup"]);
    }

    [Fact]
    public void Read_IterationFieldIsTheStatusField_IsALocatedError()
    {
        // Given a project whose iteration field is its status field
        var text = Minimal.Replace("  bd_team: \"@example-org/bd\"\n", "  bd_team: \"@example-org/bd\"\n  project:\n    owner: example-org\n    number: 1\n    column: Refined\n    iteration_field: status\n", StringComparison.Ordinal);

        // When
        var (settings, problems) = Read(text);

        // Then
        settings.ShouldBeNull();
        problems.ShouldHaveSingleItem().ToString().ShouldBe(
            "onboarding.yaml:15:22: error: github.project.iteration_field: \"status\" is the status field, whose options are the columns; name the project's iteration field, or leave this out.");
    }

    [Fact]
    public void Read_CommittedFile_StartsWithTheSchemaLine()
    {
        var first = System.IO.File.ReadLines(RepositoryFiles.PathOf(File)).First();

        first.ShouldBe("# yaml-language-server: $schema=schemas/onboarding.schema.json");
    }

    [Fact]
    public void Read_MinimalFile_DefaultsFillTheRest()
    {
        var (settings, problems) = Read(Minimal);

        problems.ShouldBeEmpty();
        Json(settings!).ShouldBe(Json(new OnboardingSettings()));
    }

    [Fact]
    public void Read_OrganisationValues_AreWhatTheProgramUses()
    {
        // Given a configuration with an organisation's own names
        var text = Minimal
            .Replace("  portal_id: 24681357\n", """
                  portal_id: 99
                  base_url: http://127.0.0.1:5000/hubspot
                  properties:
                    long_name: full_name
                    community_context: context_md
                  association_labels:
                    technical_contact: Tech Contact
                  allowed_deal_stages: ["Signed"]

                """, StringComparison.Ordinal)
            .Replace("  domain: sandbox\n", "  base_url: https://support.example.org/\n", StringComparison.Ordinal)
            .Replace("  bd_team: \"@example-org/bd\"\n", "  bd_team: acme/sales\n  api_url: https://github.acme.example/api/v3/\n  turnup_labels: [turnup]\n", StringComparison.Ordinal)
            + "staff_users: [deployment-service-check, ana]\nprometheus_url: https://prometheus.{community}.acme.example\ngrafana_url: https://grafana.acme.example/d/engagement\n";

        // When it is read
        var (settings, problems) = Read(text);

        // Then every value is taken, and whatever it leaves out keeps its default
        problems.ShouldBeEmpty();
        settings.ShouldNotBeNull();
        settings.HubSpot.PortalId.ShouldBe(99);
        settings.HubSpot.BaseUrl.ShouldBe(new Uri("http://127.0.0.1:5000/hubspot/"));
        settings.HubSpot.Properties.LongName.ShouldBe("full_name");
        settings.HubSpot.Properties.CommunityContext.ShouldBe("context_md");
        settings.HubSpot.Properties.Website.ShouldBe("website");
        settings.HubSpot.RepresentativeLabel.ShouldBe("Community Representative");
        settings.HubSpot.TechnicalContactLabel.ShouldBe("Tech Contact");
        settings.HubSpot.AllowedDealStages.ShouldBe(["Signed"]);
        settings.Freshdesk.HelpdeskUrl.ShouldBe(new Uri("https://support.example.org/"));
        settings.Freshdesk.EmailConfigId.ShouldBe(43000012345);
        settings.GitHub.BdTeam.ShouldBe("@acme/sales");
        settings.GitHub.ApiUrl.ShouldBe(new Uri("https://github.acme.example/api/v3/"));
        settings.GitHub.TurnupLabels.ShouldBe(["turnup"]);
        settings.StaffUsers.ShouldBe(["deployment-service-check", "ana"]);
        settings.PrometheusUrl.ShouldNotBeNull().For("tidepool", "prod").ShouldBe(new Uri("https://prometheus.tidepool.acme.example/"));
        settings.GrafanaUrl.ShouldBe(new Uri("https://grafana.acme.example/d/engagement/"));
    }

    [Theory]
    [InlineData("  plan: estate\n", FreshdeskPlan.Estate)]
    [InlineData("  plan: pro\n", FreshdeskPlan.Pro)]
    [InlineData("", FreshdeskPlan.Growth)]
    public void Read_FreshdeskPlan_ChoosesTheLimitsTheClientKeepsTo(string line, FreshdeskPlan expected)
    {
        var (settings, problems) = Read(Minimal.Replace("  domain: sandbox\n", "  domain: sandbox\n" + line, StringComparison.Ordinal));

        problems.ShouldBeEmpty();
        settings!.Freshdesk.Plan.ShouldBe(expected);
    }

    [Fact]
    public void Read_FreshdeskPlanNotAPlan_IsAnErrorAtItsLine()
    {
        var (settings, problems) = Read(Minimal.Replace("  domain: sandbox\n", "  domain: sandbox\n  plan: premium\n", StringComparison.Ordinal));

        settings.ShouldBeNull();
        problems.ShouldHaveSingleItem().ToString().ShouldStartWith("onboarding.yaml:7:9: error: freshdesk.plan: ");
    }

    [Fact]
    public void Read_HealAndExternallyManaged_NameTheFieldsApplyOwnsAndLeaves()
    {
        var (settings, problems) = Read(Minimal.Replace("github:\n", "heal: [hubspot.long_name, freshdesk.company.hub_urls]\nexternally_managed: [hubspot.logo]\ngithub:\n", StringComparison.Ordinal));

        problems.ShouldBeEmpty();
        settings!.Heal.ShouldBe(["hubspot.long_name", "freshdesk.company.hub_urls"]);
        settings.ExternallyManaged.ShouldBe(["hubspot.logo"]);
    }

    [Fact]
    public void Read_SharesDailyLimitAndRunMinutes_AreBound()
    {
        // Given a configuration that sets every part of the budget
        var text = Minimal
            .Replace("  domain: sandbox\n", "  domain: sandbox\n  plan: pro\n  share: 0.25\n", StringComparison.Ordinal)
            .Replace("  portal_id: 24681357\n", "  portal_id: 24681357\n  daily_limit: 1000000\n  share: 0.8\n", StringComparison.Ordinal)
            + "run_minutes: 20\n";

        // When it is read
        var (settings, problems) = Read(text);

        // Then each lands in the settings
        problems.ShouldBeEmpty();
        settings!.Freshdesk.Share.ShouldBe(0.25);
        settings.HubSpot.DailyLimit.ShouldBe(1_000_000);
        settings.HubSpot.Share.ShouldBe(0.8);
        settings.RunMinutes.ShouldBe(20);
    }

    [Fact]
    public void Read_SharesLeftOut_AreHalf()
    {
        var (settings, _) = Read(Minimal);

        (settings!.Freshdesk.Share, settings.HubSpot.Share, settings.HubSpot.DailyLimit, settings.RunMinutes).ShouldBe((0.5, 0.5, 250_000, 50));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.5", "-0.5")]
    public void Read_FreshdeskShareOutOfRange_IsAnErrorAtItsLine(string value, string shown)
    {
        // Given a share that is none of the limits, or more than all of them
        var text = Minimal.Replace("  domain: sandbox\n", $"  domain: sandbox\n  share: {value}\n", StringComparison.Ordinal);

        // When it is read
        var (settings, problems) = Read(text);

        // Then one located sentence says what a share is
        settings.ShouldBeNull();
        problems.ShouldHaveSingleItem().ToString().ShouldBe(
            $"onboarding.yaml:7:10: error: freshdesk.share: This must be more than 0 and at most 1: the part of the plan's limits this program may use, such as 0.5 (half, leaving the rest to the other integrations), but it is {shown}.");
    }

    [Fact]
    public void Read_HubSpotShareNotANumber_IsAnErrorAtItsLine()
    {
        var text = Minimal.Replace("  portal_id: 24681357\n", "  portal_id: 24681357\n  share: half\n", StringComparison.Ordinal);

        var (settings, problems) = Read(text);

        settings.ShouldBeNull();
        problems.ShouldHaveSingleItem().ToString().ShouldStartWith("onboarding.yaml:5:10: error: hubspot.share: This should be a number.");
    }

    [Fact]
    public void Read_FreshdeskDomain_IsTheFreshdeskHost()
    {
        var (settings, _) = Read(Minimal.Replace("domain: sandbox", "domain: acme", StringComparison.Ordinal));

        settings!.Freshdesk.HelpdeskUrl.ShouldBe(new Uri("https://acme.freshdesk.com/"));
    }

    [Theory]
    [InlineData("  portal_id: 24681357\n", "",
        "onboarding.yaml:3:3: error: hubspot.portal_id: \"portal_id\" is missing. The portal (account) id, a number; used for links to records in the HubSpot app. For example: 24681357")]
    [InlineData("portal_id: 24681357", "portal_id: \"24681357\"",
        "onboarding.yaml:4:14: error: hubspot.portal_id: This should be a whole number. The portal (account) id, a number; used for links to records in the HubSpot app. For example: 24681357")]
    [InlineData("github:\n", "staf_users: [ana]\ngithub:\n",
        "onboarding.yaml:8:1: error: staf_users: \"staf_users\" is not a field here (did you mean \"staff_users\"?). Check the spelling, or remove it.")]
    [InlineData("infrastructure_repository: example-org/infrastructure", "infrastructure_repository: infrastructure",
        "onboarding.yaml:9:30: error: github.infrastructure_repository: This value is not in the expected form. The repository that receives the New Hub Turnup issues, as owner/name. For example: example-org/infrastructure")]
    [InlineData("  domain: sandbox\n", "  domain: sandbox\n  base_url: https://support.example.org/\n",
        "onboarding.yaml:5:1: error: freshdesk: Give either domain or base_url, not both: each names the whole helpdesk.")]
    [InlineData("  domain: sandbox\n", "",
        "onboarding.yaml:5:1: error: freshdesk: Say where the helpdesk is: \"domain: example\" for https://example.freshdesk.com, or its base_url.")]
    [InlineData("  domain: sandbox\n", "  base_url: http://support.example.org/\n",
        "onboarding.yaml:6:13: error: freshdesk.base_url: This address must start with https://; plain http is allowed only for 127.0.0.1 or localhost (the sandbox and tests).")]
    [InlineData("  domain: sandbox\n", "  base_url: https://bot:hunter2@support.example.org/\n",
        "onboarding.yaml:6:13: error: freshdesk.base_url: This address carries a user name or password. Credentials never go in this file: they come from environment variables.")]
    [InlineData("  domain: sandbox\n", "  base_url: support.example.org\n",
        "onboarding.yaml:6:13: error: freshdesk.base_url: This value is not in the expected form. The helpdesk's address, instead of domain (for a custom domain or a test double). Must be https://; plain http is accepted only for 127.0.0.1 or localhost (the sandbox and tests). For example: https://support.example.org/")]
    [InlineData("  domain: sandbox\n", "  base_url: ftp://support.example.org/\n",
        "onboarding.yaml:6:13: error: freshdesk.base_url: This must be a full web address starting with https://, such as https://api.example.org/.")]
    [InlineData("  portal_id: 24681357\n", "  portal_id: 24681357\n  properties:\n    website: long_name\n",
        "onboarding.yaml:6:14: error: hubspot.properties.website: \"long_name\" is already the portal property for long_name (by default); each needs its own.")]
    [InlineData("  portal_id: 24681357\n", "  portal_id: 24681357\n  allowed_deal_stages: [Closed Won, closed won]\n",
        "onboarding.yaml:5:37: error: hubspot.allowed_deal_stages[1]: \"closed won\" is listed twice (first on line 5); keep one.")]
    [InlineData("bd_team: \"@example-org/bd\"", "bd_team: \"@example-org\"",
        "onboarding.yaml:10:12: error: github.bd_team: This value is not in the expected form. The business-development team mentioned on a turnup issue when its hub is delivered, as @organisation/team. Quote it: YAML does not allow a bare @ at the start of a value. For example: @example-org/bd")]
    [InlineData("bd_team: \"@example-org/bd\"", "bd_team: @example-org/bd",
        "onboarding.yaml:10:12: error: The YAML is not well-formed here: While scanning for the next token, found character that cannot start any token. Check the indentation and quoting on this line and the one before.")]
    [InlineData("hubspot:\n", "hubspot: &portal\n",
        "onboarding.yaml:2:10: error: hubspot: The anchor \"&portal\" is not allowed; the configuration does not use anchors or aliases. Remove it and write values out in full.")]
    [InlineData("github:\n", "heal: [hubspot.long_nme]\ngithub:\n",
        "onboarding.yaml:8:8: error: heal[0]: \"hubspot.long_nme\" is not a field apply writes; name one of hubspot.long_name, hubspot.website, hubspot.github_organization, hubspot.logo, hubspot.community_context, hubspot.manifest_path, hubspot.hubs, hubspot.contact.name, freshdesk.company.representatives, freshdesk.company.hub_urls, freshdesk.company.grafana_url, freshdesk.contact.name.")]
    [InlineData("github:\n", "heal: [hubspot.logo]\nexternally_managed: [hubspot.logo]\ngithub:\n",
        "onboarding.yaml:9:22: error: externally_managed[0]: \"hubspot.logo\" is also in heal (line 8): a field is either the manifests' (heal) or people's (externally_managed); keep it in one list.")]
    public void Read_OneMistake_OneLocatedSentence(string find, string replacement, string expected)
    {
        // Given the minimal configuration with one mistake
        var text = Minimal.Replace(find, replacement, StringComparison.Ordinal);

        // When it is read
        var (settings, problems) = Read(text);

        // Then there are no settings, and exactly one sentence that says where and what
        settings.ShouldBeNull();
        problems.Select(p => p.ToString()).ShouldBe([expected]);
    }

    [Fact]
    public void Read_EmptyFile_SaysWhatToDoInsteadOfAskingForAManifest()
    {
        var (settings, problems) = Read("# nothing yet\n");

        settings.ShouldBeNull();
        problems.Select(p => p.ToString()).ShouldBe([
            "onboarding.yaml:1:1: error: The file is empty. Fill in at least hubspot, freshdesk and github, or delete the file to use the built-in defaults (the sandbox's values).",
        ]);
    }

    [Fact]
    public void Read_EveryMistake_NotTheFirst()
    {
        var text = Minimal
            .Replace("portal_id: 24681357", "portal_id: -1", StringComparison.Ordinal)
            .Replace("bd_team: \"@example-org/bd\"", "bd_team: \"@example-org\"", StringComparison.Ordinal)
            + "prometheus_url: ftp://prometheus.example.org\n";

        var (_, problems) = Read(text);

        problems.Select(p => p.Field).ShouldBe(["hubspot.portal_id", "github.bd_team", "prometheus_url"]);
    }

    [Fact]
    public void Read_PrometheusTemplate_GivesEachCommunityAndHubItsOwnAddress()
    {
        // Given
        var text = Minimal + "prometheus_url: https://metrics.example.org/{community}/{hub}\n";

        // When
        var (settings, problems) = Read(text);

        // Then
        problems.ShouldBeEmpty();
        var address = settings!.PrometheusUrl.ShouldNotBeNull();
        address.For("tidepool", "prod").ShouldBe(new Uri("https://metrics.example.org/tidepool/prod/"));
        address.For("heliolab", "prod").ShouldBe(new Uri("https://metrics.example.org/heliolab/prod/"));
    }

    [Fact]
    public void Read_PrometheusSharedLogin_ListsTheCommunitiesInOrder()
    {
        // Given
        var text = Minimal + "prometheus_shared_login:\n  - tidepool\n  - riverbend\n";

        // When
        var (settings, problems) = Read(text);

        // Then
        problems.ShouldBeEmpty();
        settings.ShouldNotBeNull().PrometheusSharedLogin.ShouldBe(["tidepool", "riverbend"]);
        new OnboardingSettings().PrometheusSharedLogin.ShouldBeEmpty();
    }

    [Fact]
    public void Read_PrometheusSharedLoginNotACommunityName_ErrorOnItsLine()
    {
        // Given a wildcard, which would send the shared login to every community
        var text = Minimal + "prometheus_shared_login:\n  - \"*\"\n";

        // When
        var (settings, problems) = Read(text);

        // Then
        settings.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.Field.ShouldBe("prometheus_shared_login[0]");
        problem.Location.Line.ShouldBe(text.Split('\n').Length - 1);
    }

    [Theory]
    [InlineData("https://prometheus.{cluster}.example.org/", "{cluster} is not a placeholder this address may use; use {community} and {hub}, such as https://prometheus.{community}.example.org/.")]
    [InlineData("https://prometheus.{community.example.org/", "A brace here does not close a placeholder; write {community} and {hub} exactly, such as https://prometheus.{community}.example.org/.")]
    [InlineData("http://prometheus.{community}.example.org/", "Filled in (with {community} as example and {hub} as prod): this address must start with https://; plain http is allowed only for 127.0.0.1 or localhost (the sandbox and tests).")]
    [InlineData("{community}.example.org", "Filled in (with {community} as example and {hub} as prod): this must be a full web address starting with https://, such as https://api.example.org/.")]
    [InlineData("https://prometheus.example.org/{community}?hub={hub}", "Filled in (with {community} as example and {hub} as prod): this is a base address: leave out everything from ? or # on.")]
    public void Read_PrometheusTemplateUnusable_ErrorOnItsLine(string template, string message)
    {
        // Given
        var text = Minimal + $"prometheus_url: \"{template}\"\n";

        // When
        var (settings, problems) = Read(text);

        // Then
        settings.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.ToString().ShouldBe($"onboarding.yaml:{text.Split('\n').Length - 1}:17: error: prometheus_url: {message}");
    }

    [Fact]
    public void Read_PrometheusWithoutCommunity_WarnsThatCommunitiesShareIt()
    {
        // Given
        var text = Minimal + "prometheus_url: https://prometheus.example.org/\n";

        // When
        var (settings, problems) = Read(text);

        // Then the settings are usable, with a warning on the line
        settings.ShouldNotBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.Severity.ShouldBe(Severity.Warning);
        problem.Field.ShouldBe("prometheus_url");
        problem.Message.ShouldContain("two communities' hubs of the same name (prod) share a namespace");
    }

    [Fact]
    public void Read_TurnupSection_QuestionsAndSharedClustersTaken()
    {
        // Given
        var text = Minimal + """
            turnup:
              questions:
                "Which `cloud` do you want?": cloud.provider
                Cloud Provider: none
              shared_clusters:
                2i2c-aws-us: aws
            """;

        // When
        var (settings, problems) = Read(text);

        // Then
        problems.ShouldBeEmpty();
        settings!.Turnup.Questions.ShouldBe(new Dictionary<string, string> { ["Which `cloud` do you want?"] = "cloud.provider", ["Cloud Provider"] = "none" });
        settings.Turnup.SharedClusters.ShouldBe(new Dictionary<string, string> { ["2i2c-aws-us"] = "aws" });
    }

    [Theory]
    [InlineData("    Cloud Provider: cloud.colour\n", "turnup.questions.Cloud Provider", 13)]
    [InlineData("    Cloud Provider: cloud.provider\n    \"cloud  `provider`\": cloud.provider\n", "turnup.questions.cloud  `provider`", 14)]
    [InlineData("    \"  \": cloud.provider\n", "turnup.questions.  ", 13)]
    public void Read_TurnupQuestionUnusable_ErrorOnItsLine(string entries, string field, int line)
    {
        // Given
        var text = Minimal + "turnup:\n  questions:\n" + entries;

        // When
        var (settings, problems) = Read(text);

        // Then
        settings.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        (problem.Field, problem.Location.Line).ShouldBe((field, line));
    }

    [Fact]
    public void Read_SharedClusterNotAMachineName_ErrorOnItsLine()
    {
        // Given
        var text = Minimal + "turnup:\n  shared_clusters:\n    Big Cluster: aws\n";

        // When
        var (settings, problems) = Read(text);

        // Then
        settings.ShouldBeNull();
        problems.Select(p => p.ToString()).ShouldBe([
            "onboarding.yaml:13:5: error: turnup.shared_clusters.Big Cluster: A cluster's name is lowercase letters, digits and dashes, starting with a letter or digit, as manifests write it in hubs[].cluster.",
        ]);
    }

    private static (OnboardingSettings? Settings, IReadOnlyList<Problem> Problems) Read(string text) =>
        SettingsReader.Read(new SourceFile(File, Encoding.UTF8.GetBytes(text)));

    /// <summary>Records compare lists by reference; their JSON compares them by content.</summary>
    private static string Json(OnboardingSettings settings) => JsonSerializer.Serialize(settings);
}

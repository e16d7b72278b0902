using Onboarding.Core.Configuration;
using Onboarding.Core.Installation;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Tests.Installation;

public sealed class DoctorTests
{
    private static readonly OnboardingSettings Settings = new();

    private static readonly InstallationExpectations Expected = new(Settings, [".github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml"], [new DeployedHub("tidepool", "prod")]);

    private static readonly ObservedHubSpot HealthyHubSpot = new(
        Read.Of(new PortalObjectSchema("2-4711203", "community", "p24681357_community")),
        Read.Of<IReadOnlyList<PortalProperty>>([.. Expected.Properties.Select(p => new PortalProperty(p.Name, p.Label, p.Type, p.FieldTypes[0], "community_information", p.Unique))]),
        Read.Of<IReadOnlyList<AssociationLabel>>([new(152, "HUBSPOT_DEFINED", null), new(154, "USER_DEFINED", "Community Representative"), new(156, "USER_DEFINED", "Technical Contact")]),
        Read.Of<IReadOnlyList<AssociationLabel>>([new(158, "USER_DEFINED", null)]),
        Read.Of<IReadOnlyList<AssociationLabel>>([new(160, "USER_DEFINED", null)]),
        Read.Of<IReadOnlyList<DealPipeline>>([new("1", "Onboarding", [new("a", "Contract Admin", 0, false), new("b", "Closed Won", 1, true)])]));

    private static readonly ObservedFreshdesk HealthyFreshdesk = new(
        Read.Of<IReadOnlyList<FreshdeskEmailConfig>>([new(43000012345, "Support", "support@example.org")]),
        Read.Of(new FreshdeskCompanyFields(
            [new(1, "name", "Company Name", "default_name"), new(2, "community_representatives", "Representatives", "custom_paragraph"), new(3, "hub_urls", "Hub URLs", "custom_paragraph"), new(4, "grafana_url", "Grafana", "custom_url")],
            200)));

    private static readonly ObservedGitHub HealthyGitHub = new(
        Read.Of(new RepositoryAccess("example-org/infrastructure", CanPush: true)),
        Read.Of<IReadOnlyList<string>>(["new-hub", "onboarding", "bug"]),
        new Dictionary<string, Read<Present>> { [".github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml"] = Read.Of(Present.Yes) },
        []);

    private static readonly ObservedInstallation Healthy = new(
        HealthyHubSpot, HealthyFreshdesk, HealthyGitHub, [new ObservedPrometheus("tidepool", "prod", "https://prometheus.tidepool.example/", Read.Of(Present.Yes))], []);

    private static DoctorCheck OnlyFailure(ObservedInstallation observed)
    {
        var failed = Doctor.Check(Expected, observed).Where(c => !c.Passed).ToList();
        failed.Count.ShouldBe(1, string.Join(Environment.NewLine, failed.Select(f => f.Problem)));
        return failed[0];
    }

    [Fact]
    public void Check_EverythingInPlace_EveryCheckPasses()
    {
        // Given a healthy installation / When
        var checks = Doctor.Check(Expected, Healthy);

        // Then
        checks.ShouldAllBe(c => c.Passed);
        checks.Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void Check_SecretNotSet_SaysWhichVariableAndSkipsTheService()
    {
        // Given
        var observed = Healthy with { HubSpot = null, UnsetSecrets = [new UnsetSecret("HubSpot", "HUBSPOT_TOKEN", "the HubSpot private app token")] };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Title.ShouldBe("HUBSPOT_TOKEN is set");
        failure.Problem!.ShouldContain("HUBSPOT_TOKEN is not set");
        Doctor.Check(Expected, observed).ShouldNotContain(c => c.Service == "HubSpot" && c.Passed);
    }

    [Fact]
    public void Check_TokenNotAccepted_OneFailureSaying401()
    {
        // Given
        var refused = new ServiceException("hubspot", "read", 401, "HubSpot refused to read the Community object's schema because the access token was not accepted.");
        var observed = Healthy with { HubSpot = HealthyHubSpot with { Schema = Read.Failed<PortalObjectSchema>(refused) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Title.ShouldBe("HubSpot accepts HUBSPOT_TOKEN");
        failure.Problem!.ShouldContain("did not accept HUBSPOT_TOKEN (HTTP 401)");
    }

    [Fact]
    public void Check_TokenLacksAScope_TokenAcceptedAndTheScopeNamed()
    {
        // Given a 403 whose message names the missing scope (as the client words HubSpot's MISSING_SCOPES)
        var refused = new ServiceException("hubspot", "read", 403, "HubSpot refused to read the Community object's properties because the access token lacks a scope: missing crm.schemas.custom.read (MISSING_SCOPES).");
        var observed = Healthy with { HubSpot = HealthyHubSpot with { Properties = Read.Failed<IReadOnlyList<PortalProperty>>(refused) } };

        // When
        var checks = Doctor.Check(Expected, observed);

        // Then
        checks.ShouldContain(c => c.Title == "HubSpot accepts HUBSPOT_TOKEN" && c.Passed);
        var failure = checks.Single(c => !c.Passed);
        failure.Problem!.ShouldContain("is accepted but may not read the Community object's properties (HTTP 403)");
        failure.Problem!.ShouldContain("crm.schemas.custom.read");
    }

    [Fact]
    public void Check_NoCommunityObject_SaysHowToCreateItAndStops()
    {
        // Given
        var observed = Healthy with { HubSpot = HealthyHubSpot with { Schema = Read.Of<PortalObjectSchema>(null) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("HubSpot has no object type 2-4711203");
        failure.Problem!.ShouldContain("hubspot.community_object_type");
        failure.Fix.ShouldBeNull();
    }

    [Fact]
    public void Check_PropertyMissing_SetupCreatesIt()
    {
        // Given
        var properties = HealthyHubSpot.Properties.Value!.Where(p => p.Name != "hubs").ToList();
        var observed = Healthy with { HubSpot = HealthyHubSpot with { Properties = Read.Of<IReadOnlyList<PortalProperty>>(properties) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("no property hubs (hubspot.properties.hubs in onboarding.yaml)");
        failure.Fix.ShouldBe(new CreateCommunityProperty(new PortalProperty("hubs", "Hubs", "string", "textarea", "community_information", false)));
    }

    [Fact]
    public void Check_PropertyOfAnotherType_SaysWhichTypeIsNeeded()
    {
        // Given
        var properties = HealthyHubSpot.Properties.Value!.Select(p => p.Name == "first_value_date" ? p with { Type = "string", FieldType = "text" } : p).ToList();
        var observed = Healthy with { HubSpot = HealthyHubSpot with { Properties = Read.Of<IReadOnlyList<PortalProperty>>(properties) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("first_value_date is a string property shown as text, but onboarding writes a date");
        failure.Fix.ShouldBeNull();
    }

    [Fact]
    public void Check_NameNotUnique_ExplainedAndNotForSetup()
    {
        // Given
        var properties = HealthyHubSpot.Properties.Value!.Select(p => p.Name == "name" ? p with { HasUniqueValue = false } : p).ToList();
        var observed = Healthy with { HubSpot = HealthyHubSpot with { Properties = Read.Of<IReadOnlyList<PortalProperty>>(properties) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("does not require unique values");
        failure.Fix.ShouldBeNull();
    }

    [Fact]
    public void Check_ContactLabelMissing_SetupCreatesIt()
    {
        // Given
        var observed = Healthy with { HubSpot = HealthyHubSpot with { ContactTypes = Read.Of<IReadOnlyList<AssociationLabel>>([new(152, "HUBSPOT_DEFINED", null), new(154, "USER_DEFINED", "Community Representative")]) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("no association label \"Technical Contact\"");
        failure.Fix.ShouldBe(new CreateContactLabel("technical_contact", "Technical Contact"));
    }

    [Theory]
    [InlineData("deals")]
    [InlineData("notes")]
    public void Check_NoAssociationWithDealsOrNotes_SaysWhereToAddIt(string other)
    {
        // Given
        var none = Read.Of<IReadOnlyList<AssociationLabel>>([]);
        var observed = Healthy with { HubSpot = other == "deals" ? HealthyHubSpot with { DealTypes = none } : HealthyHubSpot with { NoteTypes = none } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain($"no association between Community and {other}");
        failure.Problem!.ShouldContain("Associations");
    }

    [Fact]
    public void Check_AllowedStageInNoPipeline_ListsTheStagesThereAre()
    {
        // Given
        var observed = Healthy with { HubSpot = HealthyHubSpot with { Pipelines = Read.Of<IReadOnlyList<DealPipeline>>([new("1", "Sales", [new("closedwon", "Closed Won", 0, true)])]) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("No deal pipeline has a stage labelled \"Contract Admin\"");
        failure.Problem!.ShouldContain("(\"Closed Won\")");
    }

    [Fact]
    public void Check_EmailConfigMissing_NamesTheOnesThereAre()
    {
        // Given
        var observed = Healthy with { Freshdesk = HealthyFreshdesk with { EmailConfigs = Read.Of<IReadOnlyList<FreshdeskEmailConfig>>([new(7, "Help", "help@example.org")]) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("no email configuration 43000012345 (freshdesk.email_config_id in onboarding.yaml)");
        failure.Problem!.ShouldContain("7 (help@example.org)");
    }

    [Fact]
    public void Check_CompanyFieldMissing_SetupCreatesIt()
    {
        // Given
        var fields = HealthyFreshdesk.CompanyFields.Value! with { Fields = [.. HealthyFreshdesk.CompanyFields.Value!.Fields.Where(f => f.Name != "hub_urls")] };
        var observed = Healthy with { Freshdesk = HealthyFreshdesk with { CompanyFields = Read.Of(fields) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("no company field hub_urls");
        failure.Fix.ShouldBe(new CreateCompanyField("hub_urls", "hub_urls", "custom_paragraph"));
    }

    [Fact]
    public void Check_CompanyFieldOfAnotherType_Fails()
    {
        // Given
        var fields = HealthyFreshdesk.CompanyFields.Value! with { Fields = [.. HealthyFreshdesk.CompanyFields.Value!.Fields.Select(f => f.Name == "hub_urls" ? f with { Type = "custom_checkbox" } : f)] };
        var observed = Healthy with { Freshdesk = HealthyFreshdesk with { CompanyFields = Read.Of(fields) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("hub_urls is a custom_checkbox field");
    }

    [Fact]
    public void Check_AnnouncedLimitOfAnotherPlan_NamesThePlan()
    {
        // Given Freshdesk announcing the Pro plan's budget while the settings say growth
        var observed = Healthy with { Freshdesk = HealthyFreshdesk with { CompanyFields = Read.Of(HealthyFreshdesk.CompanyFields.Value! with { AnnouncedLimit = 400 }) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("announces a budget of 400 requests");
        failure.Problem!.ShouldContain("(pro)");
    }

    [Fact]
    public void Check_RepositoryNotFound_SaysCheckTheName()
    {
        // Given
        var observed = Healthy with { GitHub = HealthyGitHub with { Access = Read.Failed<RepositoryAccess>(new ServiceException("github", "read", 404, "Not Found")) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("no repository example-org/infrastructure that INFRA_GITHUB_TOKEN can see");
    }

    [Fact]
    public void Check_TokenCannotPush_SaysLabelsWouldBeDropped()
    {
        // Given
        var observed = Healthy with { GitHub = HealthyGitHub with { Access = Read.Of(new RepositoryAccess("example-org/infrastructure", CanPush: false)) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("silently drops the labels");
    }

    [Fact]
    public void Check_LabelMissing_SetupCreatesIt()
    {
        // Given
        var observed = Healthy with { GitHub = HealthyGitHub with { Labels = Read.Of<IReadOnlyList<string>>(["new-hub"]) } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("has no label onboarding");
        failure.Fix.ShouldBeOfType<CreateRepositoryLabel>().Name.ShouldBe("onboarding");
    }

    [Fact]
    public void Check_TemplateMissing_SaysWhoKeepsIt()
    {
        // Given
        var observed = Healthy with { GitHub = HealthyGitHub with { Templates = new Dictionary<string, Read<Present>> { [".github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml"] = Read.Of<Present>(null) } } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem!.ShouldContain("has no .github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml");
        failure.Fix.ShouldBeNull();
    }

    [Fact]
    public void Check_BoardProblem_Reported()
    {
        // Given
        var observed = Healthy with { GitHub = HealthyGitHub with { Board = ["The GitHub token can read the board but not change it."] } };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem.ShouldBe("The GitHub token can read the board but not change it.");
    }

    [Fact]
    public void Check_PrometheusRefusesTheLogin_PointsAtTheVariablesTheRefusalNames()
    {
        // Given a refusal whose sentence names the community's own variables (as the client writes it)
        var refusal = new ServiceException("prometheus", "query", 401, "tidepool's Prometheus refused the login in PROMETHEUS_TIDEPOOL_USERNAME and PROMETHEUS_TIDEPOOL_PASSWORD.");
        var observed = Healthy with { Prometheus = [new ObservedPrometheus("tidepool", "prod", "https://prometheus.tidepool.example/", Read.Failed<Present>(refusal))] };

        // When
        var failure = OnlyFailure(observed);

        // Then the advice does not send the reader to the shared login, which this community may never get
        failure.Title.ShouldBe("Prometheus of tidepool/prod answers");
        failure.Problem!.ShouldContain("PROMETHEUS_TIDEPOOL_USERNAME");
        failure.Problem!.ShouldNotContain("Set PROMETHEUS_USERNAME");
    }

    [Fact]
    public void Check_NoLoginMeantForTheCommunity_PassesSayingItIsNotAsked()
    {
        // Given a deployed hub whose community has no login (first-value skips it too), as in apply's doctor step
        var gap = new PrometheusLoginGap("Set PROMETHEUS_TIDEPOOL_USERNAME and PROMETHEUS_TIDEPOOL_PASSWORD to check tidepool's hubs.", IsMistake: false);
        var observed = Healthy with { Prometheus = [new ObservedPrometheus("tidepool", "prod", "https://prometheus.tidepool.example/", null) { NotAsked = gap }] };

        // When
        var checks = Doctor.Check(Expected, observed);

        // Then
        checks.ShouldAllBe(c => c.Passed);
        checks.ShouldContain(c => c.Title == "Prometheus of tidepool/prod is not asked: " + gap.Reason);
    }

    [Fact]
    public void Check_HalfALoginForTheCommunity_Fails()
    {
        // Given
        var gap = new PrometheusLoginGap("PROMETHEUS_TIDEPOOL_PASSWORD is not set, but PROMETHEUS_TIDEPOOL_USERNAME is.", IsMistake: true);
        var observed = Healthy with { Prometheus = [new ObservedPrometheus("tidepool", "prod", "https://prometheus.tidepool.example/", null) { NotAsked = gap }] };

        // When
        var failure = OnlyFailure(observed);

        // Then
        failure.Problem.ShouldBe(gap.Reason);
    }

    [Fact]
    public void SetupPlan_Failures_SplitIntoStepsAndByHand()
    {
        // Given a missing label (setup) and a missing template (by hand)
        var observed = Healthy with
        {
            GitHub = HealthyGitHub with
            {
                Labels = Read.Of<IReadOnlyList<string>>(["new-hub"]),
                Templates = new Dictionary<string, Read<Present>> { [".github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml"] = Read.Of<Present>(null) },
            },
        };

        // When
        var plan = SetupPlan.From(Doctor.Check(Expected, observed));

        // Then
        plan.Steps.ShouldHaveSingleItem().Description.ShouldBe("Create the label onboarding in example-org/infrastructure.");
        plan.ByHand.ShouldHaveSingleItem().Title.ShouldContain("Turnup template");
    }
}

using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Turnup;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Planning;

public sealed class DesiredStateBuilderTests
{
    [Fact]
    public void Build_NoCloudGiven_AssumesAwsUsWest2AndSaysSo()
    {
        // Given a manifest without a cloud section
        var document = Document(ManifestText.Valid());

        // When
        var desired = Desired(document);

        // Then the defaults are stated as assumptions, with the field a BD colleague would fill in
        desired.Assumptions.ShouldContain(a => a.Field == "cloud.provider" && a.Value == "aws");
        desired.Assumptions.ShouldContain(a => a.Field == "cloud.region" && a.Value == "us-west-2");
        desired.Assumptions.ShouldContain(a => a.Field == "cloud.billing" && a.Value == "2i2c-pays");
        desired.Blockers.ShouldBeEmpty();
    }

    [Fact]
    public void Build_NoAuthGiven_AssumesGitHubAgainstTheOrganisation()
    {
        var text = ManifestText.Valid()
            .Replace("    auth:\n      method: github\n      organizations: [alpha-org]\n      admins: [rep-one]\n", "", StringComparison.Ordinal)
            .Replace("website: https://alpha.example.org", "website: https://alpha.example.org\ngithub_organization: https://github.com/alpha-lab", StringComparison.Ordinal)
            .Replace("    email: rep.one@alpha.example.org", "    email: rep.one@alpha.example.org\n    github: rep-one", StringComparison.Ordinal);

        var desired = Desired(Document(text));

        desired.Assumptions.ShouldContain(a => a.Field == "hubs[0].auth.method" && a.Value == "github");
        desired.Assumptions.ShouldContain(a => a.Field == "hubs[0].auth.organizations" && a.Value == "alpha-lab");
        desired.Assumptions.ShouldContain(a => a.Field == "hubs[0].auth.admins" && a.Value == "rep-one");
    }

    [Fact]
    public void Build_NoTechnicalContact_BlocksAndAsksTheRepresentativesOnce()
    {
        // Given no technical contact
        var text = ManifestText.Valid().Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal);

        // When
        var desired = Desired(Document(text));

        // Then it is a (non-gate) blocker, issues still open, and one request goes to the representatives
        desired.Blockers.ShouldHaveSingleItem().Field.ShouldBe("technical_contacts");
        desired.Issues.Select(i => (i.Phase, i.Ready)).ShouldBe([(TurnupPhase.CloudAccount, false), (TurnupPhase.Cluster, true), (TurnupPhase.HubSetup, true)]);
        var request = desired.MissingInformation.ShouldNotBeNull();
        request.To.ShouldBe(["rep.one@alpha.example.org"]);
        request.Tag.ShouldStartWith(HelpdeskTags.MissingInformationPrefix("alpha"));
        request.Key.ShouldStartWith("onboarding-missing-alpha-");
        request.HtmlBody.ShouldEndWith($"<p>Reference: {request.Key}</p>");
        request.HtmlBody.ShouldContain("technical contact");
        request.HtmlBody.ShouldNotContain("<script", Case.Insensitive);
    }

    [Fact]
    public void Build_MissingSetChanges_TagChanges()
    {
        var noTech = ManifestText.Valid().Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal);
        var noTechNoAdmins = noTech.Replace("      admins: [rep-one]\n", "", StringComparison.Ordinal);

        var first = Desired(Document(noTech)).MissingInformation!.Tag;
        var second = Desired(Document(noTechNoAdmins)).MissingInformation!.Tag;

        first.ShouldNotBe(second);
        Desired(Document(noTech)).MissingInformation!.Tag.ShouldBe(first);
    }

    [Fact]
    public void Build_NoDealInAllowedStage_OpensNoIssueAndAsksNobody()
    {
        var document = Document(ManifestText.Valid());

        var desired = Desired(document, Lost(document));

        desired.Blockers.ShouldHaveSingleItem().Gate.ShouldBeTrue();
        desired.Issues.ShouldBeEmpty();
        desired.MissingInformation.ShouldBeNull();
    }

    [Fact]
    public void Build_DealsNotChecked_StillRendersIssues()
    {
        var document = Document(ManifestText.Valid());

        var desired = DesiredStateBuilder.Build(document, [new DealFact("1001", null, null, true, false)], dealsChecked: false, Settings, TurnupFixtures.Templates);

        desired.Blockers.ShouldBeEmpty();
        desired.Issues.Select(i => i.Phase).ShouldBe([TurnupPhase.CloudAccount, TurnupPhase.Cluster, TurnupPhase.HubSetup]);
    }

    [Fact]
    public void Build_DeployedHub_GetsNoTurnupIssues()
    {
        var text = ManifestText.Valid().Replace("status: requested", "status: deployed\n    deployed: 2026-02-01\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal);

        Desired(Document(text)).Issues.ShouldBeEmpty();
    }

    [Fact]
    public void Build_PersonInBothRoles_OneContactWithBothLabels()
    {
        var text = ManifestText.Valid().Replace("tech.one@alpha.example.org", "rep.one@alpha.example.org", StringComparison.Ordinal);

        var contact = Desired(Document(text)).Contacts.ShouldHaveSingleItem();

        contact.Labels.ShouldBe(["Community Representative", "Technical Contact"]);
        contact.FirstName.ShouldBe("Rep");
        contact.LastName.ShouldBe("One");
    }

    [Fact]
    public void Build_GcpWithoutResources_AssumesAGcpNodeType()
    {
        var text = ManifestText.Valid()
            .Replace("deals:", "cloud:\n  provider: gcp\ndeals:", StringComparison.Ordinal)
            .Replace("    resources: [\"r5.xlarge:4\"]\n", "", StringComparison.Ordinal);

        var desired = Desired(Document(text));

        desired.Assumptions.ShouldContain(a => a.Field == "hubs[0].resources" && a.Value == "n2-highmem-4:4");
        desired.Assumptions.ShouldContain(a => a.Field == "cloud.region" && a.Value == "us-central1");
    }

    [Fact]
    public void Build_PortalWithOwnPropertyNames_UsesThem()
    {
        // Given a portal whose Community object calls the long name "display_name"
        var settings = Settings with { HubSpot = Settings.HubSpot with { Properties = new CommunityPropertyNames { LongName = "display_name" } } };
        var document = Document(ManifestText.Valid());

        // When
        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, settings, TurnupFixtures.Templates);

        // Then
        desired.HubSpotProperties["display_name"].ShouldBe("The alpha community");
        desired.HubSpotProperties.ShouldNotContainKey("long_name");
    }

    [Fact]
    public void Build_GrafanaDashboardConfigured_CompanyLinksToItForThisCommunity()
    {
        var settings = Settings with { GrafanaUrl = new Uri("https://grafana.example.org/d/engagement") };
        var document = Document(ManifestText.Valid());

        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, settings, TurnupFixtures.Templates);

        desired.FreshdeskCompanyFields["grafana_url"].ShouldBe("https://grafana.example.org/d/engagement?var-community=alpha");
    }
}

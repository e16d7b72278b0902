using Onboarding.Core.Authoring;

namespace Onboarding.Core.Tests.Authoring;

public sealed class HubDraftTests
{
    [Theory]
    [InlineData("github", "alpha-org", "")]
    [InlineData("cilogon", "", "alpha.example.edu")]
    [InlineData("cilogon-allowlist", "", "alpha.example.edu")]
    [InlineData("shared-password", "", "")]
    public void AuthFor_SignInMethod_LetsInWhatThatMethodChecks(string method, string organizations, string institutions)
    {
        // When the same answers meet each sign-in method
        var auth = HubDraft.AuthFor(method, "alpha-org", ["alpha.example.edu"], ["rep-one"]);

        // Then GitHub sign-in takes the organisation, CILogon the institutions, and the admins stay
        auth.ShouldNotBeNull();
        auth.Method.ShouldBe(method);
        auth.Organizations.ShouldBe(organizations.Length == 0 ? [] : [organizations]);
        auth.Institutions.ShouldBe(institutions.Length == 0 ? [] : [institutions]);
        auth.Teams.ShouldBeEmpty();
        auth.Admins.ShouldBe(["rep-one"]);
    }

    [Fact]
    public void AuthFor_NoMethodChosen_NoAuth()
    {
        HubDraft.AuthFor(null, "alpha-org", ["alpha.example.edu"], ["rep-one"]).ShouldBeNull();
    }

    [Fact]
    public void AuthFor_GitHubWithoutAnOrganisation_NoOrganisationListed()
    {
        HubDraft.AuthFor("github", null, [], ["rep-one"]).ShouldNotBeNull().Organizations.ShouldBeEmpty();
    }
}

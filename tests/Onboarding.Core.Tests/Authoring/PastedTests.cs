using Onboarding.Core.Manifests;
using Onboarding.Core.Text;

namespace Onboarding.Core.Tests.Authoring;

public sealed class PastedTests
{
    [Theory]
    [InlineData("31415926535", "31415926535")]
    [InlineData("https://app.hubspot.com/contacts/24681357/record/0-3/31415926535", "31415926535")]
    [InlineData("https://app.hubspot.com/contacts/24681357/record/0-3/31415926535/view/1?tab=overview", "31415926535")]
    [InlineData("https://app-eu1.hubspot.com/contacts/24681357/deal/31415926535/", "31415926535")]
    [InlineData("app.hubspot.com/contacts/24681357/deal/31415926535", "31415926535")]
    [InlineData("<https://app.hubspot.com/contacts/24681357/record/0-3/31415926535>", "31415926535")]
    public void Deal_AsPasted_TheDealsId(string pasted, string id)
    {
        // When
        var (found, problem) = Pasted.Deal(pasted);

        // Then
        problem.ShouldBeNull();
        found.ShouldBe(id);
    }

    [Theory]
    [InlineData("https://app.hubspot.com/contacts/24681357/record/0-1/901", "the address of a HubSpot contact, not of a deal")]
    [InlineData("https://app.hubspot.com/contacts/24681357/record/0-2/77", "the address of a HubSpot company, not of a deal")]
    [InlineData("https://app.hubspot.com/contacts/24681357/objects/0-3/views/all/list", "a HubSpot address but not one of a deal")]
    [InlineData("https://evil.example.org/deal/31415926535", "neither a HubSpot deal's address nor a deal id")]
    [InlineData("https://app.hubspot.com.evil.example.org/contacts/1/deal/2", "neither a HubSpot deal's address nor a deal id")]
    [InlineData("deal 42", "neither a HubSpot deal's address nor a deal id")]
    public void Deal_NotADeal_SaysWhatItIs(string pasted, string explanation)
    {
        // When
        var (found, problem) = Pasted.Deal(pasted);

        // Then
        found.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(explanation);
    }

    [Theory]
    [InlineData("https://github.com/tidepool-observatory", "https://github.com/tidepool-observatory")]
    [InlineData("http://www.github.com/tidepool-observatory/", "https://github.com/tidepool-observatory")]
    [InlineData("github.com/tidepool-observatory/some-repo", "https://github.com/tidepool-observatory")]
    [InlineData("https://github.com/orgs/tidepool-observatory/people", "https://github.com/tidepool-observatory")]
    [InlineData("@tidepool-observatory", "https://github.com/tidepool-observatory")]
    [InlineData("tidepool-observatory", "https://github.com/tidepool-observatory")]
    [InlineData("  `Tidepool-Observatory`  ", "https://github.com/Tidepool-Observatory")]
    [InlineData("https://gitlab.com/tidepool", "https://gitlab.com/tidepool")]
    [InlineData("Tidepool Observatory", "Tidepool Observatory")]
    public void GitHubOrganization_AsPasted_TheOrganisationsAddressOrAsGiven(string pasted, string expected)
    {
        Pasted.GitHubOrganization(pasted).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Ana Ruiz <ana@example.org>", "Ana Ruiz", "ana@example.org", null)]
    [InlineData("- Ana Ruiz <ana@example.org> @anaruiz", "Ana Ruiz", "ana@example.org", "anaruiz")]
    [InlineData("Ana Ruiz, ana@example.org, github.com/anaruiz", "Ana Ruiz", "ana@example.org", "anaruiz")]
    [InlineData("Ana Ruiz (ana@example.org) https://github.com/anaruiz", "Ana Ruiz", "ana@example.org", "anaruiz")]
    [InlineData("1. Dr. Zoë Ñúñez - mailto:zoe@example.edu (GitHub: zoen)", "Dr. Zoë Ñúñez", "zoe@example.edu", "zoen")]
    public void Person_AsTyped_NameEmailAndHandle(string line, string name, string email, string? handle)
    {
        // When
        var (person, problem) = Pasted.Person(line);

        // Then
        problem.ShouldBeNull();
        person.ShouldBe(new Person(name, email, handle));
    }

    [Theory]
    [InlineData("Ana Ruiz", "has no email address")]
    [InlineData("<ana@example.org>", "has no name")]
    public void Person_Incomplete_SaysWhatIsMissing(string line, string missing)
    {
        var (person, problem) = Pasted.Person(line);

        person.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(missing);
    }

    [Theory]
    [InlineData("prod tidepool.hubs.example.org", "prod", "tidepool.hubs.example.org")]
    [InlineData("staging: Staging.Tidepool.hubs.example.org.", "staging", "staging.tidepool.hubs.example.org")]
    [InlineData("- prod = https://tidepool.hubs.example.org/hub/home", "prod", "tidepool.hubs.example.org")]
    public void Hub_AsTyped_NameAndDomain(string line, string name, string domain)
    {
        Pasted.Hub(line).ShouldBe((name, domain, null));
    }

    [Fact]
    public void Hub_DomainAlone_AsksForAName()
    {
        var (_, _, problem) = Pasted.Hub("tidepool.hubs.example.org");

        problem.ShouldBe("\"tidepool.hubs.example.org\" has a domain but no hub name; write it as: prod tidepool.hubs.example.org");
    }
}

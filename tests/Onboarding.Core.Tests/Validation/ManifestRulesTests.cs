using Onboarding.Core.Validation;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

public sealed class ManifestRulesTests
{
    private const string Alpha = "communities/alpha.yaml";

    [Fact]
    public void Validate_FileNameDiffersFromName_SaysHowToFix()
    {
        var result = Validate.Files(("communities/alfa.yaml", ManifestText.Valid()));

        result.Errors().ShouldBe(["communities/alfa.yaml:2:7: error: name: The file is named alfa.yaml but the community is \"alpha\"; rename the file to alpha.yaml or fix the name."]);
    }

    [Fact]
    public void Validate_YmlExtension_AskedToRename()
    {
        var result = Validate.Files(("communities/alpha.yml", ManifestText.Valid()));

        result.Errors().ShouldBe(["communities/alpha.yml:1:1: error: Manifests end in .yaml; rename the file to alpha.yaml."]);
    }

    [Fact]
    public void Validate_SameNameInTwoFiles_SecondPointsAtFirst()
    {
        var result = Validate.Files(
            (Alpha, ManifestText.Valid()),
            ("other/alpha.yaml", ManifestText.Valid(deal: "2002", domain: "other.hubs.example.org")));

        result.Errors().ShouldBe(["other/alpha.yaml:2:7: error: name: The name \"alpha\" is already used by communities/alpha.yaml (line 2); each belongs to one community only."]);
    }

    [Fact]
    public void Validate_HubDomainInTwoCommunities_Refused()
    {
        var result = Validate.Files(
            (Alpha, ManifestText.Valid()),
            ("communities/beta.yaml", ManifestText.Valid(name: "beta", deal: "2002", domain: "alpha.hubs.example.org")));

        result.Errors().ShouldBe(["communities/beta.yaml:14:13: error: hubs[0].domain: The domain alpha.hubs.example.org already belongs to a hub of communities/alpha.yaml (line 14); each belongs to one community only."]);
    }

    [Fact]
    public void Validate_DealInTwoCommunities_Refused()
    {
        var result = Validate.Files(
            (Alpha, ManifestText.Valid()),
            ("communities/beta.yaml", ManifestText.Valid(name: "beta", deal: "1001", domain: "beta.hubs.example.org")));

        result.Errors().ShouldBe(["communities/beta.yaml:11:9: error: deals[0]: The deal 1001 is already listed by communities/alpha.yaml (line 11); each belongs to one community only."]);
    }

    [Fact]
    public void Validate_PersonTwiceInOneRole_IgnoringCase()
    {
        var text = ManifestText.Valid().Replace(
            "    email: rep.one@alpha.example.org\n",
            "    email: rep.one@alpha.example.org\n  - name: Rep Again\n    email: Rep.One@alpha.example.org\n",
            StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.Errors().ShouldBe([$"{Alpha}:9:12: error: representatives[1].email: This person is listed twice in representatives (also at line 7); keep one."]);
    }

    [Fact]
    public void Validate_SamePersonInTwoRoles_IsFine()
    {
        var text = ManifestText.Valid().Replace("tech.one@alpha.example.org", "rep.one@alpha.example.org", StringComparison.Ordinal);

        Validate.Files((Alpha, text)).Problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("a@b..org")]
    [InlineData("a@localhost")]
    [InlineData("a b@c.org")]
    public void Validate_MalformedEmail_Refused(string email)
    {
        var text = ManifestText.Valid().Replace("rep.one@alpha.example.org", email, StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.Problems.Single().Field.ShouldBe("representatives[0].email");
        result.Problems.Single().Location.Line.ShouldBe(7);
    }

    [Fact]
    public void Validate_DeployedWithoutUrlAndDate_TwoProblemsAtStatus()
    {
        var text = ManifestText.Valid().Replace("status: requested", "status: deployed", StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.Errors().ShouldBe([
            $"{Alpha}:15:13: error: hubs[0].url: The hub is marked deployed but has no url; add the address people use to reach it.",
            $"{Alpha}:15:13: error: hubs[0].deployed: The hub is marked deployed but has no deployed date; add the day it went live (YYYY-MM-DD).",
        ]);
    }

    [Theory]
    [InlineData("\"2000-01-01\"", true)]
    [InlineData("2000-01-01", true)]
    [InlineData("\"2000-01-02\"", false)]
    public void Validate_ImportPlaceholderDeployedDate_WarnedAtItsLineButValid(string deployed, bool warned)
    {
        // Given a deployed hub whose date is, or is not, the one import writes when HubSpot does not know it
        var text = ManifestText.Valid().Replace("status: requested\n    requested: 2026-01-15", $"status: deployed\n    deployed: {deployed}\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal);

        // When
        var result = Validate.Files((Alpha, text));

        // Then
        result.Errors().ShouldBeEmpty();
        if (warned)
        {
            result.Lines().ShouldBe([
                $"{Alpha}:16:15: warning: hubs[0].deployed: 2000-01-01 is the placeholder onboarding import writes because HubSpot does not record when a hub went live; replace it with the real day (YYYY-MM-DD) before merging.",
            ]);
        }
        else
        {
            result.Lines().ShouldBeEmpty();
        }
    }

    [Fact]
    public void Validate_ImpossibleDate_Refused()
    {
        var text = ManifestText.Valid().Replace("requested: 2026-01-15", "requested: 2026-02-30", StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.Errors().ShouldBe([$"{Alpha}:16:16: error: hubs[0].requested: 2026-02-30 is not a real date; write it as YYYY-MM-DD."]);
    }

    [Fact]
    public void Validate_FutureDate_Refused()
    {
        var text = ManifestText.Valid().Replace("requested: 2026-01-15", "requested: 2026-11-25", StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.Errors().ShouldBe([$"{Alpha}:16:16: error: hubs[0].requested: 2026-11-25 is in the future (today is 2026-11-24); record a day that has happened."]);
    }

    [Fact]
    public void Validate_DeployedBeforeRequested_Refused()
    {
        var text = ManifestText.Valid().Replace(
            "status: requested\n    requested: 2026-01-15",
            "status: deployed\n    requested: 2026-01-15\n    deployed: 2026-01-10\n    url: https://alpha.hubs.example.org",
            StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.Errors().ShouldBe([$"{Alpha}:17:15: error: hubs[0].deployed: The hub is deployed (2026-01-10) before it was requested (2026-01-15); one of the dates is wrong."]);
    }

    [Fact]
    public void Validate_UnknownNodeType_ListsKnownOnes()
    {
        var text = ManifestText.Valid().Replace("r5.xlarge:4", "r5.huge:4", StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        var error = result.Errors().Single();
        error.ShouldStartWith($"{Alpha}:21:17: error: hubs[0].resources[0]: There is no node type \"r5.huge\"; use one of: n2-highmem-16, n2-highmem-4,");
        error.ShouldContain("r5.xlarge");
    }

    [Fact]
    public void Validate_TwoHubsWithOneName_Refused()
    {
        var hub = ManifestText.Valid()[ManifestText.Valid().IndexOf("  - name: prod", StringComparison.Ordinal)..];
        var text = ManifestText.Valid() + hub.Replace("alpha.hubs.example.org", "alpha2.hubs.example.org", StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.Errors().ShouldBe([$"{Alpha}:22:11: error: hubs[1].name: This hub name is listed twice in hubs (also at line 13); keep one."]);
    }

    [Fact]
    public void Validate_NoSchemaLine_IsAWarningOnly()
    {
        var text = ManifestText.Valid().Replace(ManifestText.SchemaLine + "\n", "", StringComparison.Ordinal);

        var result = Validate.Files((Alpha, text));

        result.IsValid.ShouldBeTrue();
        result.Lines().ShouldBe([$"{Alpha}:1:1: warning: The first line should be \"{ManifestRules.SchemaComment}\" so that editors can check the file as you type."]);
    }
}

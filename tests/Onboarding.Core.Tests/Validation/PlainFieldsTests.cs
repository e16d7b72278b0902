using Onboarding.Core.Tests.Planning;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

/// <summary>
/// Names and addresses reach HubSpot and Freshdesk as plain text (#13, finding 8): markup in them is refused with a
/// located sentence, and markup in any other text is stripped before it reaches a plain-text field.
/// </summary>
public sealed class PlainFieldsTests
{
    [Fact]
    public void Validate_MarkupInNamesAndAddresses_EachRefusedWhereItStands()
    {
        // Given a long name, a representative's name, the website and the hub's url holding markup
        var text = ManifestText.Valid()
            .Replace("long_name: The alpha community", "long_name: <b>The alpha community</b>", StringComparison.Ordinal)
            .Replace("  - name: Rep One", "  - name: Rep \"One\"", StringComparison.Ordinal)
            .Replace("website: https://alpha.example.org", "website: https://alpha.example.org/\"><img src=x onerror=alert(1)>", StringComparison.Ordinal);

        // When
        var errors = Validate.Files(("communities/alpha.yaml", text)).Errors();

        // Then each is told on its own line, and the schema's uri format let none of them through
        errors.ShouldBe(
        [
            "communities/alpha.yaml:3:12: error: long_name: Names and addresses are plain text, so <, > and \" may not appear in them; remove the < and > from this value.",
            "communities/alpha.yaml:4:10: error: website: Names and addresses are plain text, so <, > and \" may not appear in them; remove the < and > and \" from this value.",
            "communities/alpha.yaml:6:11: error: representatives[0].name: Names and addresses are plain text, so <, > and \" may not appear in them; remove the \" from this value.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Validate_MarkupInAHubUrl_Refused()
    {
        // Given a deployed hub whose url holds markup
        var text = ManifestText.Valid().Replace("    status: requested\n", "    status: deployed\n    deployed: 2026-02-01\n    url: https://alpha.hubs.example.org/<script>\n", StringComparison.Ordinal);

        // When
        var errors = Validate.Files(("communities/alpha.yaml", text)).Errors();

        // Then
        errors.ShouldContain(e => e.StartsWith("communities/alpha.yaml:17:", StringComparison.Ordinal) && e.Contains("hubs[0].url: Names and addresses are plain text", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_MarkupInOtherText_StrippedFromEveryPlainField()
    {
        // Given markup where validation lets it be: the community's context, which HubSpot holds as plain text
        var text = ManifestText.Valid().Replace("website:", "context: |\n  Our <b>\"lab\"</b> <img src=x onerror=alert(1)>\nwebsite:", StringComparison.Ordinal);

        // When the services' values are worked out
        var desired = PlanningFixture.Desired(PlanningFixture.Document(text));

        // Then no HubSpot property or Freshdesk company field holds a markup character, and the words remain
        var values = desired.HubSpotProperties.Values.Concat(desired.FreshdeskCompanyFields.Values.Select(v => v.Replace(" <rep.one@alpha.example.org>", "", StringComparison.Ordinal)));
        values.ShouldAllBe(v => !v.Contains('<') && !v.Contains('>') && !v.Contains('"'));
        desired.HubSpotProperties.Values.ShouldContain(v => v.Contains("Our blab/b img src=x onerror=alert(1)", StringComparison.Ordinal));
    }
}

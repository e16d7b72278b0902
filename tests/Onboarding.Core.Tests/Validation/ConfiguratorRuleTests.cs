using Onboarding.Core.Tests.Configurator;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

public sealed class ConfiguratorRuleTests
{
    private const string Alpha = "communities/alpha.yaml";

    [Fact]
    public void Validate_ValidConfiguratorLink_NoProblem()
    {
        // Given
        var text = WithLink(Links.Tier("Advanced", "\"cluster:provider\":\"GCP\",\"hub:dask\":\"Enabled\""));

        // When
        var result = Validate.Files((Alpha, text));

        // Then
        result.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ValueNotAllowed_LocatedAtConfiguratorField()
    {
        // Given a manifest whose link asks for a GPU the catalog does not offer (line 12: configurator)
        var text = WithLink(Links.Tier("Premier", "\"hub:gpu\":\"NVIDIA A100\""));

        // When
        var result = Validate.Files((Alpha, text));

        // Then
        result.Errors().ShouldBe([$"{Alpha}:12:15: error: configurator: \"GPU\" (hub:gpu) cannot be \"NVIDIA A100\" in the Premier tier; allowed: \"None\", \"NVIDIA T4\"."]);
    }

    [Fact]
    public void Validate_UnknownIdsAndCostReportingOnGcp_WarningsAtTheConfiguratorLineNoError()
    {
        // Given a link as the page writes it for GCP (cost reporting kept, though it needs AWS) with an old and an unknown id
        var text = WithLink(Links.Tier("Advanced", "\"cluster:provider\":\"GCP\",\"reporting:cost\":true,\"cluster:csp\":\"GCP\",\"hub:tpu\":\"v5\""));

        // When
        var result = Validate.Files((Alpha, text));

        // Then
        result.Errors().ShouldBeEmpty();
        result.Lines().ShouldBe(
        [
            $"{Alpha}:12:15: warning: configurator: The configurator link selects \"cluster:csp\", the older name of \"Cloud Service Provider\" (cluster:provider); the Hub Configurator catalog (2025.08.25) no longer has it, so its value is ignored.",
            $"{Alpha}:12:15: warning: configurator: The configurator link selects \"hub:tpu\", which the Hub Configurator catalog (2025.08.25) does not have; it is ignored.",
        ]);
    }

    [Fact]
    public void Validate_DamagedLink_OneSentence()
    {
        // Given a link cut off in the middle of its state
        var text = WithLink("https://2i2c.org/hub-configurator/?state=eyJ0aWVyIjoiRXNzZW50aWFsIn");

        // When
        var result = Validate.Files((Alpha, text));

        // Then
        result.Errors().ShouldBe([$"{Alpha}:12:15: error: configurator: The configurator link is damaged: its state is not valid JSON. Copy the link again from the configurator page."]);
    }

    [Fact]
    public void Validate_LinkTheSchemaRefuses_NotDecodedAgain()
    {
        // Given a link that is not https (the schema reports it)
        var text = WithLink("http://2i2c.org/hub-configurator/?state=e30");

        // When
        var result = Validate.Files((Alpha, text));

        // Then
        result.Errors().Count.ShouldBe(1);
        result.Errors()[0].ShouldStartWith($"{Alpha}:12:15: error: configurator: ");
        result.Errors()[0].ShouldNotContain("tier");
    }

    [Fact]
    public void Validate_TooManyResourceChoices_LocatedAtTheSpec()
    {
        // Given a spec the schema's pattern allows but the generator refuses
        var text = ManifestText.Valid().Replace("r5.xlarge:4", "r5.xlarge:12", StringComparison.Ordinal);

        // When
        var result = Validate.Files((Alpha, text));

        // Then
        result.Errors().ShouldBe([$"{Alpha}:21:17: error: hubs[0].resources[0]: \"r5.xlarge:12\" asks for 12 choices; ask for 1 to 10 (each choice halves the memory of the one before)."]);
    }

    private static string WithLink(string link) =>
        ManifestText.Valid().Replace("deals: [\"1001\"]\n", $"deals: [\"1001\"]\nconfigurator: {link}\n", StringComparison.Ordinal);
}

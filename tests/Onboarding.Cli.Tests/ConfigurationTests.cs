using System.Text.Json;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class ConfigurationTests
{
    private const string Config = ConfigText.Minimal;

    private static readonly string BadConfig = Config.Replace("infrastructure_repository: example-org/infrastructure", "infrastructure_repository: infrastructure", StringComparison.Ordinal);

    private const string BadConfigLine =
        "onboarding.yaml:9:30: error: github.infrastructure_repository: This value is not in the expected form. The repository that receives the New Hub Turnup issues, as owner/name. For example: example-org/infrastructure";

    [Fact]
    public void Plan_NoConfigurationFile_UsesTheDefaultsAndSaysSoInOneLine()
    {
        // Given a manifest and no onboarding.yaml
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());

        // When
        var exit = cli.Invoke("plan");

        // Then the plan is made, and one line says where its settings came from
        exit.ShouldBe(0);
        cli.Out.Split('\n').Count(l => l.Contains("onboarding.yaml", StringComparison.Ordinal)).ShouldBe(1);
        cli.Out.ShouldContain("No onboarding.yaml here, so the built-in settings were used; they describe the sandbox (see \"Configuration\" in the README).\n");
    }

    [Fact]
    public void Plan_WithAConfigurationFile_SaysNothingAboutDefaults()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid()).Add("onboarding.yaml", Config);

        cli.Invoke("plan").ShouldBe(0);

        cli.Out.ShouldNotContain("built-in settings");
    }

    [Fact]
    public void Plan_InvalidConfiguration_LocatedProblemsNoPlanExitOne()
    {
        // Given a configuration with a mistake, under GitHub Actions
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid()).Add("onboarding.yaml", BadConfig);
        cli.Environment.Set("GITHUB_ACTIONS", "true");

        // When
        var exit = cli.Invoke("plan");

        // Then the mistake is printed, annotated on the diff, and nothing is planned
        exit.ShouldBe(1);
        cli.Out.ShouldBe(
            BadConfigLine + "\n" +
            "::error file=onboarding.yaml,line=9,col=30,title=github.infrastructure_repository::This value is not in the expected form. The repository that receives the New Hub Turnup issues, as owner/name. For example: example-org/infrastructure\n" +
            "No plan while onboarding.yaml is invalid.\n");
    }

    [Fact]
    public void Plan_ConfigOption_ReadsThatFile()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid()).Add("settings/prod.yaml", BadConfig);

        cli.Invoke("plan", "--config", "settings/prod.yaml").ShouldBe(1);

        cli.Out.ShouldStartWith("settings/prod.yaml:9:30: error: github.infrastructure_repository:");
    }

    [Fact]
    public void Plan_ConfigOptionNamesNoFile_IsAUsageError()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());

        cli.Invoke("plan", "--config", "nowhere.yaml").ShouldBe(2);

        cli.Error.ShouldBe("onboarding plan: --config nowhere.yaml: no such file.\n");
    }

    [Fact]
    public void Validate_ConfigurationPresent_CheckedAndCountedInTheSummary()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid()).Add("onboarding.yaml", Config);

        cli.Invoke("validate").ShouldBe(0);

        cli.Out.ShouldBe("1 manifest and the configuration checked: all valid.\n");
    }

    [Fact]
    public void Validate_InvalidConfiguration_LocatedLineAndExitOne()
    {
        // Given valid manifests and a configuration with a mistake
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid())
            .Add("communities/beta.yaml", ManifestText.Valid("beta", "2002", "beta.hubs.example.org"))
            .Add("onboarding.yaml", BadConfig);

        // When
        var exit = cli.Invoke("validate");

        // Then
        exit.ShouldBe(1);
        cli.Out.ShouldBe(BadConfigLine + "\n2 manifests and the configuration checked: 1 error, 0 warnings.\n");
    }

    [Fact]
    public void Validate_Json_NamesTheConfigurationAndItsProblems()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid()).Add("onboarding.yaml", BadConfig);

        cli.Invoke("validate", "--output", "json").ShouldBe(1);

        using var json = JsonDocument.Parse(cli.Out);
        json.RootElement.GetProperty("configuration").GetString().ShouldBe("onboarding.yaml");
        var problem = json.RootElement.GetProperty("problems")[0];
        problem.GetProperty("file").GetString().ShouldBe("onboarding.yaml");
        problem.GetProperty("field").GetString().ShouldBe("github.infrastructure_repository");
    }

    [Fact]
    public void Validate_NoConfiguration_SummaryAsBefore()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());

        cli.Invoke("validate").ShouldBe(0);

        cli.Out.ShouldBe("1 manifest checked: all valid.\n");
    }
}

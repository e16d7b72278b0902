using System.Text.Json;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Validate_DefaultDirectoryAllValid_ExitsZero()
    {
        // Given two valid manifests in communities/
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid())
            .Add("communities/beta.yaml", ManifestText.Valid("beta", "2002", "beta.hubs.example.org"))
            .Add("communities/README.md", "not a manifest");

        // When validate runs without paths
        var exit = cli.Invoke("validate");

        // Then
        exit.ShouldBe(0);
        cli.Out.ShouldBe("2 manifests checked: all valid.\n");
    }

    [Fact]
    public void Validate_InvalidManifest_PrintsLocatedLineAndExitsOne()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid().Replace("status: requested", "status: live", StringComparison.Ordinal));

        var exit = cli.Invoke("validate", "communities/alpha.yaml");

        exit.ShouldBe(1);
        cli.Out.ShouldBe(
            "communities/alpha.yaml:15:13: error: hubs[0].status: This must be one of: requested, deployed, decommissioned.\n" +
            "1 manifest checked: 1 error, 0 warnings.\n");
    }

    [Fact]
    public void Validate_WarningsOnly_ExitsZero()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid().Replace(ManifestText.SchemaLine + "\n", "", StringComparison.Ordinal));

        var exit = cli.Invoke("validate");

        exit.ShouldBe(0);
        cli.Out.ShouldContain("communities/alpha.yaml:1:1: warning:");
    }

    [Fact]
    public void Validate_MissingPath_IsAUsageError()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("validate", "nowhere/x.yaml");

        exit.ShouldBe(2);
        cli.Error.ShouldBe("onboarding validate: nowhere/x.yaml: no such file or directory.\n");
    }

    [Fact]
    public void Validate_UnknownOption_IsAUsageError()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("validate", "--colour");

        exit.ShouldBe(2);
        cli.Error.ShouldBe("onboarding validate: there is no option --colour; run 'onboarding --help' for the options.\n");
    }

    [Fact]
    public void Validate_UnknownOutputFormat_IsAUsageError()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());

        cli.Invoke("validate", "--output", "xml").ShouldBe(2);
        cli.Error.ShouldBe("onboarding validate: --output takes text or json, not 'xml'.\nRun 'onboarding validate --help' for usage.\n");
    }

    [Fact]
    public void Validate_JsonOutput_ListsProblemsForMachines()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid().Replace("status: requested", "status: live", StringComparison.Ordinal));

        var exit = cli.Invoke("validate", "--output", "json");

        exit.ShouldBe(1);
        using var json = JsonDocument.Parse(cli.Out);
        json.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("files").GetInt32().ShouldBe(1);
        var problem = json.RootElement.GetProperty("problems")[0];
        problem.GetProperty("file").GetString().ShouldBe("communities/alpha.yaml");
        problem.GetProperty("line").GetInt32().ShouldBe(15);
        problem.GetProperty("column").GetInt32().ShouldBe(13);
        problem.GetProperty("severity").GetString().ShouldBe("error");
        problem.GetProperty("field").GetString().ShouldBe("hubs[0].status");
    }

    [Fact]
    public void Validate_UnderGitHubActions_AnnotatesAndWritesStepSummary()
    {
        // Given a run inside GitHub Actions with a step summary file
        var cli = new CliRun();
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", "/runner/summary.md");
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid().Replace("long_name: The alpha community", "long_name: \"a|b\"\n  extra: 1", StringComparison.Ordinal));

        // When
        var exit = cli.Invoke("validate");

        // Then a workflow command per problem, escaped
        exit.ShouldBe(1);
        cli.Out.ShouldContain("::error file=communities/alpha.yaml,line=4,col=3,title=Manifest::The YAML is not well-formed here:");
        var summary = cli.Files.Text("/runner/summary.md");
        summary.ShouldStartWith("## Manifest validation\n\n1 manifest checked: 1 error, 0 warnings.\n\n| File | Line | Severity | Field | Problem |");
        summary.ShouldContain("| communities/alpha.yaml | 4 | error |");
    }

    [Fact]
    public void Validate_GitHubActionsCommandText_IsEscaped()
    {
        var cli = new CliRun();
        cli.Environment.Set("GITHUB_ACTIONS", "true");
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid().Replace("website: https://alpha.example.org", "websit: x", StringComparison.Ordinal));

        cli.Invoke("validate");

        cli.Out.ShouldContain("::error file=communities/alpha.yaml,line=4,col=1,title=websit::\"websit\" is not a field here (did you mean \"website\"?). Check the spelling, or remove it.");
    }

    [Fact]
    public void Validate_OutsideGitHubActions_NoWorkflowCommands()
    {
        var cli = new CliRun();
        cli.Environment.Set("GITHUB_STEP_SUMMARY", "/runner/summary.md");
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid().Replace("website: https://alpha.example.org", "websit: x", StringComparison.Ordinal));

        cli.Invoke("validate");

        cli.Out.ShouldNotContain("::error");
        cli.Files.FileExists("/runner/summary.md").ShouldBeFalse();
    }

    [Fact]
    public void Validate_HugeSummary_CutUnderGitHubsLimit()
    {
        // Given a manifest with thousands of unknown fields, each a row of the summary table
        var cli = new CliRun();
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", "/runner/summary.md");
        var extra = string.Concat(Enumerable.Range(0, 7_500).Select(i => $"unknown_field_{i}: 1\n"));
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid() + extra);

        cli.Invoke("validate").ShouldBe(1);

        var summary = cli.Files.Text("/runner/summary.md");
        summary.Length.ShouldBeLessThan(1_000_000);
        summary.ShouldEndWith("for all of it._\n");
    }

    [Fact]
    public void Actions_Escaping_FollowsTheRunnerRules()
    {
        Onboarding.Cli.Infrastructure.GitHubActions.Property("a:b,c%d\ne").ShouldBe("a%3Ab%2Cc%25d%0Ae");
        Onboarding.Cli.Infrastructure.GitHubActions.Data("50% done\r\nnext: x").ShouldBe("50%25 done%0D%0Anext: x");
        Onboarding.Cli.Infrastructure.GitHubActions.Cell("a|b\n<i>@team").ShouldBe("a\\|b &lt;i&gt;@\u200Bteam");
    }
}

namespace Onboarding.Cli.Tests;

public sealed class ChoicesCommandTests
{
    [Fact]
    public void Choices_TwoSpecsWithDefault_PrintsYaml()
    {
        // Given
        var cli = new CliRun();

        // When
        var exit = cli.Invoke("choices", "r5.xlarge:1", "n2-highmem-4:1", "--default");

        // Then
        exit.ShouldBe(0);
        cli.Error.ShouldBeEmpty();
        cli.Out.ShouldBe("""
            mem_29_gb:
              display_name: ~29 GB RAM, ~4 CPUs
              description: ~4 CPUs always available
              kubespawner_override:
                mem_guarantee: 31222718077
                mem_limit: 31222718077
                cpu_guarantee: 3.6505
                cpu_limit: 3.6505
                node_selector:
                  node.kubernetes.io/instance-type: r5.xlarge
              default: true
            mem_26_gb:
              display_name: ~26 GB RAM, ~3 CPUs
              description: ~3 CPUs always available
              kubespawner_override:
                mem_guarantee: 28388058789
                mem_limit: 28388058789
                cpu_guarantee: 3.3810000000000002
                cpu_limit: 3.3810000000000002
                node_selector:
                  node.kubernetes.io/instance-type: n2-highmem-4

            """);
    }

    [Fact]
    public void Choices_MalformedSpec_UsageErrorTwo()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("choices", "r5.xlarge");

        exit.ShouldBe(2);
        cli.Out.ShouldBeEmpty();
        cli.Error.ShouldBe("onboarding choices: \"r5.xlarge\" is not a resource spec; write the node type and the number of choices, e.g. r5.xlarge:4.\n");
    }

    [Fact]
    public void Choices_UnknownNodeType_ExitsOne()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("choices", "r5.xlarge:2", "m5.large:2");

        exit.ShouldBe(1);
        cli.Out.ShouldBeEmpty();
        cli.Error.ShouldStartWith("onboarding choices: There is no node type \"m5.large\"; use one of: n2-highmem-16, ");
    }

    [Fact]
    public void Choices_NoSpec_UsageError()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("choices");

        exit.ShouldBe(2);
        cli.Error.ShouldEndWith("Run 'onboarding choices --help' for usage.\n");
    }
}

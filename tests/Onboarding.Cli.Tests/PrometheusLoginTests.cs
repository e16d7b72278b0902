using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD: optional, both or neither, and never shown.</summary>
public sealed class PrometheusLoginTests
{
    private const string PasswordCanary = "canary-prometheus-5e1b77";

    [Theory]
    [InlineData("PROMETHEUS_USERNAME", "PROMETHEUS_PASSWORD")]
    [InlineData("PROMETHEUS_PASSWORD", "PROMETHEUS_USERNAME")]
    public void FirstValue_HalfALogin_NamesTheMissingHalfAndAsksNothing(string set, string missing)
    {
        // Given a configured Prometheus, the service secrets, and one half of the Prometheus login
        var cli = Configured();
        cli.Environment.Set(set, PasswordCanary);

        // When
        var exit = cli.Invoke("first-value");

        // Then
        exit.ShouldBe(1);
        cli.Error.ShouldBe($"onboarding first-value: first-value needs {missing} as well: {set} is set, and the proxy in front of Prometheus takes both. Set it as a secret of the 'production' environment, or unset {set}.\n");
        (cli.Out + cli.Error).ShouldNotContain(PasswordCanary);
    }

    [Fact]
    public void FirstValue_UnderActions_MasksTheLoginBeforeAnythingElse()
    {
        // Given
        var cli = Configured();
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("PROMETHEUS_USERNAME", "prometheus-canary-user").Set("PROMETHEUS_PASSWORD", PasswordCanary);

        // When the check runs
        cli.Invoke("first-value").ShouldBe(0, cli.Error);

        // Then both values are masked first and appear nowhere else
        var lines = cli.Out.Split('\n');
        lines.ShouldContain("::add-mask::prometheus-canary-user");
        lines.ShouldContain($"::add-mask::{PasswordCanary}");
        lines.SkipWhile(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)).ShouldNotContain(l => l.Contains(PasswordCanary, StringComparison.Ordinal));
        cli.Error.ShouldNotContain(PasswordCanary);
    }

    private static CliRun Configured()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());
        // The manifest's hub is not deployed, so nothing is asked; and nothing listens at these addresses anyway.
        cli.Files.Add("onboarding.yaml", ConfigText.Unreachable);
        cli.Environment.Set("HUBSPOT_TOKEN", "pat-canary").Set("FRESHDESK_API_KEY", "fd-canary").Set("INFRA_GITHUB_TOKEN", "ghp_canary");
        return cli;
    }
}

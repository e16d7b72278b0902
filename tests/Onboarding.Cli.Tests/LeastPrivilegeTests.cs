using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Each command is given, and asks for, only the credentials it uses: first-value no Freshdesk key, drift read-only ones.</summary>
public sealed class LeastPrivilegeTests
{
    [Fact]
    public void FirstValue_NoFreshdeskKey_RunsTheCheck()
    {
        // Given a configured Prometheus, HubSpot's and the infrastructure repository's credentials, and no Freshdesk key
        var cli = Configured();
        cli.Environment.Set("HUBSPOT_TOKEN", "pat-test").Set("INFRA_GITHUB_TOKEN", "ghp_test");

        // When
        var exit = cli.Invoke("first-value");

        // Then it runs (the manifest's hub is not deployed, so nothing is asked) and asks for no Freshdesk key
        exit.ShouldBe(0, cli.Error);
        cli.Error.ShouldNotContain("FRESHDESK");
    }

    [Fact]
    public void Drift_OnlyCredentialsThatMayWrite_NamesTheReadOnlyOnesAndReadsNothing()
    {
        // Given the credentials apply uses, which may write, and none of the read-only ones
        var cli = Configured();
        cli.Environment.Set("HUBSPOT_TOKEN", "pat-test").Set("FRESHDESK_API_KEY", "fd-test").Set("INFRA_GITHUB_TOKEN", "ghp_test");

        // When
        var exit = cli.Invoke("drift");

        // Then drift stops with one sentence per read-only credential, rather than falling back to the writing ones
        exit.ShouldBe(1);
        cli.Error.ShouldBe(
            "onboarding drift: drift needs HUBSPOT_READONLY_TOKEN: a HubSpot private app token with read scopes only (drift never uses HUBSPOT_TOKEN, which may write). Set it as a secret of the 'production' environment.\n" +
            "onboarding drift: drift needs FRESHDESK_READONLY_API_KEY: the API key of a Freshdesk agent whose role may only read (drift never uses FRESHDESK_API_KEY, which may write). Set it as a secret of the 'production' environment.\n" +
            "onboarding drift: drift needs INFRA_GITHUB_READONLY_TOKEN: a GitHub token that may only read the infrastructure repository's issues and contents (the turnup templates) (drift never uses INFRA_GITHUB_TOKEN, which may write). Set it as a secret of the 'production' environment.\n");
    }

    private static CliRun Configured()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());
        // Nothing listens at these addresses: a command that tried a service would fail.
        cli.Files.Add("onboarding.yaml", ConfigText.Unreachable);
        return cli;
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Cli.Commands;
using Onboarding.Cli.Infrastructure;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class SecretsTests
{
    private const string HubSpotCanary = "pat-canary-hubspot-7f3a9c";
    private const string FreshdeskCanary = "canary-freshdesk-41d2e8";
    private const string InfraCanary = "ghp_canaryInfrastructure0000000000000000";
    private const string PullRequestCanary = "ghs_canaryPullRequest00000000000000000000";

    [Fact]
    public void Plan_UnderActions_MasksEverySecretThatIsSetBeforeAnythingElse()
    {
        // Given two secrets set (so the plan works offline) under GitHub Actions
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("HUBSPOT_TOKEN", HubSpotCanary).Set("GITHUB_TOKEN", PullRequestCanary);

        // When
        cli.Invoke("plan").ShouldBe(0);

        // Then the first lines mask exactly those two values, and no value appears anywhere else
        var lines = cli.Out.Split('\n');
        lines[..2].ShouldBe([$"::add-mask::{HubSpotCanary}", $"::add-mask::{PullRequestCanary}"]);
        lines.Skip(2).ShouldNotContain(l => l.StartsWith("::add-mask::", StringComparison.Ordinal));
        lines.Skip(2).ShouldNotContain(l => l.Contains(HubSpotCanary, StringComparison.Ordinal) || l.Contains(PullRequestCanary, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OutsideActions_NoMaskLines()
    {
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());
        cli.Environment.Set("HUBSPOT_TOKEN", HubSpotCanary);

        cli.Invoke("plan").ShouldBe(0);

        cli.Out.ShouldNotContain("::add-mask::");
        cli.Out.ShouldNotContain(HubSpotCanary);
    }

    [Fact]
    public void MaskUnderActions_CommunityPrometheusLogin_MaskedAndRedactedLikeTheNamedSecrets()
    {
        // Given a community's own Prometheus login, named by a pattern rather than listed in Secrets.All
        using var output = new StringWriter();
        var environment = new FakeEnvironment().Set("GITHUB_ACTIONS", "true")
            .Set("PROMETHEUS_TIDEPOOL_USERNAME", "tide-user-canary").Set("PROMETHEUS_TIDEPOOL_PASSWORD", "tide-password-canary");
        var context = new CliContext(output, TextWriter.Null, new InMemoryFileSystem(), environment, new FakeTimeProvider(FakeClock.TestDay));

        // When
        Secrets.MaskUnderActions(context);
        var redacted = Secrets.Redact(context, "refused tide-user-canary:tide-password-canary");

        // Then
        output.ToString().Split('\n').ShouldContain("::add-mask::tide-password-canary");
        output.ToString().Split('\n').ShouldContain("::add-mask::tide-user-canary");
        redacted.ShouldBe("refused ***:***");
    }

    [Fact]
    public void MaskUnderActions_ValueOverSeveralLines_MaskedWholeAndLineByLine()
    {
        // Given a secret pasted with a line break and a percent sign
        using var output = new StringWriter();
        var environment = new FakeEnvironment().Set("GITHUB_ACTIONS", "true").Set("FRESHDESK_API_KEY", "first%line\nsecond");
        var context = new CliContext(output, TextWriter.Null, new InMemoryFileSystem(), environment, new FakeTimeProvider(FakeClock.TestDay));

        // When
        Secrets.MaskUnderActions(context);

        // Then the runner, which unescapes %25 and %0A, is told the value and each of its lines
        output.ToString().ReplaceLineEndings("\n").ShouldBe(
            "::add-mask::first%25line%0Asecond\n::add-mask::first%25line\n::add-mask::second\n");
    }

    [Fact]
    public void RequireSecrets_SomeMissing_ASentenceNamingEachVariable()
    {
        var environment = new FakeEnvironment().Set("FRESHDESK_API_KEY", FreshdeskCanary).Set("GITHUB_TOKEN", PullRequestCanary);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, new InMemoryFileSystem(), environment, new FakeTimeProvider(FakeClock.TestDay));

        var missing = ServiceSession.RequireSecrets(context, "apply");

        missing.ShouldBe([
            "apply needs HUBSPOT_TOKEN: the HubSpot private app token. Set it as a secret of the 'production' environment.",
            "apply needs INFRA_GITHUB_TOKEN: a GitHub token that may read and write issues in the infrastructure repository and read its contents (the turnup templates). Set it as a secret of the 'production' environment.",
        ]);
    }

    [Fact]
    public void RequireSecrets_AllSet_Nothing()
    {
        var environment = new FakeEnvironment().Set("HUBSPOT_TOKEN", HubSpotCanary).Set("FRESHDESK_API_KEY", FreshdeskCanary).Set("INFRA_GITHUB_TOKEN", InfraCanary);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, new InMemoryFileSystem(), environment, new FakeTimeProvider(FakeClock.TestDay));

        ServiceSession.RequireSecrets(context, "apply").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("apply", "--all")]
    [InlineData("import")]
    public void Command_ServiceSecretMissingOutsideTheSandbox_NamesItAndStopsBeforeAnyService(params string[] args)
    {
        // Given valid manifests and only the Freshdesk key
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid());
        cli.Environment.Set("FRESHDESK_API_KEY", FreshdeskCanary);

        // When
        var exit = cli.Invoke(args);

        // Then each missing variable gets its own line, prefixed by the command
        exit.ShouldBe(1);
        cli.Error.ReplaceLineEndings("\n").ShouldBe(
            $"onboarding {args[0]}: {args[0]} needs HUBSPOT_TOKEN: the HubSpot private app token. Set it as a secret of the 'production' environment.\n" +
            $"onboarding {args[0]}: {args[0]} needs INFRA_GITHUB_TOKEN: a GitHub token that may read and write issues in the infrastructure repository and read its contents (the turnup templates). Set it as a secret of the 'production' environment.\n");
    }

    [Fact]
    public void ServiceAccess_ToString_NamesAddressesNotSecrets()
    {
        var access = new ServiceAccess(
            new Uri("https://api.hubapi.com/"), HubSpotCanary, new Uri("https://x.freshdesk.com/"), FreshdeskCanary, new Uri("https://api.github.com/"), InfraCanary);

        var text = $"{access}";

        text.ShouldNotContain(HubSpotCanary);
        text.ShouldNotContain(FreshdeskCanary);
        text.ShouldNotContain(InfraCanary);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_ServicesUnreachable_NoSecretInAnyOutput(bool underActions)
    {
        // Given every secret set to a canary, and a configuration whose services are on a closed port of this machine
        var port = ClosedPort();
        var config = $"""
            hubspot:
              base_url: http://127.0.0.1:{port}/
              community_object_type: "2-4711203"
              portal_id: 24681357
            freshdesk:
              base_url: http://127.0.0.1:{port}/
              email_config_id: 43000012345
            github:
              api_url: http://127.0.0.1:{port}/
              infrastructure_repository: example-org/infrastructure
              bd_team: "@example-org/bd"

            """;
        var cli = new CliRun();
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid()).Add("onboarding.yaml", config);
        cli.Environment.Set("HUBSPOT_TOKEN", HubSpotCanary).Set("FRESHDESK_API_KEY", FreshdeskCanary)
            .Set("INFRA_GITHUB_TOKEN", InfraCanary).Set("GITHUB_TOKEN", PullRequestCanary);
        if (underActions)
            cli.Environment.Set("GITHUB_ACTIONS", "true");

        // When the plan tries to read the services
        var exit = cli.Invoke("plan");

        // Then it fails in words, and no canary appears except in the mask lines under Actions
        exit.ShouldBe(1);
        cli.Error.ShouldStartWith("onboarding plan: ");
        string[] canaries = [HubSpotCanary, FreshdeskCanary, InfraCanary, PullRequestCanary];
        var leaks = (cli.Out + cli.Error).Split('\n')
            .Where(l => canaries.Any(c => l.Contains(c, StringComparison.Ordinal)))
            .ToList();
        leaks.ShouldBe(underActions ? [.. canaries.Select(c => $"::add-mask::{c}")] : []);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

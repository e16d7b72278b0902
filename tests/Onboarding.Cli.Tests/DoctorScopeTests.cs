using Onboarding.Sandbox;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// doctor with a HubSpot token that lacks a scope onboarding needs: the portal answers 403 MISSING_SCOPES, and doctor
/// says which scope to grant, fails, and still writes nothing.
/// </summary>
public sealed class DoctorScopeTests
{
    private const string Repository = "example-org/infrastructure";
    private const string Limited = "pat-na1-limited-0123456789";

    [Theory]
    [InlineData(HubSpotScopes.CustomSchemasRead, "The Community object type 2-4711203 exists")]
    [InlineData(HubSpotScopes.CustomRead, "Association label \"Community Representative\" from Community to contacts")]
    public async Task Doctor_TokenWithoutAScope_FailsNamingTheScopeAndWritesNothing(string scope, string check)
    {
        // Given a portal whose token for onboarding lacks one scope, and otherwise an installation doctor is happy with
        await using var clock = FakeClock.Start();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Time = clock.EmulatorTime,
            HubSpot = SandboxSeeds.HubSpot() with
            {
                Tokens = [HubSpotSeed.DefaultToken, Limited],
                TokenScopes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [Limited] = HubSpotScopes.AllBut(scope) },
            },
        }, TestContext.Current.CancellationToken);
        var cli = Cli(clock, sandbox);
        cli.Invoke("doctor").ShouldBe(0, "with every scope, every check passes:\n" + cli.Out + cli.Error);
        sandbox.Journal.Clear();

        // When doctor runs with the token without the scope
        cli.Environment.Set("HUBSPOT_TOKEN", Limited);
        var exit = cli.Invoke("doctor");

        // Then it names the scope in the check that needed it, and fails
        exit.ShouldBe(1, cli.Out + cli.Error);
        cli.Out.ShouldContain("✓ HubSpot accepts HUBSPOT_TOKEN");
        var line = cli.Out.Split('\n').Single(l => l.Contains(check, StringComparison.Ordinal));
        line.TrimStart().ShouldStartWith("✗");
        line.ShouldContain("HUBSPOT_TOKEN is accepted but may not");
        line.ShouldContain($"the private app needs the scope {scope}.");
        cli.Out.ShouldNotContain(Limited);

        // And it made no writing request
        sandbox.Journal.Entries.ShouldContain(e => e.Service == "hubspot" && e.Status == 403);
        sandbox.Journal.Entries.ShouldNotContain(e => e.ChangedState);
        sandbox.Journal.Entries.Where(e => e.Method != "GET").ShouldAllBe(e => e.Service == "github" && e.Path == "/api/graphql" && !e.Body!.Contains("mutation", StringComparison.Ordinal));
    }

    private static CliRun Cli(FakeClock clock, SandboxServer sandbox)
    {
        var cli = new CliRun(clock);
        cli.Files
            .Add("communities/alpha.yaml", ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId))
            .Add("onboarding.yaml", ConfigText.For(sandbox, Repository));
        cli.Environment.Set("HUBSPOT_TOKEN", HubSpotSeed.DefaultToken).Set("FRESHDESK_API_KEY", sandbox.Options.Freshdesk.ApiKey)
            .Set("INFRA_GITHUB_TOKEN", sandbox.Options.GitHub.Tokens[0].Token);
        return cli;
    }
}

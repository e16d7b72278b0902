using System.Text.Json.Nodes;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Sandbox;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Prometheus;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// first-value against communities' own Prometheus: each gets the login meant for it and no other (the shared one only
/// where the configuration lists the community), and a bad or hostile answer fails that community alone.
/// </summary>
public sealed class FirstValuePrometheusTests
{
    private const string Repository = "example-org/infrastructure";

    private static readonly DateTimeOffset Used = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The login of delta's own Prometheus (in delta's cloud account): the only one it accepts.</summary>
    private static readonly PrometheusLogin DeltaLogin = new("delta-metrics", "delta-own-password");

    private static readonly PrometheusLogin SharedLogin = new("org-metrics", "org-shared-password");

    [Fact]
    public async Task FirstValue_OnlyTheSharedLoginSet_SendsNothingToACommunitysOwnPrometheus()
    {
        // Given alpha (listed for the shared login) and delta (not listed), both deployed and used, and only the shared login set
        await using var clock = FakeClock.Start();
        await using var sandbox = await StartAsync(clock);
        var cli = Cli(clock, sandbox);
        cli.Environment.Set("PROMETHEUS_USERNAME", SharedLogin.Username).Set("PROMETHEUS_PASSWORD", SharedLogin.Password);
        sandbox.Journal.Clear();

        // When
        var exit = cli.Invoke("first-value", "--output", "json");

        // Then delta's Prometheus got no request at all; alpha's was asked with the shared login
        exit.ShouldBe(0, cli.Error);
        var asked = sandbox.Journal.Entries.Where(e => e.Service == "prometheus").Select(e => e.Path).ToList();
        asked.ShouldNotContain(p => p.StartsWith("/delta/", StringComparison.Ordinal));
        asked.ShouldContain(p => p.StartsWith("/alpha/", StringComparison.Ordinal));
        var (alpha, delta) = (Hub(cli.Out, "alpha"), Hub(cli.Out, "delta"));
        ((int?)alpha["distinctUsers"]).ShouldBe(5);

        // And delta is skipped with a sentence naming what to set
        ((string?)delta["outcome"]).ShouldBe("skipped");
        ((string?)delta["detail"]).ShouldBe(
            "delta's Prometheus was not asked: no login is meant for it. Set PROMETHEUS_DELTA_USERNAME and PROMETHEUS_DELTA_PASSWORD to the login of the proxy in front of it; " +
            "or, only if the organisation runs that Prometheus itself, list delta under prometheus_shared_login in the configuration so it gets PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD.");
    }

    [Fact]
    public async Task FirstValue_CommunityLoginSet_AsksThatCommunitysPrometheusWithIt()
    {
        // Given delta's own login set beside the shared one
        await using var clock = FakeClock.Start();
        await using var sandbox = await StartAsync(clock);
        var cli = Cli(clock, sandbox);
        cli.Environment.Set("PROMETHEUS_USERNAME", SharedLogin.Username).Set("PROMETHEUS_PASSWORD", SharedLogin.Password)
            .Set("PROMETHEUS_DELTA_USERNAME", DeltaLogin.Username).Set("PROMETHEUS_DELTA_PASSWORD", DeltaLogin.Password);

        // When
        var exit = cli.Invoke("first-value", "--output", "json");

        // Then delta's Prometheus, which takes nothing else, answered with delta's five users
        exit.ShouldBe(0, cli.Error);
        var delta = Hub(cli.Out, "delta");
        ((int?)delta["distinctUsers"]).ShouldBe(5);
        ((string?)delta["outcome"]).ShouldNotBe("failed");
        ((int?)Hub(cli.Out, "alpha")["distinctUsers"]).ShouldBe(5);
    }

    [Fact]
    public async Task FirstValue_HalfACommunityLogin_FailsThatCommunityAndNamesTheMissingHalf()
    {
        // Given delta's user name without its password
        await using var clock = FakeClock.Start();
        await using var sandbox = await StartAsync(clock);
        var cli = Cli(clock, sandbox);
        cli.Environment.Set("PROMETHEUS_USERNAME", SharedLogin.Username).Set("PROMETHEUS_PASSWORD", SharedLogin.Password)
            .Set("PROMETHEUS_DELTA_USERNAME", DeltaLogin.Username);
        sandbox.Journal.Clear();

        // When
        var exit = cli.Invoke("first-value", "--output", "json");

        // Then delta fails without being asked, and alpha is counted
        exit.ShouldBe(1);
        var delta = Hub(cli.Out, "delta");
        ((string?)delta["outcome"]).ShouldBe("failed");
        ((string?)delta["detail"]).ShouldBe("delta's Prometheus was not asked: PROMETHEUS_DELTA_USERNAME is set but PROMETHEUS_DELTA_PASSWORD is not, and the proxy in front of it takes both; set PROMETHEUS_DELTA_PASSWORD, or unset PROMETHEUS_DELTA_USERNAME.");
        sandbox.Journal.Entries.ShouldNotContain(e => e.Path.StartsWith("/delta/", StringComparison.Ordinal));
        ((int?)Hub(cli.Out, "alpha")["distinctUsers"]).ShouldBe(5);
    }

    [Fact]
    public async Task FirstValue_OneCommunitysPrometheusAnswersBadly_FailsThatCommunityAndRecordsTheOthers()
    {
        // Given both communities applied (so First Value can be recorded in HubSpot), each login set
        await using var clock = FakeClock.Start();
        await using var sandbox = await StartAsync(clock);
        var cli = Cli(clock, sandbox);
        cli.Environment.Set("PROMETHEUS_USERNAME", SharedLogin.Username).Set("PROMETHEUS_PASSWORD", SharedLogin.Password)
            .Set("PROMETHEUS_DELTA_USERNAME", DeltaLogin.Username).Set("PROMETHEUS_DELTA_PASSWORD", DeltaLogin.Password);
        cli.Invoke("apply", "--all").ShouldBe(0, cli.Out + cli.Error);

        foreach (var kind in Enum.GetValues<PrometheusBadAnswer>())
        {
            // When delta's Prometheus answers with this kind of bad body
            sandbox.PrometheusEmulator.AnswerBadly("delta", kind);
            var exit = cli.Invoke("first-value", "--output", "json");

            // Then only delta fails, with a sentence naming it, its hub and what was wrong; alpha is recorded (once)
            exit.ShouldBe(1, $"{kind}: {cli.Error}");
            var delta = Hub(cli.Out, "delta");
            ((string?)delta["outcome"]).ShouldBe("failed", kind.ToString());
            ((string?)delta["detail"]).ShouldNotBeNull().ShouldStartWith("The answer of delta's Prometheus about hub prod was refused, so nothing of it was counted: ", Case.Sensitive, kind.ToString());
            delta["distinctUsers"].ShouldBeNull(kind.ToString());
            var alpha = Hub(cli.Out, "alpha");
            ((int?)alpha["distinctUsers"]).ShouldBe(5, kind.ToString());
            ((string?)alpha["outcome"]).ShouldBeOneOf(["recorded", "alreadyRecorded"], kind.ToString());
        }

        // And alpha's First Value is in HubSpot
        sandbox.PrometheusEmulator.AnswerWell();
        cli.Invoke("first-value", "--output", "json").ShouldBe(0, cli.Error);
        ((string?)Hub(cli.Out, "alpha")["outcome"]).ShouldBe("alreadyRecorded");
    }

    private static JsonNode Hub(string json, string community) =>
        JsonNode.Parse(json)!["hubs"]!.AsArray().Single(h => (string?)h!["community"] == community)!;

    /// <summary>A sandbox whose delta Prometheus takes delta's own login only and whose others take the shared one; five users on each.</summary>
    private static Task<SandboxServer> StartAsync(FakeClock clock) => SandboxServer.StartAsync(new SandboxOptions
    {
        Time = clock.EmulatorTime,
        Prometheus = new PrometheusSeed
        {
            Username = SharedLogin.Username,
            Password = SharedLogin.Password,
            CommunityLogins = new Dictionary<string, PrometheusLogin>(StringComparer.Ordinal) { ["delta"] = DeltaLogin },
            Series =
            [
                .. new[] { "alpha", "delta" }.SelectMany(community => Enumerable.Range(1, 5)
                    .Select(n => PrometheusSeed.UserPod(community, "prod", $"user-{n}", Used.AddHours(n), TimeSpan.FromHours(1)))),
            ],
        },
    }, TestContext.Current.CancellationToken);

    private static CliRun Cli(FakeClock clock, SandboxServer sandbox)
    {
        var cli = new CliRun(clock);
        cli.Files
            .Add("communities/alpha.yaml", Deployed("alpha", HubSpotSeed.ContractAdminDealId))
            .Add("communities/delta.yaml", Deployed("delta", HubSpotSeed.EarlyDealId))
            .Add("onboarding.yaml", ConfigText.For(sandbox, Repository, ConfigText.Prometheus(sandbox, "alpha")));
        cli.Environment.Set("HUBSPOT_TOKEN", sandbox.Options.HubSpot.Tokens[0]).Set("FRESHDESK_API_KEY", sandbox.Options.Freshdesk.ApiKey)
            .Set("INFRA_GITHUB_TOKEN", sandbox.Options.GitHub.Tokens[0].Token);
        return cli;
    }

    private static string Deployed(string name, string deal) => ManifestText.Valid(name, deal, $"{name}.hubs.example.org")
        .Replace("status: requested", $"status: deployed\n    deployed: \"2026-11-20\"\n    url: https://{name}.hubs.example.org", StringComparison.Ordinal);
}

using System.Text;
using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Prometheus;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// Every secret the program reads (<see cref="Secrets.All"/>, so a new one is covered without editing this test) is set
/// to a canary that the emulators accept as the credential; every command runs, on its happy and its failure paths,
/// and no output, file, record or request may carry a canary.
/// </summary>
public sealed class SecretsCanaryTests
{
    /// <summary>In every canary, so one search finds any of them.</summary>
    private const string Mark = "c4n4ry";

    private const string Repository = "example-org/infrastructure";

    private static string CanaryOf(SecretVariable secret) => $"{secret.Name.ToLowerInvariant()}-{Mark}-7f3a9c";

    /// <summary>A community's own Prometheus login: named by a pattern, so not in <see cref="Secrets.All"/>, and covered here too.</summary>
    private static readonly (SecretVariable Username, SecretVariable Password) DeltaLogin = Secrets.PrometheusLoginOf("delta");

    private const string LivePlanBranch = "rename-alpha";

    private static readonly string LivePlanAlpha = ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId).Replace("The alpha community", "The Alpha Collective", StringComparison.Ordinal);

    private const int LivePlanPullRequest = 1;

    [Fact]
    public async Task EveryCommand_CanaryInEverySecret_CanaryNowhere()
    {
        // Given a sandbox that accepts the canaries as its credentials, a same-repository pull request, and manifests
        // that open issues, email a technical contact (a hub deployed last week) and ask for missing information
        await using var clock = FakeClock.Start();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Time = clock.EmulatorTime,
            HubSpot = SandboxSeeds.HubSpot() with { Tokens = [CanaryOf(Secrets.HubSpotToken), CanaryOf(Secrets.HubSpotReadOnlyToken)] },
            Freshdesk = new FreshdeskSeed { ApiKey = CanaryOf(Secrets.FreshdeskApiKey), OtherApiKeys = [CanaryOf(Secrets.FreshdeskReadOnlyApiKey)] },
            GitHub = new GitHubSeed
            {
                Tokens = [new GitHubTokenSeed(CanaryOf(Secrets.InfrastructureGitHubToken), "onboarding-bot"), new GitHubTokenSeed(CanaryOf(Secrets.PullRequestToken), "github-actions"),
                    new GitHubTokenSeed(CanaryOf(Secrets.InfrastructureReadOnlyGitHubToken), "onboarding-reader", CanWrite: false)],
                // Pull request #1 changes alpha on its branch, for the live plan of a pull request.
                Repositories =
                [
                    new GitHubRepositorySeed
                    {
                        Files = [new GitHubFileSeed("communities/alpha.yaml", LivePlanAlpha, LivePlanBranch)],
                        PullRequests = [new GitHubPullRequestSeed("Rename alpha") { HeadRef = LivePlanBranch, Files = [new GitHubPullFileSeed("communities/alpha.yaml")] }],
                    },
                ],
            },
            Prometheus = new PrometheusSeed
            {
                Username = CanaryOf(Secrets.PrometheusUsername),
                Password = CanaryOf(Secrets.PrometheusPassword),
                // delta's Prometheus takes delta's own login only, as one in delta's own cloud account would.
                CommunityLogins = new Dictionary<string, PrometheusLogin> { ["delta"] = new(CanaryOf(DeltaLogin.Username), CanaryOf(DeltaLogin.Password)) },
                // Five users of delta's deployed hub, so first-value takes its recording path too.
                Series = [.. Enumerable.Range(1, 5).Select(n => PrometheusSeed.UserPod("delta", "prod", $"user-{n}", new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1)))],
            },
        });
        var access = new ServiceAccess(
            sandbox.HubSpot.BaseAddress, CanaryOf(Secrets.HubSpotToken), sandbox.Freshdesk.BaseAddress, CanaryOf(Secrets.FreshdeskApiKey),
            sandbox.GitHub.BaseAddress, CanaryOf(Secrets.InfrastructureGitHubToken), new PrometheusAddress(sandbox.PrometheusTemplate))
        {
            PrometheusLogins = sandbox.Options.Prometheus.ClientLogins(),
        };
        using var connections = new ServiceConnections(access, new OnboardingSettings(), clock.Time);
        var pullRequest = await connections.InfrastructureIssues.CreateIssueAsync(new Onboarding.Core.Services.GitHub.NewIssue("Add communities", "", []));
        var form = await connections.InfrastructureIssues.CreateIssueAsync(new Onboarding.Core.Services.GitHub.NewIssue("New community: Tidal Flats", "", ["new-community"]));
        sandbox.Journal.Clear();

        var cli = new CliRun(clock);
        cli.Files
            .Add("communities/alpha.yaml", ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId))
            .Add("communities/delta.yaml", Deployed("delta", HubSpotSeed.EarlyDealId))
            .Add("communities/echo.yaml", WithoutTechnicalContacts("echo", HubSpotSeed.ClosedWonDealId))
            .Add("onboarding.yaml", Config(sandbox))
            .Add("/runner/event.json", PullRequestEvent(pullRequest.Number));
        foreach (var secret in Secrets.All.Append(DeltaLogin.Username).Append(DeltaLogin.Password))
            cli.Environment.Set(secret.Name, CanaryOf(secret));
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_EVENT_NAME", "pull_request").Set("GITHUB_EVENT_PATH", "/runner/event.json")
            .Set("GITHUB_STEP_SUMMARY", "/runner/summary.md").Set("GITHUB_OUTPUT", "/runner/output.txt")
            .Set("GITHUB_REPOSITORY", Repository).Set("GITHUB_API_URL", sandbox.GitHub.BaseAddress.ToString())
            .Set("GITHUB_SERVER_URL", "https://github.com").Set("GITHUB_RUN_ID", "4242");
        var outputs = new StringBuilder();
        var exits = new List<(string Run, int Exit)>();
        void Run(string name, params string[] args)
        {
            exits.Add((name, cli.Invoke(args)));
            outputs.Append(cli.Out).Append('\n').Append(cli.Error).Append('\n');
        }

        // When every command runs: the happy paths first
        Run("validate", "validate");
        Run("plan", "plan");
        Run("plan --pull-request", "plan", "--pull-request", $"{LivePlanPullRequest}");
        Run("apply", "apply", "--all");
        Run("first-value", "first-value");
        Run("plan after apply", "plan", "--output", "json");

        // ... then a service that answers 500 to everything, while a manifest change needs writing
        cli.Files.Add("communities/alpha.yaml", ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId).Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal));
        sandbox.HubSpot.Faults.Add(new FaultRule(FaultKind.InternalServerError, Times: 1_000));
        Run("apply on 500", "apply", "--all");
        Run("apply on 500, its report as JSON", "apply", "--all", "--output", "json");
        Run("plan on 500", "plan");
        sandbox.HubSpot.Faults.Clear();

        // ... a credential the service refuses (401), in each service in turn
        foreach (var secret in Secrets.Services)
        {
            cli.Environment.Set(secret.Name, CanaryOf(secret) + "-rotated");
            Run($"apply with {secret.Name} refused", "apply", "--all");
            Run($"plan with {secret.Name} refused", "plan");
            cli.Environment.Set(secret.Name, CanaryOf(secret));
        }

        // ... a read-only credential refused, in the live plan of a pull request
        cli.Environment.Set(Secrets.HubSpotReadOnlyToken.Name, CanaryOf(Secrets.HubSpotReadOnlyToken) + "-rotated");
        Run("plan --pull-request with HUBSPOT_READONLY_TOKEN refused", "plan", "--pull-request", $"{LivePlanPullRequest}");
        cli.Environment.Set(Secrets.HubSpotReadOnlyToken.Name, CanaryOf(Secrets.HubSpotReadOnlyToken));

        // ... delta's own Prometheus login refused (401)
        cli.Environment.Set(DeltaLogin.Password.Name, CanaryOf(DeltaLogin.Password) + "-rotated");
        Run("first-value with delta's Prometheus login refused", "first-value");
        cli.Environment.Set(DeltaLogin.Password.Name, CanaryOf(DeltaLogin.Password));

        // ... the commands that only read the services: drift (its report and its issue) and import (the manifests it writes)
        Run("drift", "drift");
        Run("import", "import");

        // ... and the new-community form turned into a manifest, with its comment on the issue
        cli.Files.Add("/runner/issue-event.json", IssueEvent(form.Number));
        Run("from-issue", "from-issue", "--event", "/runner/issue-event.json");

        // ... and an invalid configuration
        cli.Files.Add("onboarding.yaml", Config(sandbox).Replace("portal_id: 24681357", "portal_id: [x]", StringComparison.Ordinal));
        Run("validate with an invalid configuration", "validate");
        Run("apply with an invalid configuration", "apply", "--all");

        // Then the runs did what they should, so the search below covers real output and real records
        exits.ShouldBe(
        [
            ("validate", 0), ("plan", 0), ("plan --pull-request", 0), ("apply", 0), ("first-value", 0), ("plan after apply", 0), ("apply on 500", 1), ("apply on 500, its report as JSON", 1), ("plan on 500", 1),
            ("apply with HUBSPOT_TOKEN refused", 1), ("plan with HUBSPOT_TOKEN refused", 1),
            ("apply with FRESHDESK_API_KEY refused", 1), ("plan with FRESHDESK_API_KEY refused", 1),
            ("apply with INFRA_GITHUB_TOKEN refused", 1), ("plan with INFRA_GITHUB_TOKEN refused", 1),
            ("plan --pull-request with HUBSPOT_READONLY_TOKEN refused", 1),
            ("first-value with delta's Prometheus login refused", 1),
            ("drift", 0), ("import", 0), ("from-issue", 0),
            ("validate with an invalid configuration", 1), ("apply with an invalid configuration", 1),
        ], outputs.ToString());
        var comments = await connections.InfrastructureIssues.ListCommentsAsync(pullRequest.Number);
        var livePlanComments = await connections.InfrastructureIssues.ListCommentsAsync(LivePlanPullRequest);
        livePlanComments.ShouldContain(c => c.Body.Contains("onboarding:plan-kind live", StringComparison.Ordinal), "the live plan commented on its pull request");
        var formComment = (await connections.InfrastructureIssues.ListCommentsAsync(form.Number)).ShouldHaveSingleItem("from-issue commented on the form");
        comments.ShouldContain(c => c.Body.StartsWith("<!-- onboarding:plan -->", StringComparison.Ordinal));
        sandbox.Journal.StateChanges.Select(e => e.Service).Distinct().Order().ShouldBe(["freshdesk", "github", "hubspot"]);
        var states = new Dictionary<string, string>
        {
            ["hubspot state"] = sandbox.HubSpotEmulator.Store.ExportJson(),
            ["freshdesk state"] = sandbox.FreshdeskEmulator.Store.ExportJson(),
            ["github state"] = WithoutAcceptedTokens(sandbox.GitHubEmulator.Store.ExportJson()),
            ["prometheus state"] = sandbox.PrometheusEmulator.Store.ExportJson(),
        };
        states["freshdesk state"].ShouldContain("is ready", Case.Insensitive, "the hub-available email was sent");
        states["freshdesk state"].ShouldContain(HelpdeskTags.MissingInformationPrefix("echo"), Case.Sensitive, "the missing-information ticket was opened");
        states["github state"].ShouldContain("onboarding:turnup community=alpha", Case.Sensitive, "turnup issues were opened");
        states["github state"].ShouldContain("onboarding:drift", Case.Sensitive, "the drift issue was opened");
        var written = cli.Files.ListFiles("communities").Where(p => !new[] { "alpha", "delta", "echo" }.Any(n => p.EndsWith($"/{n}.yaml", StringComparison.Ordinal))).ToList();
        written.ShouldContain("communities/tidalflats.yaml", "from-issue wrote its manifest");
        written.Count.ShouldBeGreaterThan(1, "import wrote a manifest");

        // ... and no canary anywhere: outputs (but for the mask lines Actions needs), files, records, requests
        var leaks = new List<string>();
        foreach (var line in outputs.ToString().Split('\n').Where(l => l.Contains(Mark, StringComparison.Ordinal) && !l.StartsWith("::add-mask::", StringComparison.Ordinal)))
            leaks.Add($"output: {line}");
        foreach (var path in new[] { "/runner/summary.md", "/runner/output.txt" })
            leaks.AddRange(Lines(cli.Files.Text(path)).Select(l => $"{path}: {l}"));
        foreach (var path in written)
            leaks.AddRange(Lines(cli.Files.Text(path)).Select(l => $"{path}: {l}"));
        foreach (var comment in comments.Concat(livePlanComments))
            leaks.AddRange(Lines(comment.Body).Select(l => $"pull request comment: {l}"));
        leaks.AddRange(Lines(formComment.Body).Select(l => $"form issue comment: {l}"));
        foreach (var (name, json) in states)
            leaks.AddRange(Lines(json).Select(l => $"{name}: {l}"));
        foreach (var entry in sandbox.Journal.Entries)
        {
            // Everything the journal keeps of a request (the auth headers are not kept, and are where the secret belongs).
            foreach (var part in new[] { entry.Path, entry.Query, entry.Body ?? "", entry.Fault ?? "" })
                leaks.AddRange(Lines(Uri.UnescapeDataString(part)).Select(l => $"{entry.Service} {entry.Method} {entry.Path}: {l}"));
        }

        leaks.ShouldBeEmpty();
        outputs.ToString().ShouldContain($"::add-mask::{CanaryOf(Secrets.HubSpotToken)}", Case.Sensitive, "the secrets were set and masked");
        outputs.ToString().ShouldContain($"::add-mask::{CanaryOf(DeltaLogin.Password)}", Case.Sensitive, "a community's own Prometheus login was masked");
        outputs.ToString().ShouldContain("(recorded now)", Case.Sensitive, "delta's Prometheus was asked with delta's login");
    }

    /// <summary>The GitHub emulator keeps the tokens it accepts (with their rate budgets) in its state: its own configuration, not something the program wrote.</summary>
    private static string WithoutAcceptedTokens(string json)
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        state.Remove("Tokens").ShouldBeTrue("the GitHub state keeps its tokens under Tokens");
        return state.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Where(l => l.Contains(Mark, StringComparison.OrdinalIgnoreCase)).Select(l => l.Length > 300 ? l[..300] : l);

    private static string Deployed(string name, string deal) => ManifestText.Valid(name, deal, $"{name}.hubs.example.org")
        .Replace("status: requested", $"status: deployed\n    deployed: \"2026-11-20\"\n    url: https://{name}.hubs.example.org", StringComparison.Ordinal);

    private static string WithoutTechnicalContacts(string name, string deal) => ManifestText.Valid(name, deal, $"{name}.hubs.example.org")
        .Replace($"technical_contacts:\n  - name: Tech One\n    email: tech.one@{name}.example.org\n", "", StringComparison.Ordinal);

    private static string Config(SandboxServer sandbox) => ConfigText.For(sandbox, Repository, ConfigText.Prometheus(sandbox, "alpha"));

    /// <summary>The recorded new-community form event, for the issue <paramref name="number"/>.</summary>
    private static string IssueEvent(int number)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "issues.opened.new-community.payload.json")))!;
        payload["issue"]!["number"] = number;
        return payload.ToJsonString();
    }

    private static string PullRequestEvent(int number) => JsonSerializer.Serialize(new
    {
        pull_request = new
        {
            number,
            head = new { repo = new { full_name = Repository } },
            @base = new { repo = new { full_name = Repository } },
        },
    });
}

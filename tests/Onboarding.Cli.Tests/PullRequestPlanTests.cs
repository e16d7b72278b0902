using System.Text;
using Onboarding.Cli.Commands;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// <c>plan --pull-request N</c>, the live plan of a pull request from this repository, against the sandbox: the checkout
/// is the default branch's, the pull request's manifests come through GitHub's API as data, and the services are read
/// with the read-only credentials only.
/// </summary>
public sealed class PullRequestPlanTests
{
    private const string Repository = SandboxSeeds.ManifestRepository;
    private const string HeadBranch = "add-alpha";
    private const string HubSpotReader = "pat-readonly-7d1e";
    private const string FreshdeskReader = "fd-readonly-7d1e";
    private const string InfrastructureReader = "ghp_sandboxReaderToken00000000000000000000";
    private const string WorkflowToken = "ghs_sandboxWorkflowToken000000000000000000";

    /// <summary>alpha, with the sandbox's deal in Contract/Admin and Ada Lovelace, a contact HubSpot already holds, as representative.</summary>
    private static readonly string Alpha = ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId)
        .Replace("  - name: Rep One\n    email: rep.one@alpha.example.org\n", "  - name: Ada Lovelace\n    email: ada.lovelace@example.org\n", StringComparison.Ordinal);

    [Fact]
    public async Task PlanPullRequest_SameRepositoryPullRequest_ReadsTheServicesWithReadOnlyCredentialsAndTheManifestThroughTheApi()
    {
        // Given a pull request adding alpha (on its head branch only: the checkout, the default branch, has beta alone)
        await using var harness = await StartAsync([new("communities/alpha.yaml", "added")], [new("communities/alpha.yaml", Alpha, HeadBranch)]);
        var cli = Checkout(harness);
        harness.Sandbox.Journal.Clear();

        // When the live plan of the pull request runs
        var exit = cli.Invoke("plan", "--pull-request", "1");

        // Then it says it is live, read with the read-only credentials, and shows what the services hold
        exit.ShouldBe(0, cli.Out + cli.Error);
        cli.Out.ShouldStartWith("Live plan: read HubSpot, Freshdesk and GitHub with the read-only credentials at 2026-");
        cli.Out.ShouldContain("Pull request #1 at ");
        cli.Out.ShouldContain("1 manifest file(s) changed, read through GitHub's API as data");
        cli.Out.ShouldContain($"deal {HubSpotSeed.ContractAdminDealId}: Contract Admin (allowed)");
        cli.Out.ShouldContain("+ hubspot associate ada.lovelace@example.org as Community Representative of alpha");
        cli.Out.ShouldNotContain("+ hubspot create contact ada.lovelace@example.org");
        cli.Out.ShouldContain("alpha (communities/alpha.yaml)");
        cli.Out.ShouldNotContain("beta (communities/beta.yaml)");
        var once = cli.Out;

        // And the manifest came from the pull request's head through the contents API; nothing was written anywhere
        var journal = harness.Sandbox.Journal.Entries;
        journal.ShouldContain(e => e.Service == "github" && e.Method == "GET" && e.Path.EndsWith("/repos/example-org/onboarding/pulls/1/files", StringComparison.Ordinal));
        journal.ShouldContain(e => e.Service == "github" && e.Path.EndsWith("/contents/communities/alpha.yaml", StringComparison.Ordinal) && e.Query.Contains("ref=", StringComparison.Ordinal));
        journal.Where(e => e.ChangedState).ShouldBeEmpty();

        // When the same manifests are planned offline, from git alone
        var offline = Checkout(harness, readOnly: false);
        offline.Files.Add("communities/alpha.yaml", Alpha);
        offline.Invoke("plan").ShouldBe(0, offline.Error);

        // Then the offline plan says so, cannot show the deal's stage, and does not know Ada is a contact already
        offline.Out.ShouldStartWith(PlanCommand.OfflineSentence);
        offline.Out.ShouldNotContain("Contract Admin");
        offline.Out.ShouldContain("+ hubspot create contact ada.lovelace@example.org");
        once.ShouldNotContain(PlanCommand.OfflineSentence);
    }

    private static async Task<ApplyHarness> StartAsync(IReadOnlyList<GitHubPullFileSeed> files, IReadOnlyList<GitHubFileSeed> repositoryFiles)
    {
        var github = SandboxSeeds.GitHub();
        var hubSpot = SandboxSeeds.HubSpot();
        var readScopes = HubSpotScopes.All.Where(s => s.EndsWith(".read", StringComparison.Ordinal)).ToList();
        return await ApplyHarness.StartAsync(new SandboxOptions
        {
            HubSpot = hubSpot with
            {
                Tokens = [.. hubSpot.Tokens, HubSpotReader],
                TokenScopes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [HubSpotReader] = readScopes },
            },
            Freshdesk = new FreshdeskSeed { OtherApiKeys = [FreshdeskReader] },
            GitHub = github with
            {
                Tokens = [.. github.Tokens, new GitHubTokenSeed(InfrastructureReader, "onboarding-reader", CanWrite: false), new GitHubTokenSeed(WorkflowToken, "github-actions[bot]")],
                Repositories =
                [
                    .. github.Repositories.SkipLast(1),
                    new GitHubRepositorySeed
                    {
                        Name = Repository.Split('/')[1],
                        Files = repositoryFiles,
                        PullRequests = [new GitHubPullRequestSeed("Add community alpha") { HeadRef = HeadBranch, Files = files }],
                    },
                ],
            },
        });
    }

    /// <summary>The default branch's checkout (beta and the sandbox's configuration), with the live plan job's environment unless not <paramref name="readOnly"/>.</summary>
    private static CliRun Checkout(ApplyHarness harness, bool readOnly = true)
    {
        var cli = new CliRun(harness.Clock);
        cli.Files
            .Add("onboarding.yaml", ConfigText.For(harness.Sandbox))
            .Add("communities/beta.yaml", ManifestText.Valid("beta", deal: HubSpotSeed.ClosedWonDealId, domain: "beta.hubs.example.org"));
        if (readOnly)
        {
            cli.Environment
                .Set("HUBSPOT_READONLY_TOKEN", HubSpotReader)
                .Set("FRESHDESK_READONLY_API_KEY", FreshdeskReader)
                .Set("INFRA_GITHUB_READONLY_TOKEN", InfrastructureReader)
                .Set("GITHUB_TOKEN", WorkflowToken)
                .Set("GITHUB_REPOSITORY", Repository)
                .Set("GITHUB_API_URL", harness.Sandbox.GitHub.BaseAddress.ToString());
        }

        return cli;
    }
}

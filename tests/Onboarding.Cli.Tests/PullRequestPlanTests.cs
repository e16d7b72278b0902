using System.Text;
using System.Text.Json;
using Onboarding.Cli.Commands;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Services.GitHub;
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

    /// <summary>A manifest that is not YAML, and one over 1 MB (GitHub's contents API answers its size and no content).</summary>
    public static TheoryData<string, string, string?> Hostile() => new()
    {
        { "not YAML", "name: alpha\ndescription: [never closed\n", null },
        {
            "over 1 MB",
            "name: alpha\n" + string.Concat(Enumerable.Repeat("# padding line of a manifest far too large to be one\n", 21_000)),
            "a manifest may be at most 256 KiB"
        },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task PlanPullRequest_HostileManifest_SaysWhereAsValidateDoesAndWritesNothing(string kind, string text, string? sentence)
    {
        // Given a pull request whose alpha is hostile
        await using var harness = await StartAsync([new("communities/alpha.yaml", "added")], [new("communities/alpha.yaml", text, HeadBranch)]);
        var cli = Checkout(harness);
        harness.Sandbox.Journal.Clear();

        // When its live plan runs, and validate runs on the same file
        var exit = cli.Invoke("plan", "--pull-request", "1");
        var validate = Checkout(harness, readOnly: false);
        validate.Files.Add("communities/alpha.yaml", text);
        validate.Invoke("validate").ShouldNotBe(0, kind);

        // Then it stops with validate's located sentence, no stack trace, and no write
        exit.ShouldNotBe(0, kind);
        var located = LocatedLine(validate.Out + validate.Error, "communities/alpha.yaml:");
        if (sentence is not null)
            located.ShouldContain(sentence);
        (cli.Out + cli.Error).ShouldContain(located);
        ShouldBeCalm(cli);
        harness.Sandbox.Journal.Entries.Where(e => e.ChangedState).ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanPullRequest_PathWithDotDot_RefusesItWithASentenceAndReadsNothingOfIt()
    {
        // Given a pull request listing a manifest path that climbs out of communities/
        await using var harness = await StartAsync([new("communities/../onboarding.yaml", "modified")], [new("communities/alpha.yaml", Alpha, HeadBranch)]);
        var cli = Checkout(harness);
        harness.Sandbox.Journal.Clear();

        // When its live plan runs
        var exit = cli.Invoke("plan", "--pull-request", "1");

        // Then the path is refused in a located sentence, nothing was read at it, and nothing was written
        exit.ShouldNotBe(0);
        (cli.Out + cli.Error).ShouldContain("communities/../onboarding.yaml");
        (cli.Out + cli.Error).ShouldContain("its path is not a plain path inside communities/");
        ShouldBeCalm(cli);
        harness.Sandbox.Journal.Entries.ShouldNotContain(e => e.Path.Contains("/contents/", StringComparison.Ordinal));
        harness.Sandbox.Journal.Entries.Where(e => e.ChangedState).ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanPullRequest_FilesOutsideCommunities_AreNotReadOrPlanned()
    {
        // Given a pull request changing a manifest-looking file elsewhere, one in a subfolder, and alpha
        await using var harness = await StartAsync(
            [new("docs/alpha.yaml", "added"), new("communities/drafts/alpha.yaml", "added"), new("communities/alpha.yaml", "added")],
            [new("docs/alpha.yaml", "name: [", HeadBranch), new("communities/drafts/alpha.yaml", "name: [", HeadBranch), new("communities/alpha.yaml", Alpha, HeadBranch)]);
        var cli = Checkout(harness);
        harness.Sandbox.Journal.Clear();

        // When its live plan runs
        var exit = cli.Invoke("plan", "--pull-request", "1");

        // Then only alpha is read and planned, as validate reads communities/ alone
        exit.ShouldBe(0, cli.Out + cli.Error);
        cli.Out.ShouldContain("1 manifest file(s) changed");
        var contents = harness.Sandbox.Journal.Entries.Where(e => e.Path.Contains("/contents/", StringComparison.Ordinal)).Select(e => e.Path).ToList();
        contents.ShouldContain(p => p.EndsWith("/contents/communities/alpha.yaml", StringComparison.Ordinal));
        contents.ShouldNotContain(p => p.Contains("docs/", StringComparison.Ordinal) || p.Contains("drafts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanPullRequest_RenamedManifest_PlansTheNewPathAndNotesTheOldOneRemoved()
    {
        // Given a pull request renaming beta.yaml to gamma.yaml (the checkout has beta)
        var gamma = ManifestText.Valid("gamma", deal: HubSpotSeed.ClosedWonDealId, domain: "gamma.hubs.example.org");
        await using var harness = await StartAsync(
            [new("communities/gamma.yaml", "renamed", PreviousFilename: "communities/beta.yaml")], [new("communities/gamma.yaml", gamma, HeadBranch)]);
        var cli = Checkout(harness);
        harness.Sandbox.Journal.Clear();

        // When its live plan runs
        var exit = cli.Invoke("plan", "--pull-request", "1");

        // Then gamma is planned, beta's removal is noted, and nothing is written
        exit.ShouldBe(0, cli.Out + cli.Error);
        cli.Out.ShouldContain("2 manifest file(s) changed");
        cli.Out.ShouldContain("gamma (communities/gamma.yaml)");
        cli.Out.ShouldContain("communities/beta.yaml was removed. Nothing is deleted in HubSpot, Freshdesk or GitHub");
        cli.Out.ShouldNotContain("beta (communities/beta.yaml)");
        harness.Sandbox.Journal.Entries.Where(e => e.ChangedState).ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanPullRequest_DeletedManifest_NotesTheRemovalAndReadsNothingOfIt()
    {
        // Given a pull request deleting beta.yaml
        await using var harness = await StartAsync([new("communities/beta.yaml", "removed")], []);
        var cli = Checkout(harness);
        harness.Sandbox.Journal.Clear();

        // When its live plan runs
        var exit = cli.Invoke("plan", "--pull-request", "1");

        // Then the removal is noted, as the offline plan notes it, and beta is neither read nor planned
        exit.ShouldBe(0, cli.Out + cli.Error);
        cli.Out.ShouldContain("communities/beta.yaml was removed. Nothing is deleted in HubSpot, Freshdesk or GitHub because a file went away; remove records by hand if that is intended.");
        cli.Out.ShouldNotContain("beta (communities/beta.yaml)");
        harness.Sandbox.Journal.Entries.ShouldNotContain(e => e.Path.Contains("/contents/communities/beta.yaml", StringComparison.Ordinal));
        harness.Sandbox.Journal.Entries.Where(e => e.ChangedState).ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanPullRequest_FromAFork_IsRefusedWithASentenceAndReadsNoFiles()
    {
        // Given a pull request whose head branch is in a contributor's fork
        await using var harness = await StartAsync([new("communities/alpha.yaml", "added")], [new("communities/alpha.yaml", Alpha, HeadBranch)], fork: "contributor/onboarding");
        var cli = Checkout(harness);
        harness.Sandbox.Journal.Clear();

        // When its live plan runs
        var exit = cli.Invoke("plan", "--pull-request", "1");

        // Then it is refused in a sentence naming the fork, before any file of it is read
        exit.ShouldBe(1);
        cli.Error.ShouldContain("Pull request #1 comes from the fork contributor/onboarding: a live plan reads only pull requests from this repository's own branches");
        ShouldBeCalm(cli);
        harness.Sandbox.Journal.Entries.ShouldNotContain(e => e.Path.EndsWith("/files", StringComparison.Ordinal) || e.Path.Contains("/contents/", StringComparison.Ordinal));
        harness.Sandbox.Journal.Entries.Where(e => e.Service != "github").ShouldBeEmpty();
    }

    [Fact]
    public async Task PlanComment_OfflinePlanOfTheSameHead_LeavesTheLivePlan()
    {
        // Given the live plan of the pull request's head in its comment
        await using var harness = await StartAsync([new("communities/alpha.yaml", "added")], [new("communities/alpha.yaml", Alpha, HeadBranch)]);
        var head = await HeadShaAsync(harness);
        var live = InActions(Checkout(harness));
        live.Invoke("plan", "--pull-request", "1").ShouldBe(0, live.Out + live.Error);

        // When the offline plan of the same head commit runs
        var offline = Offline(harness, head);
        offline.Invoke("plan").ShouldBe(0, offline.Out + offline.Error);

        // Then the comment still holds the live plan, and the offline run says where its plan is
        var comment = (await PlanCommentsAsync(harness)).ShouldHaveSingleItem();
        comment.ShouldContain(PullRequestComment.KindLine(PlanKind.Live, head));
        comment.ShouldContain("Contract Admin");
        offline.Out.ShouldContain("The comment on #1 holds the live plan of this commit");
    }

    [Fact]
    public async Task PlanComment_LivePlanAfterAnOfflinePlan_ReplacesIt()
    {
        // Given the offline plan of the pull request's head in its comment
        await using var harness = await StartAsync([new("communities/alpha.yaml", "added")], [new("communities/alpha.yaml", Alpha, HeadBranch)]);
        var head = await HeadShaAsync(harness);
        var offline = Offline(harness, head);
        offline.Invoke("plan").ShouldBe(0, offline.Out + offline.Error);
        (await PlanCommentsAsync(harness)).ShouldHaveSingleItem().ShouldContain(PullRequestComment.KindLine(PlanKind.Offline, head));

        // When the live plan runs
        var live = InActions(Checkout(harness));
        live.Invoke("plan", "--pull-request", "1").ShouldBe(0, live.Out + live.Error);

        // Then the one comment holds the live plan
        var comment = (await PlanCommentsAsync(harness)).ShouldHaveSingleItem();
        comment.ShouldContain(PullRequestComment.KindLine(PlanKind.Live, head));
        comment.ShouldNotContain(PlanCommand.OfflineSentence);
    }

    [Fact]
    public async Task PlanComment_OfflinePlanOfANewerHead_ReplacesTheOlderLivePlan()
    {
        // Given the live plan of the pull request's head in its comment
        await using var harness = await StartAsync([new("communities/alpha.yaml", "added")], [new("communities/alpha.yaml", Alpha, HeadBranch)]);
        var head = await HeadShaAsync(harness);
        var live = InActions(Checkout(harness));
        live.Invoke("plan", "--pull-request", "1").ShouldBe(0, live.Out + live.Error);

        // When a newer commit is pushed and its offline plan runs (before its live plan)
        const string newer = "1111111111111111111111111111111111111111";
        var offline = Offline(harness, newer);
        offline.Invoke("plan").ShouldBe(0, offline.Out + offline.Error);

        // Then the comment holds the newer commit's offline plan: the older live plan no longer describes the pull request
        var comment = (await PlanCommentsAsync(harness)).ShouldHaveSingleItem();
        comment.ShouldContain(PullRequestComment.KindLine(PlanKind.Offline, newer));
        comment.ShouldNotContain(head);
        offline.Out.ShouldNotContain("holds the live plan");
    }

    /// <summary>The first line of <paramref name="output"/> that starts with <paramref name="prefix"/> (a located sentence).</summary>
    private static string LocatedLine(string output, string prefix)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(prefix, StringComparison.Ordinal));
        line.ShouldNotBeNull($"no line names {prefix}:\n{output}");
        return line;
    }

    /// <summary>No stack trace or exception name reached the user.</summary>
    private static void ShouldBeCalm(CliRun cli)
    {
        var all = cli.Out + cli.Error;
        all.ShouldNotContain("   at ");
        all.ShouldNotContain("Exception");
    }

    /// <summary>Under GitHub Actions, so the plan goes to the step summary and the pull request's comment.</summary>
    private static CliRun InActions(CliRun cli)
    {
        cli.Environment.Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", "/runner/summary.md").Set("GITHUB_OUTPUT", "/runner/output.txt");
        return cli;
    }

    /// <summary>The Validate workflow's offline plan on pull request #1 at <paramref name="headSha"/>: no service secret, the workflow's token and event.</summary>
    private static CliRun Offline(ApplyHarness harness, string headSha)
    {
        var cli = InActions(Checkout(harness, readOnly: false));
        cli.Files.Add("communities/alpha.yaml", Alpha).Add("/runner/event.json", JsonSerializer.Serialize(new
        {
            pull_request = new
            {
                number = 1,
                head = new { sha = headSha, repo = new { full_name = Repository } },
                @base = new { repo = new { full_name = Repository } },
            },
        }));
        cli.Environment
            .Set("GITHUB_EVENT_NAME", "pull_request").Set("GITHUB_EVENT_PATH", "/runner/event.json")
            .Set("GITHUB_TOKEN", WorkflowToken).Set("GITHUB_REPOSITORY", Repository).Set("GITHUB_API_URL", harness.Sandbox.GitHub.BaseAddress.ToString());
        return cli;
    }

    private static GitHubClient Reader(ApplyHarness harness) =>
        new(new GitHubClientOptions(GitHubClientOptions.DefaultEndpoint(harness.Sandbox.GitHub.BaseAddress), Repository.Split('/')[0], Repository.Split('/')[1], WorkflowToken), harness.Clock.Time);

    private static async Task<string> HeadShaAsync(ApplyHarness harness)
    {
        using var client = Reader(harness);
        return (await client.GetPullRequestHeadAsync(1)).HeadSha;
    }

    /// <summary>The bodies of the plan comments on pull request #1.</summary>
    private static async Task<IReadOnlyList<string>> PlanCommentsAsync(ApplyHarness harness)
    {
        using var client = Reader(harness);
        return [.. (await client.ListCommentsAsync(1)).Select(c => c.Body).Where(b => b.StartsWith(PullRequestComment.Marker, StringComparison.Ordinal))];
    }

    private static async Task<ApplyHarness> StartAsync(IReadOnlyList<GitHubPullFileSeed> files, IReadOnlyList<GitHubFileSeed> repositoryFiles, string? fork = null)
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
                        PullRequests = [new GitHubPullRequestSeed("Add community alpha") { HeadRef = HeadBranch, HeadRepository = fork, Files = files }],
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

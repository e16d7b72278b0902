using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Core.Planning;
using Onboarding.Sandbox;
using Onboarding.Sandbox.GitHub;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Large or destructive changes, end to end through the command line against the sandbox.</summary>
public sealed class GuardTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;
    private const string ManifestsRepository = "example-org/communities";
    private const string DroppedContact = "tech.one@alpha.example.org";

    private static string Alpha => ManifestText.Valid(deal: Deal);

    /// <summary>Alpha without its technical contact: apply would remove the contact's label.</summary>
    private static string AlphaWithoutTechnicalContact => Alpha.Replace(
        "technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal);

    private static string Beta => ManifestText.Valid("beta", Onboarding.Sandbox.HubSpot.HubSpotSeed.ClosedWonDealId, "beta.hubs.example.org");

    [Fact]
    public void Plan_PersonRemoved_SaysApplyNeedsApprovalInTextJsonAndComment()
    {
        // Given a pull request that drops alpha's technical contact, in a repository of five communities
        using var repo = FiveCommunities();
        var baseCommit = repo.Commit("five communities");
        repo.Write("communities/alpha.yaml", AlphaWithoutTechnicalContact).Commit("alpha drops its technical contact");
        var actions = new FakeEnvironment().Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", Path.Combine(repo.Root, "summary.md"));

        // When
        var text = CliRun.InRepository(repo, actions, "plan", "--base", baseCommit);
        var json = CliRun.InRepository(repo, "plan", "--base", baseCommit, "--output", "json");

        // Then
        text.Exit.ShouldBe(0, text.Error);
        text.Out.ShouldContain($"Needs approval: This change removes 1 person ({DroppedContact}) and touches 1 of 5 communities; " +
            "apply will refuse it unless the pull request carries the label 'onboarding:approve-large-change' or apply runs with --allow-large-change.");
        File.ReadAllText(Path.Combine(repo.Root, "summary.md")).ShouldContain("> [!WARNING]\n> **Needs approval.** This change removes 1 person");
        using var plan = JsonDocument.Parse(json.Out);
        var guard = plan.RootElement.GetProperty("guard");
        guard.GetProperty("needsApproval").GetBoolean().ShouldBeTrue();
        guard.GetProperty("removals")[0].GetProperty("what").GetString().ShouldBe(DroppedContact);
        guard.GetProperty("held")[0].GetString().ShouldBe("communities/alpha.yaml");
    }

    [Fact]
    public void Plan_OrdinaryChange_NeedsNoApproval()
    {
        using var repo = FiveCommunities();
        var baseCommit = repo.Commit("five communities");
        repo.Write("communities/alpha.yaml", Alpha.Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal)).Commit("rename");

        var (exit, output, _) = CliRun.InRepository(repo, "plan", "--base", baseCommit);

        exit.ShouldBe(0);
        output.ShouldNotContain("Needs approval");
    }

    [Fact]
    public void Plan_FourOfFiveCommunitiesChanged_SaysTheChangeIsLarge()
    {
        using var repo = FiveCommunities();
        var baseCommit = repo.Commit("five communities");
        foreach (var name in new[] { "alpha", "beta", "gamma", "delta" })
        {
            var path = $"communities/{name}.yaml";
            repo.Write(path, File.ReadAllText(Path.Combine(repo.Root, path)).Replace($"The {name} community", $"The {name} lab", StringComparison.Ordinal));
        }

        repo.Commit("four renames");

        var (_, output, _) = CliRun.InRepository(repo, "plan", "--base", baseCommit);

        output.ShouldContain("Needs approval: This change touches 4 of 5 communities (more than a quarter of them)");
    }

    [Fact]
    public void Apply_ImportOfFourCommunities_IsHeldBackWithoutApproval()
    {
        // Given four new communities: more than a small batch, and all of them
        using var repo = new TempGitRepository();
        foreach (var name in new[] { "gamma", "delta", "epsilon", "zeta" })
            repo.Write($"communities/{name}.yaml", ManifestText.Another(name));
        repo.Commit("four communities");

        var actions = new FakeEnvironment().Set("GITHUB_ACTIONS", "true").Set("GITHUB_STEP_SUMMARY", Path.Combine(repo.Root, "summary.md"));

        // When
        var (exit, output, error) = CliRun.InRepository(repo, actions, "apply", "--sandbox", "--all");

        // Then nothing is made, and the run says how to approve it, in the log, as an annotation and in the summary
        exit.ShouldBe(1);
        output.ShouldContain("::error title=Apply refused a large or destructive change::Refused: this change touches 4 of 4 communities");
        File.ReadAllText(Path.Combine(repo.Root, "summary.md")).ShouldContain("### gamma: held back");
        output.ShouldContain("4 communities were held back for approval.");
        output.ShouldContain("gamma (communities/gamma.yaml): held back: part of a change to more than a quarter of all communities that was not approved");
        output.ShouldNotContain("changes made");
        error.ShouldContain("Refused: this change touches 4 of 4 communities (more than a quarter of them), and this run has no pull request whose label could approve it.");
    }

    [Fact]
    public void Apply_PersonRemovedWithoutApproval_RefusesThatCommunityAppliesTheRestAndFails()
    {
        // Given alpha and beta applied among eight communities, then a push that drops alpha's technical contact and renames beta
        using var repo = AlphaAndBetaAmongEight(out var before);
        PushDroppingTheContact(repo, before);

        // When apply runs for the push, and no pull request can approve it
        var refused = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");

        // Then alpha is held back with a sentence saying what to do, beta is applied, and the run fails
        refused.Exit.ShouldBe(1);
        refused.Out.ShouldContain($"alpha (communities/alpha.yaml): held back: removes person {DroppedContact} without approval");
        refused.Out.ShouldContain("beta (communities/beta.yaml): 2 changes made");
        refused.Out.ShouldContain("1 community was held back for approval.");
        refused.Out.ShouldNotContain("remove association");
        refused.Error.ShouldContain($"Refused: this change removes 1 person ({DroppedContact}) and touches 2 of 8 communities, " +
            "and the pull request's labels could not be read (GITHUB_TOKEN and GITHUB_REPOSITORY must be set).");
        refused.Error.ShouldContain($"Nothing was applied for communities/alpha.yaml (removes 1 person ({DroppedContact})).");
        refused.Error.ShouldContain("add the label 'onboarding:approve-large-change' to the merged pull request and re-run this apply, or run apply with --allow-large-change");
    }

    [Fact]
    public void Apply_NightlyOverEveryManifest_RefusesTheRemovalUntilAllowed()
    {
        // Given alpha and beta imported, then alpha drops a person
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha).Write("communities/beta.yaml", Beta).Commit("alpha and beta");
        var import = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        repo.Write("communities/alpha.yaml", AlphaWithoutTechnicalContact).Commit("alpha drops its technical contact");

        // When the nightly run reconciles every manifest, then someone runs it by hand with the override, then it runs again
        var nightly = CliRun.InRepository(repo, "apply", "--sandbox", "--all");
        var allowed = CliRun.InRepository(repo, "apply", "--sandbox", "--all", "--allow-large-change");
        var next = CliRun.InRepository(repo, "apply", "--sandbox", "--all");

        // Then the nightly run does not slip the removal through; the override makes it; nothing is left after
        import.Exit.ShouldBe(0, import.Error);
        nightly.Exit.ShouldBe(1);
        nightly.Out.ShouldContain("alpha (communities/alpha.yaml): held back: removes person tech.one@alpha.example.org without approval");
        nightly.Out.ShouldContain("beta (communities/beta.yaml): up to date");
        nightly.Error.ShouldContain("this run has no pull request whose label could approve it");
        allowed.Exit.ShouldBe(0, allowed.Error);
        allowed.Out.ShouldContain($"- hubspot remove association {DroppedContact} as Technical Contact of alpha");
        allowed.Out.ShouldContain("it is applied because it was approved with --allow-large-change.");
        next.Exit.ShouldBe(0, next.Error);
        next.Out.ShouldContain("Nothing left to do: 2 communities are up to date.");
    }

    [Fact]
    public void Apply_FlagOnThePush_AppliesTheRemoval()
    {
        using var repo = AlphaAndBetaAmongEight(out var before);
        PushDroppingTheContact(repo, before);

        var (exit, output, error) = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json", "--allow-large-change");

        exit.ShouldBe(0, error);
        output.ShouldContain($"- hubspot remove association {DroppedContact} as Technical Contact of alpha");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Apply_MergedPullRequestLabel_DecidesWhetherTheRemovalIsMade(bool labelled)
    {
        // Given the push's commit is the merge of pull request #1 of the manifests repository, labelled (by the BD
        // team's lead, a maintainer) or not
        var (exit, output, error) = await ApplyMergedAsync(new GitHubPullRequestSeed("Alpha drops its technical contact")
        {
            Labels = labelled ? [ChangeGuard.ApprovalLabel] : ["documentation"],
        });

        // Then
        if (labelled)
        {
            exit.ShouldBe(0, error);
            output.ShouldContain("it is applied because pull request #1 carries the label 'onboarding:approve-large-change', added by bd-lead (maintain).");
            output.ShouldContain($"- hubspot remove association {DroppedContact} as Technical Contact of alpha");
        }
        else
        {
            exit.ShouldBe(1);
            error.ShouldContain("and pull request #1 does not carry the label 'onboarding:approve-large-change'.");
            output.ShouldNotContain("remove association");
        }
    }

    [Fact]
    public async Task Apply_ApprovalLabelAddedByATriager_IsRefusedSayingWhy()
    {
        // Given the label was added by someone who may label but not write (triage)
        var (exit, output, error) = await ApplyMergedAsync(
            new GitHubPullRequestSeed("Alpha drops its technical contact") { Labels = [ChangeGuard.ApprovalLabel], LabelledBy = "triager" },
            [new GitHubCollaboratorSeed("triager", "triage")]);

        // Then
        exit.ShouldBe(1);
        error.ShouldContain("and the label 'onboarding:approve-large-change' on pull request #1 was added by triager, whose permission on the repository is 'triage', not write, maintain or admin.");
        output.ShouldNotContain("remove association");
    }

    [Fact]
    public async Task Apply_ApprovalLabelAddedByThePullRequestsAuthor_IsRefusedEvenForAMaintainer()
    {
        // Given the author, a maintainer, labelled their own pull request
        var (exit, output, error) = await ApplyMergedAsync(
            new GitHubPullRequestSeed("Alpha drops its technical contact") { Author = "bd-lead", Labels = [ChangeGuard.ApprovalLabel], LabelledBy = "bd-lead" });

        // Then
        exit.ShouldBe(1);
        error.ShouldContain("was added by bd-lead, who opened the pull request; someone else with write, maintain or admin permission must add it.");
        output.ShouldNotContain("remove association");
    }

    [Fact]
    public async Task Apply_ApprovalLabelAddedByWhoFiledTheIssueThePullRequestWasMadeFrom_IsRefused()
    {
        // Given bd-lead (a maintainer) filed issue #1, the bot made the pull request from it, and bd-lead labelled it
        var (exit, output, error) = await ApplyMergedAsync(
            new GitHubPullRequestSeed("Alpha drops its technical contact")
            {
                Author = "onboarding-bot",
                HeadRef = "onboarding/issue-1",
                Labels = [ChangeGuard.ApprovalLabel],
                LabelledBy = "bd-lead",
            },
            issues: [new GitHubIssueSeed("New community: Alpha") { Author = "bd-lead" }]);

        // Then the person who asked for the change cannot approve it as the bot's
        exit.ShouldBe(1);
        error.ShouldContain("was added by bd-lead, who filed issue #1 the pull request was made from;");
        output.ShouldNotContain("remove association");
    }

    [Fact]
    public async Task Apply_ApprovalLabelRemovedThenAddedByAnOutsider_IsRefused()
    {
        // Given the maintainer's label was taken off, and put back by someone with no role in the repository
        var (exit, output, error) = await ApplyMergedAsync(new GitHubPullRequestSeed("Alpha drops its technical contact")
        {
            Labels = [ChangeGuard.ApprovalLabel],
            LabelEvents = [new(ChangeGuard.ApprovalLabel, "bd-lead", Added: false), new(ChangeGuard.ApprovalLabel, "mallory")],
        });

        // Then
        exit.ShouldBe(1);
        error.ShouldContain("was added by mallory, whose permission on the repository is 'read', not write, maintain or admin.");
        output.ShouldNotContain("remove association");
    }

    /// <summary>
    /// Applies the push that drops alpha's technical contact (a destructive change), whose commit is the merge of
    /// <paramref name="pull"/> in the manifests repository, with the workflow's token reading its labels.
    /// </summary>
    private static async Task<(int Exit, string Output, string Error)> ApplyMergedAsync(
        GitHubPullRequestSeed pull, IReadOnlyList<GitHubCollaboratorSeed>? collaborators = null, IReadOnlyList<GitHubIssueSeed>? issues = null)
    {
        using var repo = AlphaAndBetaAmongEight(out var before);
        var after = PushDroppingTheContact(repo, before);
        var (owner, name) = (ManifestsRepository.Split('/')[0], ManifestsRepository.Split('/')[1]);
        var repository = new GitHubRepositorySeed
        {
            Owner = owner,
            Name = name,
            Issues = issues ?? [],
            PullRequests = [pull with { Merged = true, MergeCommitSha = after }],
        };
        if (collaborators is not null)
            repository = repository with { Collaborators = [.. repository.Collaborators, .. collaborators] };
        await using var harness = await ApplyHarness.StartAsync(new SandboxOptions { GitHub = new GitHubSeed { Repositories = [repository] } });
        var github = harness.Sandbox;
        var workflow = new FakeEnvironment()
            .Set("GITHUB_API_URL", github.GitHub.BaseAddress.ToString())
            .Set("GITHUB_REPOSITORY", ManifestsRepository)
            .Set("GITHUB_TOKEN", github.Options.GitHub.Tokens[0].Token);
        return CliRun.InRepository(repo, workflow, harness.Clock, "apply", "--sandbox", "--event", "event.json");
    }

    private static TempGitRepository FiveCommunities()
    {
        var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", Alpha).Write("communities/beta.yaml", Beta);
        foreach (var other in new[] { "gamma", "delta", "epsilon" })
            repo.Write($"communities/{other}.yaml", ManifestText.Another(other));
        return repo;
    }

    /// <summary>
    /// Six communities committed (never applied), then alpha and beta added and applied for that push. Returns the
    /// repository at that commit.
    /// </summary>
    private static TempGitRepository AlphaAndBetaAmongEight(out string commit)
    {
        var repo = new TempGitRepository();
        foreach (var other in new[] { "gamma", "delta", "epsilon", "zeta", "eta", "theta" })
            repo.Write($"communities/{other}.yaml", ManifestText.Another(other));
        var start = repo.Commit("six communities");
        repo.Write("communities/alpha.yaml", Alpha).Write("communities/beta.yaml", Beta);
        commit = repo.Commit("alpha and beta");
        WritePushEvent(repo, start, commit);
        var first = CliRun.InRepository(repo, "apply", "--sandbox", "--event", "event.json");
        first.Exit.ShouldBe(0, first.Out + first.Error);
        first.Out.ShouldContain("Applied 24 changes in 2 communities.");
        return repo;
    }

    /// <summary>Commits alpha without its technical contact and beta renamed, and writes the push event; returns the new commit.</summary>
    private static string PushDroppingTheContact(TempGitRepository repo, string before)
    {
        repo.Write("communities/alpha.yaml", AlphaWithoutTechnicalContact)
            .Write("communities/beta.yaml", Beta.Replace("The beta community", "The Beta Lab", StringComparison.Ordinal));
        var after = repo.Commit("alpha drops its technical contact, beta renamed");
        WritePushEvent(repo, before, after);
        return after;
    }

    private static void WritePushEvent(TempGitRepository repo, string before, string after)
    {
        var push = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "push.with-new-branch.payload.json")))!;
        push["before"] = before;
        push["after"] = after;
        repo.Write("event.json", push.ToJsonString());
    }
}

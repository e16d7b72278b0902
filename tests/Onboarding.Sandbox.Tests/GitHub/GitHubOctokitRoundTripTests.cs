using System.Text;
using Octokit;
using Onboarding.Sandbox.GitHub;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>Octokit's own models read what the emulator sends, without losing the fields onboarding relies on.</summary>
public sealed class GitHubOctokitRoundTripTests
{
    private const string Owner = "example-org";
    private const string Name = "infrastructure";

    private static GitHubSeed Seed() => new()
    {
        Repositories =
        [
            new GitHubRepositorySeed
            {
                Issues = [new GitHubIssueSeed("Existing", "body") { Labels = ["new-hub"], Comments = ["one", "two"] }],
                PullRequests =
                [
                    new GitHubPullRequestSeed("Add alpha", "Adds the alpha community")
                    {
                        Merged = true,
                        HeadRef = "add-alpha",
                        Files =
                        [
                            new GitHubPullFileSeed("communities/alpha.yaml", "added", 10, 0, "@@ -0,0 +1,10 @@"),
                            new GitHubPullFileSeed("communities/beta.yaml", "renamed", 0, 0, PreviousFilename: "communities/b.yaml"),
                        ],
                    },
                ],
                Files = [new GitHubFileSeed("communities/alpha.yaml", "name: alpha\n")],
            },
        ],
    };

    [Fact]
    public async Task IssueCreate_ThroughOctokit_FieldsComeBackInOctokitsModel()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var github = sandbox.Octokit();
        var request = new NewIssue("[New Hub] [Phase 2] Cluster Setup - alpha") { Body = "<!-- onboarding:alpha -->" };
        request.Labels.Add("phase-2");
        request.Labels.Add("new-hub");

        // When
        var created = await github.Issue.Create(Owner, Name, request);
        var read = await github.Issue.Get(Owner, Name, created.Number);

        // Then
        read.Number.ShouldBe(3);
        read.Title.ShouldBe("[New Hub] [Phase 2] Cluster Setup - alpha");
        read.Body.ShouldBe("<!-- onboarding:alpha -->");
        read.HtmlUrl.ShouldBe($"{sandbox.Host.BaseAddress}example-org/infrastructure/issues/3");
        read.Labels.Select(l => l.Name).ShouldBe(["phase-2", "new-hub"]);
        read.Labels[0].Color.ShouldBe("d4c5f9");
        read.User.Login.ShouldBe("onboarding-bot");
        read.State.Value.ShouldBe(ItemState.Open);
        read.Comments.ShouldBe(0);
        read.PullRequest.ShouldBeNull();
        read.CreatedAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        read.Repository.ShouldBeNull();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task IssueList_ThroughOctokit_SeesCommentsCountAndPullRequests()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var github = sandbox.Octokit();

        // When
        var issues = await github.Issue.GetAllForRepository(Owner, Name, new RepositoryIssueRequest { State = ItemStateFilter.All });

        // Then
        issues.Count.ShouldBe(2);
        issues.Single(i => i.Number == 1).Comments.ShouldBe(2);
        issues.Single(i => i.Number == 2).PullRequest.ShouldNotBeNull();
        issues.Single(i => i.Number == 2).State.Value.ShouldBe(ItemState.Closed);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task IssueUpdate_ThroughOctokit_ClosesWithReasonAndReplacesLabels()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var github = sandbox.Octokit();
        var update = new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.NotPlanned, Body = "closed" };
        update.AddLabel("phase-3");

        // When
        var updated = await github.Issue.Update(Owner, Name, 1, update);

        // Then
        updated.State.Value.ShouldBe(ItemState.Closed);
        updated.StateReason!.Value.Value.ShouldBe(ItemStateReason.NotPlanned);
        updated.ClosedAt.ShouldNotBeNull();
        updated.ClosedBy!.Login.ShouldBe("onboarding-bot");
        updated.Labels.Select(l => l.Name).ShouldBe(["phase-3"]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Comments_ThroughOctokit_RoundTrip()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var github = sandbox.Octokit();

        // When
        var created = await github.Issue.Comment.Create(Owner, Name, 2, "<!-- plan --> the plan");
        var updated = await github.Issue.Comment.Update(Owner, Name, created.Id, "<!-- plan --> new plan");
        var read = await github.Issue.Comment.Get(Owner, Name, created.Id);
        var all = await github.Issue.Comment.GetAllForIssue(Owner, Name, 2);

        // Then
        read.Body.ShouldBe("<!-- plan --> new plan");
        read.User.Login.ShouldBe("onboarding-bot");
        read.HtmlUrl.ShouldEndWith($"/pull/2#issuecomment-{created.Id}");
        read.AuthorAssociation.Value.ShouldBe(AuthorAssociation.Member);
        updated.UpdatedAt.ShouldNotBeNull();
        all.Select(c => c.Id).ShouldBe([created.Id]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Labels_ThroughOctokit_ListCreateAndAddToIssue()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var github = sandbox.Octokit();

        // When
        var before = await github.Issue.Labels.GetAllForRepository(Owner, Name);
        var created = await github.Issue.Labels.Create(Owner, Name, new NewLabel("not-ready", "b60205") { Description = "Missing information" });
        var onIssue = await github.Issue.Labels.AddToIssue(Owner, Name, 1, ["not-ready"]);
        var one = await github.Issue.Labels.Get(Owner, Name, "not-ready");

        // Then
        before.Select(l => l.Name).ShouldContain("onboarding");
        created.Description.ShouldBe("Missing information");
        onIssue.Select(l => l.Name).ShouldBe(["new-hub", "not-ready"]);
        one.Id.ShouldBe(created.Id);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Search_ThroughOctokit_FindsAMarkerInBodies()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed() with { SearchIndexLag = TimeSpan.Zero });
        var github = sandbox.Octokit();
        await github.Issue.Create(Owner, Name, new NewIssue("Marked") { Body = "x <!-- onboarding:alpha/hub-1/phase-3 --> y" });
        var request = new SearchIssuesRequest("\"onboarding:alpha/hub-1/phase-3\"") { Type = IssueTypeQualifier.Issue, In = [IssueInQualifier.Body] };
        request.Repos.Add(Owner, Name);

        // When
        var result = await github.Search.SearchIssues(request);

        // Then
        result.TotalCount.ShouldBe(1);
        result.IncompleteResults.ShouldBeFalse();
        result.Items.Single().Title.ShouldBe("Marked");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task PullRequest_ThroughOctokit_HeadMergeStateAndFiles()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var github = sandbox.Octokit();

        // When
        var pull = await github.PullRequest.Get(Owner, Name, 2);
        var files = await github.PullRequest.Files(Owner, Name, 2);

        // Then
        pull.Merged.ShouldBeTrue();
        pull.MergedAt.ShouldNotBeNull();
        pull.Head.Ref.ShouldBe("add-alpha");
        pull.Base.Ref.ShouldBe("main");
        pull.Base.Repository.FullName.ShouldBe("example-org/infrastructure");
        pull.ChangedFiles.ShouldBe(2);
        files.Select(f => (f.FileName, f.Status, f.Additions)).ShouldBe([("communities/alpha.yaml", "added", 10), ("communities/beta.yaml", "renamed", 0)]);
        files[1].PreviousFileName.ShouldBe("communities/b.yaml");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Contents_ThroughOctokit_ReadDecodedAndWriteFiles()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed());
        var github = sandbox.Octokit();

        // When
        var existing = (await github.Repository.Content.GetAllContents(Owner, Name, "communities/alpha.yaml")).Single();
        var created = await github.Repository.Content.CreateFile(Owner, Name, "communities/beta.yaml", new CreateFileRequest("Add beta", "name: beta\n"));
        var changed = await github.Repository.Content.UpdateFile(Owner, Name, "communities/beta.yaml", new UpdateFileRequest("Change beta", "name: beta2\n", created.Content.Sha));
        var listing = await github.Repository.Content.GetAllContents(Owner, Name, "communities");
        var raw = (await github.Repository.Content.GetAllContents(Owner, Name, "communities/beta.yaml")).Single();

        // Then
        existing.Content.ShouldBe("name: alpha\n");
        existing.Type.Value.ShouldBe(ContentType.File);
        changed.Commit.Message.ShouldBe("Change beta");
        listing.Select(c => c.Name).ShouldBe(["alpha.yaml", "beta.yaml"]);
        raw.Content.ShouldBe("name: beta2\n");
        Encoding.UTF8.GetByteCount(raw.Content).ShouldBe(raw.Size);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Errors_ThroughOctokit_BecomeOctokitsTypedExceptions()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(Seed() with { RateLimit = 2 });

        // When
        var unauthorized = await Should.ThrowAsync<AuthorizationException>(() => sandbox.Octokit("ghp_wrong").Issue.Get(Owner, Name, 1));
        var github = sandbox.Octokit();
        var notFound = await Should.ThrowAsync<NotFoundException>(() => github.Issue.Get(Owner, Name, 404));
        var invalid = await Should.ThrowAsync<ApiValidationException>(() => github.Issue.Labels.Create(Owner, Name, new NewLabel("new-hub", "ffffff")));
        var limited = await Should.ThrowAsync<RateLimitExceededException>(() => github.Issue.Get(Owner, Name, 1));

        // Then
        unauthorized.Message.ShouldBe("Bad credentials");
        notFound.Message.ShouldBe("Not Found");
        invalid.ApiError.Errors.Single().Code.ShouldBe("already_exists");
        limited.Remaining.ShouldBe(0);
        limited.Limit.ShouldBe(2);
        sandbox.ShouldAllMatchTheContract();
    }
}

using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Services.GitHub;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>The project's GitHub client against the emulator over real HTTP: paging, search lag, errors as sentences, faults.</summary>
public sealed class GitHubClientTests
{
    private const string IssuesPath = "^/api/v3/repos/example-org/infrastructure/issues$";

    private static GitHubSeed ManyIssues(int count) => new()
    {
        Repositories =
        [
            new GitHubRepositorySeed
            {
                Issues =
                [
                    .. Enumerable.Range(1, count).Select(n => new GitHubIssueSeed($"Turnup {n}", $"<!-- onboarding:c{n} -->")
                    {
                        Labels = ["onboarding"],
                        State = n % 10 == 0 ? "closed" : "open",
                    }),
                    new GitHubIssueSeed("Unrelated", "no label"),
                ],
                // Opened (and commented on) by the token's own account, as a pull request made from an issue form is.
                PullRequests = [new GitHubPullRequestSeed("Labelled pull request") { Author = "onboarding-bot", Labels = ["onboarding"], Comments = ["<!-- plan:alpha --> Plan"] }],
            },
        ],
    };

    [Fact]
    public async Task ListIssuesByLabel_MoreThanOnePage_FollowsLinksAndSkipsPullRequests()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(130), time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var issues = await client.ListIssuesByLabelAsync("onboarding");

        // Then
        issues.Count.ShouldBe(130);
        issues.Select(i => i.Number).ShouldBe(Enumerable.Range(1, 130));
        issues.Count(i => i.State == "closed").ShouldBe(13);
        issues[0].HtmlUrl.ShouldBe(new Uri(sandbox.Host.BaseAddress, "example-org/infrastructure/issues/1"));
        var pages = sandbox.Journal.Entries.Where(e => e.Path.EndsWith("/issues", StringComparison.Ordinal)).ToList();
        pages.Count.ShouldBe(2);
        pages[1].Query.ShouldContain("page=2");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task ListRepositoryComments_CommentsOnSeveralIssues_AllOfThemOldestFirstWithTheirIssue()
    {
        // Given 130 comments, on three issues in turn (more than a page of 100)
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(3), time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        for (var i = 0; i < 130; i++)
            await client.CreateCommentAsync(1 + (i % 3), $"comment {i}");

        // When the repository's comments are listed at once
        var comments = await client.ListRepositoryCommentsAsync();

        // Then every one of them came, in the order they were written, each with its issue, in two requests
        comments.Where(c => c.Body.StartsWith("comment ", StringComparison.Ordinal)).Select(c => (c.IssueNumber, c.Body))
            .ShouldBe(Enumerable.Range(0, 130).Select(i => (1 + (i % 3), $"comment {i}")));
        sandbox.Journal.Entries.Count(e => e.Path.EndsWith("/issues/comments", StringComparison.Ordinal)).ShouldBe(2);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task SearchIssuesByMarker_BeforeAndAfterTheIndexLag_FindsOnlyAfter()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(new GitHubSeed { SearchIndexLag = TimeSpan.FromSeconds(20) }, clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        const string marker = "onboarding: community=alpha & hub=staging #1";
        var created = await client.CreateIssueAsync(new NewIssue("Turnup", $"<!-- {marker} -->", ["phase-1"]));

        // When
        var before = await client.SearchIssuesByMarkerAsync(marker);
        var direct = await client.FindIssuesByMarkerAsync(marker, "phase-1");
        clock.Advance(TimeSpan.FromSeconds(21));
        var after = await client.SearchIssuesByMarkerAsync(marker);

        // Then
        before.ShouldBeEmpty();
        direct.Select(i => i.Number).ShouldBe([created.Number]);
        after.Select(i => i.Number).ShouldBe([created.Number]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task SearchIssuesByMarker_SimilarMarker_IsNotReturned()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(new GitHubSeed { SearchIndexLag = TimeSpan.Zero }, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        await client.CreateIssueAsync(new NewIssue("Alpha", "<!-- onboarding:alpha/phase-10 -->", []));
        var wanted = await client.CreateIssueAsync(new NewIssue("Alpha", "<!-- onboarding:alpha/phase-1 -->", []));

        // When
        var found = await client.SearchIssuesByMarkerAsync("<!-- onboarding:alpha/phase-1 -->");

        // Then
        found.Select(i => i.Number).ShouldBe([wanted.Number]);
    }

    [Fact]
    public async Task CreateAndUpdateIssue_ChangesOnlyWhatIsAsked()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        var created = await client.CreateIssueAsync(new NewIssue("[New Hub] [Phase 3] Hub Setup - alpha", "NOT READY", ["new-hub", "phase-3"]));

        // When
        var retitled = await client.UpdateIssueAsync(created.Number, new IssueChange(Body: "READY"));
        var closed = await client.UpdateIssueAsync(created.Number, new IssueChange(State: IssueState.Closed, Labels: ["new-hub"]));
        var read = await client.GetIssueAsync(created.Number);

        // Then
        created.Number.ShouldBe(1);
        created.HtmlUrl.ShouldBe(new Uri(sandbox.Host.BaseAddress, "example-org/infrastructure/issues/1"));
        created.Labels.ShouldBe(["new-hub", "phase-3"]);
        retitled.Title.ShouldBe("[New Hub] [Phase 3] Hub Setup - alpha");
        retitled.Body.ShouldBe("READY");
        closed.State.ShouldBe("closed");
        read.ShouldBe(closed with { Labels = read.Labels, Assignees = read.Assignees });
        read.Labels.ShouldBe(["new-hub"]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Comments_CreateFindAndUpdateOnAPullRequest()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(1), time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When: #1 is an issue, #2 an unlabelled issue, #3 the pull request
        var existing = await client.FindCommentByMarkerAsync(3, "<!-- plan:alpha -->");
        var updated = await client.UpdateCommentAsync(existing!.Id, "<!-- plan:alpha --> New plan");
        var added = await client.CreateCommentAsync(3, "<!-- plan:beta --> Other");
        var all = await client.ListCommentsAsync(3);
        var none = await client.FindCommentByMarkerAsync(3, "<!-- plan:gamma -->");

        // Then
        updated.IssueNumber.ShouldBe(3);
        updated.Body.ShouldBe("<!-- plan:alpha --> New plan");
        added.Author.ShouldBe("onboarding-bot");
        all.Select(c => c.Id).ShouldBe([existing.Id, added.Id]);
        none.ShouldBeNull();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task BadToken_ThrowsAPlainSentenceWithoutTheToken()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(token: "ghp_secretButWrong", time: clock.Time);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ListIssuesByLabelAsync("onboarding"));

        // Then
        error.Message.ShouldBe("Could not list the issues labelled 'onboarding' in example-org/infrastructure: GitHub did not accept the token (Bad credentials); check that it is current.");
        error.Status.ShouldBe(401);
        error.Service.ShouldBe("github");
        error.ToString().ShouldNotContain("ghp_secretButWrong");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task CreateIssue_WithoutTitle_ThrowsTheValidationSentence()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateIssueAsync(new NewIssue(" ", "body", [])));

        // Then
        error.Message.ShouldBe("Could not open the issue ' ' in example-org/infrastructure: GitHub rejected it: Validation Failed (Issue title is missing field).");
        error.Status.ShouldBe(422);
        sandbox.Journal.StateChanges.ShouldBeEmpty();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Anonymous_ReadsAPublicRepository_ButCannotWrite()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(2), time: clock.EmulatorTime);
        var client = sandbox.Client(token: null, time: clock.Time);

        // When
        var issues = await client.ListIssuesByLabelAsync("onboarding");
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateCommentAsync(1, "hi"));

        // Then
        issues.Count.ShouldBe(2);
        error.Message.ShouldBe("Could not comment on #1 in example-org/infrastructure: GitHub requires a token for this (Requires authentication).");
        sandbox.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownRepository_ThrowsANotFoundSentence()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(repository: "infra-typo", time: clock.Time);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.GetIssueAsync(1));

        // Then
        error.Message.ShouldBe("Could not read issue #1 in example-org/infra-typo: GitHub found no such thing (Not Found); check that example-org/infra-typo exists and the token can see it.");
        error.Status.ShouldBe(404);
    }

    [Fact]
    public async Task Get_ServiceUnavailableOnce_IsRetriedAndSucceeds()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.ServiceUnavailable, "GET", IssuesPath));
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(3), faults: faults, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var issues = await client.ListIssuesByLabelAsync("onboarding");

        // Then
        issues.Count.ShouldBe(3);
        sandbox.Journal.Entries.Select(e => e.Status).ShouldBe([503, 200]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Create_RateLimitedOnce_IsRetriedAfterRetryAfterAndCreatesOneIssue()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.RateLimited, "POST", IssuesPath, RetryAfterSeconds: 1));
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var created = await client.CreateIssueAsync(new NewIssue("Turnup", "<!-- m -->", []));

        // Then
        created.Number.ShouldBe(1);
        sandbox.Journal.Entries.Select(e => e.Status).ShouldBe([429, 201]);
        sandbox.Store.Read(s => s.Repositories[0].Issues.Count).ShouldBe(1);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Create_FailsAfterCommit_IsNotRetried_AndTheIssueCanBeFoundByMarker()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.FailAfterCommit, "POST", IssuesPath));
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateIssueAsync(new NewIssue("Turnup", "<!-- onboarding:alpha/phase-1 -->", ["phase-1"])));
        var found = await client.FindIssuesByMarkerAsync("<!-- onboarding:alpha/phase-1 -->", "phase-1");

        // Then
        error.Status.ShouldBe(500);
        error.Message.ShouldContain("The change may have been made anyway");
        sandbox.Journal.Entries.Count(e => e.Method == "POST" && e.Path != GitHubEmulator.GraphQLPath).ShouldBe(1);
        found.Count.ShouldBe(1);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Update_ServerErrorOnce_IsRetriedBecauseThePatchSetsAbsoluteValues()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.BadGateway, "PATCH"));
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(1), faults: faults, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var updated = await client.UpdateIssueAsync(1, new IssueChange(Body: "READY"));

        // Then
        updated.Body.ShouldBe("READY");
        sandbox.Journal.Entries.Where(e => e.Method == "PATCH").Select(e => e.Status).ShouldBe([502, 200]);
    }

    [Fact]
    public async Task PrimaryRateLimit_ShortReset_IsWaitedOutAndSucceeds()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(1) with { RateLimit = 1, RateLimitWindow = TimeSpan.FromSeconds(1) }, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        await client.GetIssueAsync(1);

        // When
        var again = await client.GetIssueAsync(1);

        // Then
        again.Number.ShouldBe(1);
        sandbox.Journal.Entries.Select(e => e.Status).ShouldContain(403);
        sandbox.Journal.Entries[^1].Status.ShouldBe(200);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task PrimaryRateLimit_LongReset_ThrowsARateLimitSentence()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(ManyIssues(1) with { RateLimit = 1 }, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        await client.GetIssueAsync(1);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.GetIssueAsync(1));

        // Then
        error.Message.ShouldStartWith("Could not read issue #1 in example-org/infrastructure: GitHub's API rate limit for this token is used up (1 requests); it resets at ");
        error.Status.ShouldBe(403);
        sandbox.Journal.Entries.Count.ShouldBe(2);
    }

    [Fact]
    public void ApiAddress_GitHubAndEnterpriseHosts_FollowOctokitsRule()
    {
        // Then
        Onboarding.Services.GitHub.GitHubClient.ApiAddress(new Uri("https://github.com")).ShouldBe(new Uri("https://api.github.com/"));
        Onboarding.Services.GitHub.GitHubClient.ApiAddress(new Uri("http://127.0.0.1:5000/")).ShouldBe(new Uri("http://127.0.0.1:5000/api/v3/"));
        Onboarding.Services.GitHub.GitHubClient.ApiAddress(new Uri("https://ghe.example.org/api/v3")).ShouldBe(new Uri("https://ghe.example.org/api/v3/"));
    }

    [Fact]
    public async Task FindMergedPullRequest_ByMergeCommit_ReturnsItsLabelsOrNull()
    {
        // Given two merged pull requests, one labelled
        var seed = new GitHubSeed
        {
            Repositories =
            [
                new GitHubRepositorySeed
                {
                    PullRequests =
                    [
                        new GitHubPullRequestSeed("Drop a contact") { Merged = true, MergeCommitSha = "1111111111111111111111111111111111111111", Labels = ["onboarding:approve-large-change"] },
                        new GitHubPullRequestSeed("Rename") { Merged = true, MergeCommitSha = "2222222222222222222222222222222222222222" },
                    ],
                },
            ],
        };
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(seed, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var labelled = await client.FindMergedPullRequestAsync("1111111111111111111111111111111111111111");
        var plain = await client.FindMergedPullRequestAsync("2222222222222222222222222222222222222222");
        var unknown = await client.FindMergedPullRequestAsync("3333333333333333333333333333333333333333");

        // Then
        labelled.ShouldNotBeNull().Number.ShouldBe(1);
        labelled.Labels.ShouldBe(["onboarding:approve-large-change"]);
        plain.ShouldNotBeNull().Labels.ShouldBeEmpty();
        unknown.ShouldBeNull();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task CreateIssue_TokenWithoutPushAccess_StopsWithASentenceNamingThePermission()
    {
        // Given a token whose account may open issues but has no push access (GitHub then drops labels silently)
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(GitHubSeed.NoPushToken, time: clock.Time);

        // When a labelled issue is opened
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateIssueAsync(new NewIssue("[New Hub] alpha", "body", ["new-hub", "community:alpha"])));

        // Then GitHub answered 201 without the labels, and the sentence names the issue and the missing permission
        sandbox.Journal.Entries.Single(e => e.Method == "POST").Status.ShouldBe(201);
        error.Message.ShouldContain("opened issue #1");
        error.Message.ShouldContain("'new-hub', 'community:alpha'");
        error.Message.ShouldContain("no push (write) access to example-org/infrastructure");
        (await sandbox.Client(time: clock.Time).GetIssueAsync(1)).Labels.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateIssueLabels_TokenWithoutPushAccess_StopsInsteadOfLosingThem()
    {
        // Given an issue, and a token without push access
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var issue = await sandbox.Client(time: clock.Time).CreateIssueAsync(new NewIssue("[New Hub] alpha", "body", ["new-hub"]));
        var client = sandbox.Client(GitHubSeed.NoPushToken, time: clock.Time);

        // When it adds a label
        var error = await Should.ThrowAsync<ServiceException>(() => client.UpdateIssueAsync(issue.Number, new IssueChange(Labels: ["new-hub", "community:alpha"])));

        // Then the PATCH was answered 200 and yet the label is missing: stopped, saying why
        error.Message.ShouldContain("'community:alpha'");
        error.Message.ShouldContain("push (write) access");
        (await client.GetIssueAsync(issue.Number)).Labels.ShouldBe(["new-hub"]);
    }

    [Fact]
    public async Task CreateIssuesAndComments_MoreThanTheHourAllows_ArePacedAndNoneIsRefused()
    {
        // Given a GitHub allowing 4 content-creating requests a minute and 10 an hour, and a client paced to the same
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(new GitHubSeed { ContentCreationPerMinute = 4, ContentCreationPerHour = 10 }, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time, contentLimits: new ContentCreationLimits(4, 10));

        // When it opens eight issues and comments on each (sixteen creations), reading between them
        for (var i = 1; i <= 8; i++)
        {
            var issue = await client.CreateIssueAsync(new NewIssue($"Turnup {i}", "body", ["new-hub"]));
            await client.CreateCommentAsync(issue.Number, $"comment {i}");
            await client.ListCommentsAsync(issue.Number);
        }

        // Then every creation succeeded: the client waited past the hour instead of running into the limit
        sandbox.Journal.Entries.Where(e => e.Method == "POST").ShouldAllBe(e => e.Status == 201);
        sandbox.Journal.Entries.Count(e => e.Method == "POST").ShouldBe(16);
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromHours(1));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromHours(2));
        sandbox.ShouldAllMatchTheContract();
    }
}

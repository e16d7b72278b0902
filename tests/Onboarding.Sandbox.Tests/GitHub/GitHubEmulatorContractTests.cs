using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>Each endpoint over real HTTP, success and error, checked against GitHub's OpenAPI description and GitHub's headers.</summary>
public sealed class GitHubEmulatorContractTests
{
    private const string Repo = "repos/example-org/infrastructure";

    private static GitHubSeed SeedWithWork() => new()
    {
        Repositories =
        [
            new GitHubRepositorySeed
            {
                Issues =
                [
                    new GitHubIssueSeed("[New Hub] Sync chat to refine phases - alpha", "<!-- onboarding:alpha/phase-0 -->\nSync")
                    {
                        Labels = ["new-hub", "phase-0"],
                        Comments = ["First comment"],
                    },
                    new GitHubIssueSeed("Old turnup", "done") { Labels = ["new-hub"], State = "closed" },
                ],
                PullRequests =
                [
                    new GitHubPullRequestSeed("Add community alpha", "Adds alpha")
                    {
                        Files = [new GitHubPullFileSeed("communities/alpha.yaml", "added", 12, 0, "@@ -0,0 +1,12 @@")],
                        Merged = true,
                    },
                ],
                Files =
                [
                    new GitHubFileSeed("communities/alpha.yaml", "name: alpha\n"),
                    new GitHubFileSeed("README.md", "# Infrastructure\n"),
                ],
            },
        ],
    };

    [Fact]
    public async Task ListIssues_SeededRepository_AnswersJsonWithGitHubHeadersAndIssueSchema()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        using var response = await http.GetAsync($"{Repo}/issues?state=all");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        response.Headers.GetValues("X-RateLimit-Limit").Single().ShouldBe("5000");
        response.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("4999");
        response.Headers.GetValues("X-RateLimit-Used").Single().ShouldBe("1");
        response.Headers.GetValues("X-RateLimit-Resource").Single().ShouldBe("core");
        long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        response.Headers.GetValues("X-GitHub-Request-Id").Single().ShouldNotBeNullOrWhiteSpace();
        var issues = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        issues.Count.ShouldBe(3);
        issues.Select(i => (string)i!["state"]!).ShouldContain("closed");
        issues.Single(i => i!["pull_request"] is not null)!["number"]!.GetValue<int>().ShouldBe(3);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task ListIssues_LabelsAndStateFilters_ReturnOnlyIssuesWithAllLabels()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        var open = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/issues?labels=new-hub,phase-0"))!;
        var all = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/issues?labels=new-hub&state=all&direction=asc"))!;
        var closed = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/issues?state=closed&labels=NEW-HUB"))!;

        // Then
        open.Select(i => (int)i!["number"]!).ShouldBe([1]);
        all.Select(i => (int)i!["number"]!).ShouldBe([1, 2]);
        closed.Select(i => (int)i!["number"]!).ShouldBe([2]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task ListIssues_MoreThanOnePage_LinkHeaderHasAbsoluteUrlsOnTheEmulatorsAddress()
    {
        // Given
        var seed = new GitHubSeed
        {
            Repositories = [new GitHubRepositorySeed { Issues = [.. Enumerable.Range(1, 7).Select(n => new GitHubIssueSeed($"Issue {n}") { Labels = ["onboarding"] })] }],
        };
        await using var sandbox = await GitHubHarness.StartAsync(seed);
        var http = sandbox.Raw();

        // When
        using var first = await http.GetAsync($"{Repo}/issues?labels=onboarding&per_page=3");
        using var middle = await http.GetAsync($"{Repo}/issues?labels=onboarding&per_page=3&page=2");
        using var last = await http.GetAsync($"{Repo}/issues?labels=onboarding&per_page=3&page=3");

        // Then
        var root = $"{sandbox.Host.BaseAddress}api/v3/{Repo}/issues?labels=onboarding&per_page=3";
        first.Headers.GetValues("Link").Single().ShouldBe($"<{root}&page=2>; rel=\"next\", <{root}&page=3>; rel=\"last\"");
        middle.Headers.GetValues("Link").Single().ShouldBe(
            $"<{root}&page=1>; rel=\"prev\", <{root}&page=3>; rel=\"next\", <{root}&page=3>; rel=\"last\", <{root}&page=1>; rel=\"first\"");
        last.Headers.GetValues("Link").Single().ShouldBe($"<{root}&page=2>; rel=\"prev\", <{root}&page=1>; rel=\"first\"");
        (await last.Content.ReadFromJsonAsync<JsonArray>())!.Count.ShouldBe(1);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task CreateIssue_WithUnknownLabel_Answers201WithLocationAndCreatesTheLabel()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();
        var http = sandbox.Raw();

        // When
        using var response = await http.PostAsJsonAsync($"{Repo}/issues", new { title = "[New Hub] [Phase 1] Cloud Account Setup - alpha", body = "<!-- m -->", labels = new[] { "phase-1", "community:alpha" } });

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var issue = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        response.Headers.Location!.ToString().ShouldBe($"{sandbox.Host.BaseAddress}api/v3/{Repo}/issues/1");
        issue["html_url"]!.GetValue<string>().ShouldBe($"{sandbox.Host.BaseAddress}example-org/infrastructure/issues/1");
        issue["labels"]!.AsArray().Select(l => (string)l!["name"]!).ShouldBe(["phase-1", "community:alpha"]);
        issue["user"]!["login"]!.GetValue<string>().ShouldBe("onboarding-bot");
        using var label = await http.GetAsync($"{Repo}/labels/{Uri.EscapeDataString("community:alpha")}");
        label.StatusCode.ShouldBe(HttpStatusCode.OK);
        sandbox.Journal.StateChanges.Count.ShouldBe(1);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task CreateIssue_WithoutTitle_Answers422MissingField()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();
        var http = sandbox.Raw();

        // When
        using var response = await http.PostAsJsonAsync($"{Repo}/issues", new { body = "no title" });

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        error["message"]!.GetValue<string>().ShouldBe("Validation Failed");
        var detail = error["errors"]!.AsArray().Single()!;
        ((string)detail["resource"]!, (string)detail["field"]!, (string)detail["code"]!).ShouldBe(("Issue", "title", "missing_field"));
        error["documentation_url"]!.GetValue<string>().ShouldBe("https://docs.github.com/rest/issues/issues#create-an-issue");
        sandbox.Journal.StateChanges.ShouldBeEmpty();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task CreateIssue_BodyTooLongOrMalformedJson_AnswersGitHubsErrors()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();
        var http = sandbox.Raw();

        // When
        using var tooLong = await http.PostAsJsonAsync($"{Repo}/issues", new { title = "t", body = new string('x', GitHubStore.MaxBodyLength + 1) });
        using var malformed = await http.PostAsync($"{Repo}/issues", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));

        // Then
        tooLong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("body is too long (maximum is 65536 characters)");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>().ShouldBe("Problems parsing JSON");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task GetIssue_UnknownNumberOrRepository_Answers404NotFound()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();
        var http = sandbox.Raw();

        // When
        using var issue = await http.GetAsync($"{Repo}/issues/99");
        using var repo = await http.GetAsync("repos/example-org/nope/issues");

        // Then
        issue.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var error = (await issue.Content.ReadFromJsonAsync<JsonObject>())!;
        error["message"]!.GetValue<string>().ShouldBe("Not Found");
        error["documentation_url"]!.GetValue<string>().ShouldBe("https://docs.github.com/rest/issues/issues#get-an-issue");
        repo.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task UpdateIssue_Close_SetsStateReasonAndClosedAt_AndRepeatingItChangesNothing()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();
        var change = new { state = "closed", state_reason = "not_planned", body = "new body", labels = new[] { "phase-0" } };

        // When
        using var first = await http.PatchAsJsonAsync($"{Repo}/issues/1", change);
        using var again = await http.PatchAsJsonAsync($"{Repo}/issues/1", change);

        // Then
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var issue = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        issue["state"]!.GetValue<string>().ShouldBe("closed");
        issue["state_reason"]!.GetValue<string>().ShouldBe("not_planned");
        issue["closed_at"].ShouldNotBeNull();
        issue["closed_by"]!["login"]!.GetValue<string>().ShouldBe("onboarding-bot");
        issue["body"]!.GetValue<string>().ShouldBe("new body");
        issue["labels"]!.AsArray().Select(l => (string)l!["name"]!).ShouldBe(["phase-0"]);
        sandbox.Journal.StateChanges.Count.ShouldBe(1);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task UpdateIssue_InvalidState_Answers422()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        using var response = await http.PatchAsJsonAsync($"{Repo}/issues/1", new { state = "resolved" });

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"field\":\"state\"");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Comments_CreateListGetUpdate_FollowGitHubsShapes()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        using var created = await http.PostAsJsonAsync($"{Repo}/issues/1/comments", new { body = "<!-- plan --> hello" });
        var comment = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = comment["id"]!.GetValue<long>();
        using var updated = await http.PatchAsJsonAsync($"{Repo}/issues/comments/{id}", new { body = "<!-- plan --> changed" });
        var list = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/issues/1/comments"))!;
        using var one = await http.GetAsync($"{Repo}/issues/comments/{id}");
        using var onPull = await http.PostAsJsonAsync($"{Repo}/issues/3/comments", new { body = "plan" });

        // Then
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe($"{sandbox.Host.BaseAddress}api/v3/{Repo}/issues/comments/{id}");
        comment["html_url"]!.GetValue<string>().ShouldBe($"{sandbox.Host.BaseAddress}example-org/infrastructure/issues/1#issuecomment-{id}");
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        list.Select(c => (string)c!["body"]!).ShouldBe(["First comment", "<!-- plan --> changed"]);
        one.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onPull.Content.ReadFromJsonAsync<JsonObject>())!["html_url"]!.GetValue<string>().ShouldContain("/pull/3#issuecomment-");
        (await http.GetFromJsonAsync<JsonObject>($"{Repo}/issues/1"))!["comments"]!.GetValue<int>().ShouldBe(2);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Comments_EmptyBodyOrUnknownId_AnswerGitHubsErrors()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        using var empty = await http.PostAsJsonAsync($"{Repo}/issues/1/comments", new { body = "" });
        using var unknown = await http.GetAsync($"{Repo}/issues/comments/424242");
        using var onMissingIssue = await http.GetAsync($"{Repo}/issues/77/comments");

        // Then
        empty.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("\"resource\":\"IssueComment\"");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        onMissingIssue.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Labels_ListCreateGetAndIssueLabels_WorkLikeGitHub()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        var labels = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/labels"))!;
        using var created = await http.PostAsJsonAsync($"{Repo}/labels", new { name = "not-ready", color = "B60205", description = "Blocked on information" });
        using var duplicate = await http.PostAsJsonAsync($"{Repo}/labels", new { name = "NOT-READY" });
        using var badColor = await http.PostAsJsonAsync($"{Repo}/labels", new { name = "x", color = "red" });
        using var missing = await http.GetAsync($"{Repo}/labels/nope");
        using var added = await http.PostAsJsonAsync($"{Repo}/issues/1/labels", new { labels = new[] { "not-ready", "phase-0" } });
        var onIssue = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/issues/1/labels"))!;
        using var replaced = await http.PutAsJsonAsync($"{Repo}/issues/1/labels", new[] { "onboarding" });

        // Then
        labels.Select(l => (string)l!["name"]!).ShouldContain("new-hub");
        labels.Select(l => (string)l!["name"]!).ShouldContain("phase-3");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Content.ReadFromJsonAsync<JsonObject>())!["color"]!.GetValue<string>().ShouldBe("b60205");
        duplicate.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain("already_exists");
        badColor.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        onIssue.Select(l => (string)l!["name"]!).ShouldBe(["new-hub", "phase-0", "not-ready"]);
        (await replaced.Content.ReadFromJsonAsync<JsonArray>())!.Select(l => (string)l!["name"]!).ShouldBe(["onboarding"]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task SearchIssues_NewIssue_AppearsOnlyAfterTheIndexLag()
    {
        // Given
        var time = new FakeTimeProvider(GitHubHarness.Start);
        await using var sandbox = await GitHubHarness.StartAsync(new GitHubSeed { SearchIndexLag = TimeSpan.FromSeconds(30) }, time);
        var http = sandbox.Raw();
        await http.PostAsJsonAsync($"{Repo}/issues", new { title = "Turnup", body = "text <!-- onboarding:beta/phase-1 --> more" });
        var query = "search/issues?q=" + Uri.EscapeDataString("\"onboarding:beta/phase-1\" repo:example-org/infrastructure is:issue in:body is:open");

        // When
        var before = (await http.GetFromJsonAsync<JsonObject>(query))!;
        time.Advance(TimeSpan.FromSeconds(31));
        using var after = await http.GetAsync(query);

        // Then
        before["total_count"]!.GetValue<int>().ShouldBe(0);
        var found = (await after.Content.ReadFromJsonAsync<JsonObject>())!;
        found["total_count"]!.GetValue<int>().ShouldBe(1);
        found["incomplete_results"]!.GetValue<bool>().ShouldBeFalse();
        found["items"]![0]!["number"]!.GetValue<int>().ShouldBe(1);
        after.Headers.GetValues("X-RateLimit-Resource").Single().ShouldBe("search");
        after.Headers.GetValues("X-RateLimit-Limit").Single().ShouldBe("30");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task SearchIssues_EditedIssue_StillFoundByItsOldTextUntilReindexed()
    {
        // Given
        var time = new FakeTimeProvider(GitHubHarness.Start);
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork() with { SearchIndexLag = TimeSpan.FromSeconds(30) }, time);
        var http = sandbox.Raw();
        time.Advance(TimeSpan.FromMinutes(1));
        await http.PatchAsJsonAsync($"{Repo}/issues/1", new { body = "rewritten" });
        var oldText = "search/issues?q=" + Uri.EscapeDataString("\"onboarding:alpha/phase-0\" in:body");
        var newText = "search/issues?q=rewritten";

        // When
        var oldBefore = (await http.GetFromJsonAsync<JsonObject>(oldText))!["total_count"]!.GetValue<int>();
        var newBefore = (await http.GetFromJsonAsync<JsonObject>(newText))!["total_count"]!.GetValue<int>();
        time.Advance(TimeSpan.FromSeconds(31));
        var oldAfter = (await http.GetFromJsonAsync<JsonObject>(oldText))!["total_count"]!.GetValue<int>();
        var newAfter = (await http.GetFromJsonAsync<JsonObject>(newText))!["total_count"]!.GetValue<int>();

        // Then
        (oldBefore, newBefore, oldAfter, newAfter).ShouldBe((1, 0, 0, 1));
    }

    [Fact]
    public async Task SearchIssues_LabelAndTypeQualifiers_FilterResults()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork() with { SearchIndexLag = TimeSpan.Zero });
        var http = sandbox.Raw();

        // When
        var phase0 = (await http.GetFromJsonAsync<JsonObject>("search/issues?q=" + Uri.EscapeDataString("label:\"phase-0\" repo:example-org/infrastructure")))!;
        var closed = (await http.GetFromJsonAsync<JsonObject>("search/issues?q=is:closed+label:new-hub"))!;
        var pulls = (await http.GetFromJsonAsync<JsonObject>("search/issues?q=is:pr+alpha"))!;
        using var missingQ = await http.GetAsync("search/issues");

        // Then
        phase0["items"]!.AsArray().Select(i => (int)i!["number"]!).ShouldBe([1]);
        closed["items"]!.AsArray().Select(i => (int)i!["number"]!).ShouldBe([2]);
        pulls["items"]!.AsArray().Select(i => (int)i!["number"]!).ShouldBe([3]);
        missingQ.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task ListPulls_ClosedByUpdate_ShowsMergeCommitAndLabelsInTheSimpleShape()
    {
        // Given a merged pull request with a label, and an open one
        var seed = new GitHubSeed
        {
            Repositories =
            [
                new GitHubRepositorySeed
                {
                    PullRequests =
                    [
                        new GitHubPullRequestSeed("Drop a contact") { Merged = true, MergeCommitSha = "abc123", Labels = ["onboarding:approve-large-change"] },
                        new GitHubPullRequestSeed("Still open"),
                    ],
                },
            ],
        };
        await using var sandbox = await GitHubHarness.StartAsync(seed);
        var http = sandbox.Raw();

        // When
        var closed = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls?state=closed&sort=updated&direction=desc&per_page=100"))!;
        var open = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls"))!;
        var onOtherBase = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls?state=all&base=release"))!;

        // Then
        var merged = closed.ShouldHaveSingleItem()!;
        merged["merge_commit_sha"]!.GetValue<string>().ShouldBe("abc123");
        merged["merged_at"].ShouldNotBeNull();
        merged["labels"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()).ShouldBe(["onboarding:approve-large-change"]);
        merged.AsObject().ContainsKey("merged").ShouldBeFalse("the list shows pull-request-simple, without the merge state");
        open.ShouldHaveSingleItem()!["title"]!.GetValue<string>().ShouldBe("Still open");
        onOtherBase.ShouldBeEmpty();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Pulls_GetAndFiles_DescribeTheMergedPullRequest()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        var pull = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/pulls/3"))!;
        var files = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls/3/files"))!;
        using var notAPull = await http.GetAsync($"{Repo}/pulls/1");

        // Then
        pull["merged"]!.GetValue<bool>().ShouldBeTrue();
        pull["head"]!["ref"]!.GetValue<string>().ShouldBe("update-community");
        pull["base"]!["repo"]!["full_name"]!.GetValue<string>().ShouldBe("example-org/infrastructure");
        files.Single()!["filename"]!.GetValue<string>().ShouldBe("communities/alpha.yaml");
        files.Single()!["changes"]!.GetValue<int>().ShouldBe(12);
        notAPull.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Contents_GetFileDirectoryAndPut_FollowGitHubsRules()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();
        var newContent = Convert.ToBase64String(Encoding.UTF8.GetBytes("name: beta\n"));

        // When
        var file = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/contents/communities/alpha.yaml"))!;
        var dir = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/contents/communities"))!;
        using var missing = await http.GetAsync($"{Repo}/contents/communities/nope.yaml");
        using var badRef = await http.GetAsync($"{Repo}/contents/README.md?ref=no-such-branch");
        using var created = await http.PutAsJsonAsync($"{Repo}/contents/communities/beta.yaml", new { message = "Add beta", content = newContent });
        using var noSha = await http.PutAsJsonAsync($"{Repo}/contents/communities/beta.yaml", new { message = "Change beta", content = newContent });
        using var wrongSha = await http.PutAsJsonAsync($"{Repo}/contents/communities/beta.yaml", new { message = "Change beta", content = newContent, sha = "0000000000000000000000000000000000000000" });
        var sha = (await created.Content.ReadFromJsonAsync<JsonObject>())!["content"]!["sha"]!.GetValue<string>();
        using var updated = await http.PutAsJsonAsync($"{Repo}/contents/communities/beta.yaml", new { message = "Change beta", content = newContent, sha });

        // Then
        Encoding.UTF8.GetString(Convert.FromBase64String(file["content"]!.GetValue<string>())).ShouldBe("name: alpha\n");
        file["encoding"]!.GetValue<string>().ShouldBe("base64");
        file["sha"]!.GetValue<string>().Length.ShouldBe(40);
        dir.Select(e => (string)e!["name"]!).ShouldBe(["alpha.yaml"]);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        badRef.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await badRef.Content.ReadAsStringAsync()).ShouldContain("No commit found for the ref no-such-branch");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        noSha.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        wrongSha.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        sandbox.ShouldAllMatchTheContract();
    }

    /// <summary>A pull request (#1) whose head branch holds its own version of alpha, and, when given, a file list and a fork.</summary>
    private static GitHubSeed PullRequestSeed(IReadOnlyList<GitHubPullFileSeed>? files = null, string? fork = null, IReadOnlyList<GitHubFileSeed>? extra = null) => new()
    {
        Repositories =
        [
            new GitHubRepositorySeed
            {
                Files =
                [
                    new GitHubFileSeed("communities/alpha.yaml", "name: alpha\n"),
                    new GitHubFileSeed("communities/alpha.yaml", "name: alpha-at-head\n", "add-alpha"),
                    .. extra ?? [],
                ],
                PullRequests = [new GitHubPullRequestSeed("Change alpha") { HeadRef = "add-alpha", HeadRepository = fork, Files = files ?? [new GitHubPullFileSeed("communities/alpha.yaml")] }],
            },
        ],
    };

    [Fact]
    public async Task Contents_RefIsACommitSha_ReadsTheFileAtThatCommit()
    {
        // Given a pull request whose head branch changes alpha
        await using var sandbox = await GitHubHarness.StartAsync(PullRequestSeed());
        var http = sandbox.Raw();
        var pull = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/pulls/1"))!;
        var headSha = pull["head"]!["sha"]!.GetValue<string>();
        var baseSha = pull["base"]!["sha"]!.GetValue<string>();

        // When alpha is read at the head commit, at the base commit, and at a commit that does not exist
        var atHead = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/contents/communities/alpha.yaml?ref={headSha}"))!;
        var atBase = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/contents/communities/alpha.yaml?ref={baseSha}"))!;
        using var unknown = await http.GetAsync($"{Repo}/contents/communities/alpha.yaml?ref={new string('0', 40)}");

        // Then each answer holds that commit's version
        headSha.ShouldNotBe(baseSha);
        Encoding.UTF8.GetString(Convert.FromBase64String(atHead["content"]!.GetValue<string>())).ShouldBe("name: alpha-at-head\n");
        Encoding.UTF8.GetString(Convert.FromBase64String(atBase["content"]!.GetValue<string>())).ShouldBe("name: alpha\n");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain($"No commit found for the ref {new string('0', 40)}");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Contents_FileOverOneMegabyte_AnswersItsSizeWithEmptyContentAndEncodingNone()
    {
        // Given a file just over 1 MB and one of exactly 1 MB
        var big = new string('#', (1024 * 1024) + 1);
        var limit = new string('#', 1024 * 1024);
        await using var sandbox = await GitHubHarness.StartAsync(PullRequestSeed(extra: [new GitHubFileSeed("big.txt", big), new GitHubFileSeed("limit.txt", limit)]));
        var http = sandbox.Raw();

        // When both are read
        var over = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/contents/big.txt"))!;
        var at = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/contents/limit.txt"))!;

        // Then the larger comes with its size only, as GitHub's object answer for files of 1-100 MB
        over["size"]!.GetValue<int>().ShouldBe(big.Length);
        over["content"]!.GetValue<string>().ShouldBe("");
        over["encoding"]!.GetValue<string>().ShouldBe("none");
        at["encoding"]!.GetValue<string>().ShouldBe("base64");
        Convert.FromBase64String(at["content"]!.GetValue<string>()).Length.ShouldBe(limit.Length);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task PullRequestFiles_MoreThan3000_ListsTheFirst3000AtMost100APage()
    {
        // Given a pull request changing 3,050 files
        var files = Enumerable.Range(1, 3050).Select(n => new GitHubPullFileSeed($"communities/c{n:D4}.yaml", "added")).ToList();
        await using var sandbox = await GitHubHarness.StartAsync(PullRequestSeed(files));
        var http = sandbox.Raw();

        // When pages are asked for, one of them larger than GitHub allows
        var wide = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls/1/files?per_page=500"))!;
        using var first = await http.GetAsync($"{Repo}/pulls/1/files?per_page=100");
        var last = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls/1/files?per_page=100&page=30"))!;
        var beyond = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls/1/files?per_page=100&page=31"))!;
        var byDefault = (await http.GetFromJsonAsync<JsonArray>($"{Repo}/pulls/1/files"))!;

        // Then pages hold at most 100 (30 by default), and the listing stops at the 3,000th file
        wide.Count.ShouldBe(100);
        byDefault.Count.ShouldBe(30);
        first.Headers.GetValues("Link").Single().ShouldContain("page=30>; rel=\"last\"");
        last.Count.ShouldBe(100);
        last[^1]!["filename"]!.GetValue<string>().ShouldBe("communities/c3000.yaml");
        beyond.ShouldBeEmpty();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task GetPullRequest_FromAFork_HeadNamesTheForkAndItsOwner()
    {
        // Given a pull request from a contributor's fork, and one from a branch of the repository
        await using var fromFork = await GitHubHarness.StartAsync(PullRequestSeed(fork: "contributor/infrastructure"));
        await using var fromBranch = await GitHubHarness.StartAsync(PullRequestSeed());

        // When each is read
        var forked = (await fromFork.Raw().GetFromJsonAsync<JsonObject>($"{Repo}/pulls/1"))!;
        var own = (await fromBranch.Raw().GetFromJsonAsync<JsonObject>($"{Repo}/pulls/1"))!;

        // Then the fork's head is in the fork, its base in the repository
        forked["head"]!["repo"]!["full_name"]!.GetValue<string>().ShouldBe("contributor/infrastructure");
        forked["head"]!["repo"]!["fork"]!.GetValue<bool>().ShouldBeTrue();
        forked["head"]!["label"]!.GetValue<string>().ShouldBe("contributor:add-alpha");
        forked["head"]!["user"]!["login"]!.GetValue<string>().ShouldBe("contributor");
        forked["base"]!["repo"]!["full_name"]!.GetValue<string>().ShouldBe("example-org/infrastructure");
        own["head"]!["repo"]!["full_name"]!.GetValue<string>().ShouldBe("example-org/infrastructure");
        own["head"]!["repo"]!["fork"]!.GetValue<bool>().ShouldBeFalse();
        fromFork.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Contents_BlobSha_IsGitsBlobHash()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var http = sandbox.Raw();

        // When
        var file = (await http.GetFromJsonAsync<JsonObject>($"{Repo}/contents/README.md"))!;

        // Then: `printf '# Infrastructure\n' | git hash-object --stdin`
        file["sha"]!.GetValue<string>().ShouldBe(GitHubJson.BlobSha(Encoding.UTF8.GetBytes("# Infrastructure\n")));
        GitHubJson.BlobSha(Encoding.UTF8.GetBytes("hello\n")).ShouldBe("ce013625030ba8dba906f756967f9e9ca394464a");
    }

    [Fact]
    public async Task Auth_BadTokenAnonymousAndReadOnly_AnswerLikeGitHub()
    {
        // Given
        var seed = SeedWithWork() with { Tokens = [new GitHubTokenSeed(GitHubSeed.DefaultToken, "onboarding-bot"), new GitHubTokenSeed("ghp_readonly", "reader", CanWrite: false)] };
        await using var sandbox = await GitHubHarness.StartAsync(seed);

        // When
        using var bad = await sandbox.Raw("ghp_wrong").GetAsync($"{Repo}/issues");
        using var bearer = await sandbox.Raw(GitHubSeed.DefaultToken, "Bearer").GetAsync($"{Repo}/issues");
        using var anonymousRead = await sandbox.Raw(null).GetAsync($"{Repo}/issues");
        using var anonymousWrite = await sandbox.Raw(null).PostAsJsonAsync($"{Repo}/issues", new { title = "x" });
        using var readOnlyWrite = await sandbox.Raw("ghp_readonly").PostAsJsonAsync($"{Repo}/issues", new { title = "x" });

        // Then
        bad.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var error = (await bad.Content.ReadFromJsonAsync<JsonObject>())!;
        error["message"]!.GetValue<string>().ShouldBe("Bad credentials");
        error["documentation_url"]!.GetValue<string>().ShouldBe("https://docs.github.com/rest");
        bearer.StatusCode.ShouldBe(HttpStatusCode.OK);
        anonymousRead.StatusCode.ShouldBe(HttpStatusCode.OK);
        anonymousRead.Headers.GetValues("X-RateLimit-Limit").Single().ShouldBe("60");
        anonymousWrite.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymousWrite.Content.ReadAsStringAsync()).ShouldContain("Requires authentication");
        readOnlyWrite.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        sandbox.Journal.StateChanges.ShouldBeEmpty();
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task UnsupportedMethodOrMissingUserAgent_AnswerLikeGitHub()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        using var noAgent = new HttpClient { BaseAddress = sandbox.ApiBase };

        // When
        using var delete = await sandbox.Raw().DeleteAsync($"{Repo}/issues/1");
        using var anonymousAgent = await noAgent.GetAsync($"{Repo}/issues");

        // Then
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        anonymousAgent.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anonymousAgent.Content.ReadAsStringAsync()).ShouldContain("User-Agent");
        sandbox.Store.Read(s => s.Repositories[0].Issues.Count).ShouldBe(3);
    }

    [Fact]
    public async Task Auth_PrivateRepositoryWithoutToken_Answers404()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(new GitHubSeed { Repositories = [new GitHubRepositorySeed { Private = true }] });

        // When
        using var anonymous = await sandbox.Raw(null).GetAsync($"{Repo}/issues");
        using var withToken = await sandbox.Raw().GetAsync($"{Repo}/issues");

        // Then
        anonymous.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        withToken.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RateLimit_BudgetUsedUp_Answers403WithRemainingZeroAndGitHubsMessage()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(new GitHubSeed { RateLimit = 2 });
        var http = sandbox.Raw();
        await http.GetAsync($"{Repo}/labels");
        await http.GetAsync($"{Repo}/labels");

        // When
        using var limited = await http.GetAsync($"{Repo}/labels");

        // Then
        limited.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        limited.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("0");
        limited.Headers.GetValues("X-RateLimit-Used").Single().ShouldBe("2");
        (await limited.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>().ShouldStartWith("API rate limit exceeded for user ID");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task RateLimitedFault_Answers429WithRetryAfterAndSecondaryLimitMessage()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.RateLimited, "GET", RetryAfterSeconds: 7));
        await using var sandbox = await GitHubHarness.StartAsync(faults: faults);

        // When
        using var response = await sandbox.Raw().GetAsync($"{Repo}/issues");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("secondary rate limit");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task Store_ExportedState_RestoresIntoAnEqualStore()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        await sandbox.Raw().PostAsJsonAsync($"{Repo}/issues", new { title = "Kept", labels = new[] { "phase-2" } });
        var exported = sandbox.Store.ExportJson();

        // When
        var restored = new GitHubStore(SeedWithWork(), state: GitHubStore.ImportJson(exported));

        // Then
        restored.ExportJson().ShouldBe(exported);
        restored.Read(s => s.Repositories[0].Issues.Select(i => i.Title).ToList()).ShouldContain("Kept");
    }

    [Fact]
    public async Task Labels_TokenWithoutPushAccess_AreDroppedSilently()
    {
        // Given a token whose account may open issues but has no push access, and an issue with a label
        await using var sandbox = await GitHubHarness.StartAsync();
        using var labelled = await sandbox.Raw().PostAsJsonAsync($"{Repo}/issues", new { title = "labelled", labels = new[] { "new-hub" } });
        var outsider = sandbox.Raw(GitHubSeed.NoPushToken);

        // When it opens a labelled issue, relabels the other and calls the label endpoint
        using var created = await outsider.PostAsJsonAsync($"{Repo}/issues", new { title = "x", labels = new[] { "new-hub" } });
        using var patched = await outsider.PatchAsJsonAsync($"{Repo}/issues/1", new { labels = new[] { "phase-1" } });
        using var added = await outsider.PostAsJsonAsync($"{Repo}/issues/1/labels", new { labels = new[] { "phase-1" } });

        // Then the issue is opened and the PATCH answered, both without touching labels; the label endpoint refuses
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Content.ReadFromJsonAsync<JsonObject>())!["labels"]!.AsArray().ShouldBeEmpty();
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patched.Content.ReadFromJsonAsync<JsonObject>())!["labels"]!.AsArray().Select(l => (string)l!["name"]!).ShouldBe(["new-hub"]);
        added.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task ContentCreation_OverTheMinutesOrTheHoursLimit_IsRefusedWithASecondaryLimit()
    {
        // Given a GitHub allowing 3 content-creating requests a minute and 4 an hour
        var time = new FakeTimeProvider(GitHubHarness.Start);
        await using var sandbox = await GitHubHarness.StartAsync(new GitHubSeed { ContentCreationPerMinute = 3, ContentCreationPerHour = 4 }, time);
        var http = sandbox.Raw();
        async Task<HttpStatusCode> CreateAsync(string path, object body)
        {
            using var response = await http.PostAsJsonAsync(path, body);
            return response.StatusCode;
        }

        // When four are sent in one minute, one more after a minute, and reads go on
        var minute = new List<HttpStatusCode>
        {
            await CreateAsync($"{Repo}/issues", new { title = "one" }),
            await CreateAsync($"{Repo}/issues/1/comments", new { body = "two" }),
            await CreateAsync($"{Repo}/issues", new { title = "three" }),
            await CreateAsync($"{Repo}/issues", new { title = "four" }),
        };
        using var read = await http.GetAsync($"{Repo}/issues");
        time.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await CreateAsync($"{Repo}/issues", new { title = "five" });
        time.Advance(TimeSpan.FromMinutes(1));
        var overTheHour = await CreateAsync($"{Repo}/issues/1/comments", new { body = "six" });

        // Then the fourth in the minute and the fifth in the hour are refused as GitHub does (403, secondary limit); reads are not counted
        minute.ShouldBe([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Forbidden]);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        nextMinute.ShouldBe(HttpStatusCode.Created);
        overTheHour.ShouldBe(HttpStatusCode.Forbidden);
        var refused = sandbox.Exchanges.Last(e => e.Status == 403);
        refused.Body.ShouldContain("secondary rate limit");
        sandbox.Store.Read(s => s.Repositories[0].Issues.Count).ShouldBe(3);
    }

    [Fact]
    public async Task Repository_TokenWithAndWithoutPush_PermissionsSayWhichAndLabelsNeedPush()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync(SeedWithWork());
        var member = sandbox.Raw();
        var outsider = sandbox.Raw(GitHubSeed.NoPushToken);

        // When
        var mine = (await member.GetFromJsonAsync<JsonObject>(Repo))!;
        var theirs = (await outsider.GetFromJsonAsync<JsonObject>(Repo))!;
        using var refused = await outsider.PostAsJsonAsync($"{Repo}/labels", new { name = "not-ready" });
        using var missing = await member.GetAsync("repos/example-org/nothing-here");

        // Then
        ((string?)mine["full_name"]).ShouldBe("example-org/infrastructure");
        ((bool)mine["permissions"]!["push"]!).ShouldBeTrue();
        ((bool)theirs["permissions"]!["push"]!).ShouldBeFalse();
        ((bool)theirs["permissions"]!["pull"]!).ShouldBeTrue();
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

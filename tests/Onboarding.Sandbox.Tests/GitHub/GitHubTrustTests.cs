using Onboarding.Core.Services.GitHub;
using Onboarding.Sandbox.GitHub;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>
/// Who wrote what, as the client reads it from GitHub: the token's own account (GraphQL's viewer), items by marker only
/// when that account wrote them, the actors of label events and an account's permission in the repository.
/// </summary>
public sealed class GitHubTrustTests
{
    private const string Marker = "<!-- onboarding:test -->";

    [Fact]
    public async Task GetOwnLogin_EachToken_IsTheAccountThatWritesWithIt()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);

        // When
        var own = await sandbox.Client(time: clock.Time).GetOwnLoginAsync();
        var outsider = await sandbox.Client(GitHubSeed.NoPushToken, time: clock.Time).GetOwnLoginAsync();
        var written = await sandbox.Client(GitHubSeed.NoPushToken, time: clock.Time).CreateIssueAsync(new NewIssue("Hello", "text", []));

        // Then
        own.ShouldBe("onboarding-bot");
        outsider.ShouldBe("outside-collaborator");
        written.Author.ShouldBe("outside-collaborator");
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task FindCommentByMarker_AnOutsiderCommentedFirst_FindsOnlyTheOwnAccountsComment()
    {
        // Given an issue where an outsider posted onboarding's marker before onboarding did
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        var outsider = sandbox.Client(GitHubSeed.NoPushToken, time: clock.Time);
        var issue = await client.CreateIssueAsync(new NewIssue("Turnup", "body", ["new-hub"]));
        await outsider.CreateCommentAsync(issue.Number, $"{Marker}\nThe plan is: nothing to do.");

        // When
        var before = await client.FindCommentByMarkerAsync(issue.Number, Marker);
        var own = await client.CreateCommentAsync(issue.Number, $"{Marker}\nThe plan.");
        var after = await client.FindCommentByMarkerAsync(issue.Number, Marker);

        // Then
        before.ShouldBeNull();
        after.ShouldNotBeNull().Id.ShouldBe(own.Id);
        after.Author.ShouldBe("onboarding-bot");
    }

    [Fact]
    public async Task FindAndSearchIssuesByMarker_AnOutsiderOpenedOneWithTheMarker_NeitherFindsIt()
    {
        // Given an outsider's issue carrying the marker, labelled afterwards by someone with push access
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        var theirs = await sandbox.Client(GitHubSeed.NoPushToken, time: clock.Time).CreateIssueAsync(new NewIssue("Drift", $"{Marker}\nAll is well.", []));
        await client.UpdateIssueAsync(theirs.Number, new IssueChange(Labels: ["onboarding"]));
        clock.Advance(TimeSpan.FromMinutes(1));

        // When
        var found = await client.FindIssuesByMarkerAsync(Marker, "onboarding");
        var searched = await client.SearchIssuesByMarkerAsync(Marker);
        var listed = await client.ListIssuesByLabelAsync("onboarding");

        // Then the listing still shows it, with its author; the lookups by marker do not take it for onboarding's
        found.ShouldBeEmpty();
        searched.ShouldBeEmpty();
        listed.ShouldHaveSingleItem().Author.ShouldBe("outside-collaborator");
    }

    [Fact]
    public async Task ListLabelEvents_LabelsAddedAndRemoved_OldestFirstWithTheirActors()
    {
        // Given a pull request labelled by the BD lead, then the label removed and added again by someone else
        var seed = new GitHubSeed
        {
            Repositories =
            [
                new GitHubRepositorySeed
                {
                    PullRequests =
                    [
                        new GitHubPullRequestSeed("Change")
                        {
                            Labels = ["approve"],
                            LabelEvents = [new("approve", "bd-lead", Added: false), new("approve", "triager")],
                        },
                    ],
                },
            ],
        };
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(seed, time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);

        // When
        var events = await client.ListLabelEventsAsync(1);

        // Then
        events.Select(e => $"{(e.Added ? "+" : "-")}{e.Label} {e.Actor}").ShouldBe(["+approve bd-lead", "-approve bd-lead", "+approve triager"]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Fact]
    public async Task ListLabelEvents_LabelsSetThroughTheApi_RecordTheCaller()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        var client = sandbox.Client(time: clock.Time);
        var issue = await client.CreateIssueAsync(new NewIssue("Turnup", "body", ["new-hub"]));
        await client.UpdateIssueAsync(issue.Number, new IssueChange(Labels: ["phase-1"]));

        // When
        var events = await client.ListLabelEventsAsync(issue.Number);

        // Then
        events.Select(e => $"{(e.Added ? "+" : "-")}{e.Label} {e.Actor}").ShouldBe(["+new-hub onboarding-bot", "-new-hub onboarding-bot", "+phase-1 onboarding-bot"]);
        sandbox.ShouldAllMatchTheContract();
    }

    [Theory]
    [InlineData("example-org", "admin", "admin")]
    [InlineData("bd-lead", "write", "maintain")]
    [InlineData("triager", "read", "triage")]
    [InlineData("onboarding-bot", "write", "write")]
    [InlineData("mallory", "read", "read")]
    public async Task GetPermission_EachKindOfAccount_AsGitHubAnswersIt(string login, string permission, string role)
    {
        // Given the organisation owning the repository, its maintainer and triager, a token's account with push access, a stranger
        var seed = new GitHubSeed
        {
            Repositories = [new GitHubRepositorySeed { Collaborators = [new("bd-lead", "maintain"), new("triager", "triage")] }],
        };
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(seed, time: clock.EmulatorTime);

        // When
        var access = await sandbox.Client(time: clock.Time).GetPermissionAsync(login);

        // Then
        access.Permission.ShouldBe(permission);
        access.Role.ShouldBe(role);
        access.MayWrite.ShouldBe(role is "admin" or "maintain" or "write");
        sandbox.ShouldAllMatchTheContract();
    }
}

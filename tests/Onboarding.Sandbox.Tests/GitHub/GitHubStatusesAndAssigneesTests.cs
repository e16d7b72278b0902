using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Onboarding.Core.Services.GitHub;
using Onboarding.Sandbox.GitHub;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>Commit statuses and issue assignees, as GitHub answers them.</summary>
public sealed class GitHubStatusesAndAssigneesTests
{
    private static string MainHead(GitHubHarness sandbox) => sandbox.Store.State.Repositories[0].Branches[0].HeadSha;

    [Fact]
    public async Task CreateStatus_ValidStatus_IsListedNewestFirstForTheCommit()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();
        var sha = MainHead(sandbox);

        // When
        using var first = await sandbox.Raw().PostAsJsonAsync($"repos/example-org/infrastructure/statuses/{sha}", new { state = "pending", description = "held", context = "onboarding/apply" }, TestContext.Current.CancellationToken);
        using var second = await sandbox.Raw().PostAsJsonAsync($"repos/example-org/infrastructure/statuses/{sha}", new { state = "success", target_url = "https://github.com/x/y/actions/runs/1", context = "onboarding/apply" }, TestContext.Current.CancellationToken);
        var listed = JsonNode.Parse(await sandbox.Raw().GetStringAsync($"repos/example-org/infrastructure/commits/{sha}/statuses", TestContext.Current.CancellationToken))!.AsArray();

        // Then
        ((int)first.StatusCode).ShouldBe(201);
        ((int)second.StatusCode).ShouldBe(201);
        listed.Select(s => s!["state"]!.GetValue<string>()).ShouldBe(["success", "pending"]);
        listed[0]!["creator"]!["login"]!.GetValue<string>().ShouldBe("onboarding-bot");
    }

    [Theory]
    [InlineData("""{"state":"done"}""", "state")]
    [InlineData("""{"description":"no state"}""", "state")]
    [InlineData("""{"state":"success","target_url":"javascript:alert(1)"}""", "target_url")]
    public async Task CreateStatus_InvalidBody_Is422NamingTheField(string body, string field)
    {
        await using var sandbox = await GitHubHarness.StartAsync();

        using var response = await sandbox.Raw().PostAsync($"repos/example-org/infrastructure/statuses/{MainHead(sandbox)}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(422);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["errors"]![0]!["field"]!.GetValue<string>().ShouldBe(field);
    }

    [Fact]
    public async Task CreateStatus_DescriptionOver140OrUnknownCommit_Is422()
    {
        await using var sandbox = await GitHubHarness.StartAsync();

        using var tooLong = await sandbox.Raw().PostAsJsonAsync($"repos/example-org/infrastructure/statuses/{MainHead(sandbox)}", new { state = "success", description = new string('x', 141) }, TestContext.Current.CancellationToken);
        using var unknown = await sandbox.Raw().PostAsJsonAsync($"repos/example-org/infrastructure/statuses/{new string('a', 40)}", new { state = "success" }, TestContext.Current.CancellationToken);

        ((int)tooLong.StatusCode).ShouldBe(422);
        (await tooLong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("description is too long (maximum is 140 characters)");
        ((int)unknown.StatusCode).ShouldBe(422);
    }

    [Fact]
    public async Task CreateIssue_AssigneeWhoCannotBeAssigned_Is422AndOpensNothing()
    {
        await using var sandbox = await GitHubHarness.StartAsync();

        using var response = await sandbox.Raw().PostAsJsonAsync("repos/example-org/infrastructure/issues", new { title = "t", assignees = new[] { "stranger" } }, TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(422);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["errors"]![0]!["field"]!.GetValue<string>().ShouldBe("assignees");
        sandbox.Store.State.Repositories[0].Issues.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateIssue_ThroughTheClient_AssignsACollaboratorAndOpensWithoutSomeoneItCannotAssign()
    {
        // Given bd-lead maintains the repository; stranger has no role in it
        await using var clock = FakeClock.Start();
        await using var sandbox = await GitHubHarness.StartAsync(time: clock.EmulatorTime);
        using var client = sandbox.Client(time: clock.Time);

        // When
        var assigned = await client.CreateIssueAsync(new NewIssue("One", "text", ["phase-1"]) { Assignees = ["bd-lead"] });
        var unassigned = await client.CreateIssueAsync(new NewIssue("Two", "text", ["phase-1"]) { Assignees = ["stranger"] });

        // Then
        assigned.Assignees.ShouldBe(["bd-lead"]);
        unassigned.Assignees.ShouldBeEmpty();
        unassigned.Labels.ShouldBe(["phase-1"]);
        sandbox.Store.State.Repositories[0].Issues.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CreateIssue_TokenWithoutPush_AssigneesSilentlyDropped()
    {
        await using var sandbox = await GitHubHarness.StartAsync();

        using var response = await sandbox.Raw(GitHubSeed.NoPushToken).PostAsJsonAsync("repos/example-org/infrastructure/issues", new { title = "t", assignees = new[] { "bd-lead" } }, TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(201);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["assignees"]!.AsArray().ShouldBeEmpty();
    }
}

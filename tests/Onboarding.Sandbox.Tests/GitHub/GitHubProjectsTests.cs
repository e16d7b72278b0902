using Onboarding.Core.Configuration;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using Onboarding.Sandbox.GitHub;
using Onboarding.Services.GitHub;
using Onboarding.Testing.Contracts;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>The project's client of GitHub's projects against the emulator over real HTTP, every request held to GitHub's schema.</summary>
public sealed class GitHubProjectsTests
{
    private static readonly BoardSettings Board = new("example-org", 1) { Column = "Refined", WaitingColumn = "Waiting", IterationField = "Iteration" };

    [Fact]
    public void GraphQLAddress_OfEachHost_IsWhereThatHostServesGraphQL()
    {
        GitHubProjects.GraphQLAddress(new Uri("https://api.github.com/")).ShouldBe(new Uri("https://api.github.com/graphql"));
        GitHubProjects.GraphQLAddress(new Uri("https://github.example.org/api/v3/")).ShouldBe(new Uri("https://github.example.org/api/graphql"));
        GitHubProjects.GraphQLAddress(new Uri("http://127.0.0.1:5123/")).ShouldBe(new Uri("http://127.0.0.1:5123/api/graphql"));
    }

    [Fact]
    public async Task Check_SeededBoard_FindsNothingWrong()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();

        // When
        var problems = await sandbox.Projects(Board).CheckAsync();

        // Then
        problems.ShouldBeEmpty();
        ContractChecker.ForSandbox().Check(sandbox.Journal.Entries).ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_ColumnAndFieldTheProjectLacks_NamesEach()
    {
        // Given a configuration whose column and iteration field the project does not have
        await using var sandbox = await GitHubHarness.StartAsync();
        var wrong = Board with { Column = "Ready", IterationField = "Sprint" };

        // When
        var problems = await sandbox.Projects(wrong).CheckAsync();

        // Then
        problems.Count.ShouldBe(2);
        problems[0].ShouldBe("The project example-org project 1 (Engineering) has no column 'Ready' in its field 'Status' (it has Todo, Refined, In Progress, Waiting, Done); fix the column in github.project of onboarding.yaml.");
        problems[1].ShouldStartWith("The project example-org project 1 (Engineering) has no field 'Sprint' (it has Title, Assignees, Status, Labels, Repository, Iteration)");
    }

    [Fact]
    public async Task Check_TokenWithoutProjectAccess_NamesThePermission()
    {
        // Given the token that has no project scope, and one that may only read projects
        var seed = new GitHubSeed { Tokens = [.. new GitHubSeed().Tokens, new GitHubTokenSeed("ghp_readOnlyProjects", "onboarding-bot") { ProjectAccess = GitHubProjectAccess.Read }] };
        await using var sandbox = await GitHubHarness.StartAsync(seed);

        // When
        var none = await sandbox.Projects(Board, GitHubSeed.NoProjectToken).CheckAsync();
        var readOnly = await sandbox.Projects(Board, "ghp_readOnlyProjects").CheckAsync();

        // Then
        none.ShouldHaveSingleItem().ShouldStartWith("Could not read example-org project 1: the GitHub token may not use example-org project 1");
        none[0].ShouldContain("'project' scope");
        none[0].ShouldContain("'Projects: read and write'");
        readOnly.ShouldHaveSingleItem().ShouldStartWith("The GitHub token can read example-org project 1 (Engineering) but not change it: a classic token needs the 'project' scope");
    }

    [Fact]
    public async Task Check_ProjectNumberNotThere_SaysWhatToCheck()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();

        // When
        var problems = await sandbox.Projects(Board with { Number = 7 }).CheckAsync();

        // Then
        problems.ShouldHaveSingleItem().ShouldStartWith("Could not read example-org project 7: GitHub has no project 7 of the organisation example-org that the token can see; check github.project in onboarding.yaml");
    }

    [Fact]
    public async Task AddItem_Twice_GivesOneItem_WhoseColumnAndIterationAreReadBack()
    {
        // Given an issue and the board, on a sandbox whose clock is stopped
        await using var sandbox = await GitHubHarness.StartAsync(time: new FakeTimeProvider(GitHubHarness.Start));
        var issue = await sandbox.Client().CreateIssueAsync(new NewIssue("Turnup", "body", []));
        var projects = sandbox.Projects(Board);
        var project = await projects.ReadProjectAsync();
        var (board, _) = ObservedBoard.From(Board, project);
        var next = board!.NextIteration(DateOnly.FromDateTime(GitHubHarness.Start.UtcDateTime))!;

        // When it is added twice, and its iteration and column are set
        var first = await projects.AddItemAsync(board.ProjectId, issue.NodeId!);
        var second = await projects.AddItemAsync(board.ProjectId, issue.NodeId!);
        await projects.SetIterationAsync(board.ProjectId, first, board.IterationFieldId!, next.Id);
        await projects.SetOptionAsync(board.ProjectId, first, board.StatusFieldId, board.ColumnIds["Refined"]);
        var items = await projects.ReadIssueItemsAsync(board.ProjectId, [issue.Number, issue.Number + 1]);

        // Then there is one item, in the column and the iteration, and every request is as GitHub's schema says
        second.ShouldBe(first);
        sandbox.Store.Read(s => s.Projects[0].Items.Count).ShouldBe(1);
        items.Keys.ShouldBe([issue.Number]);
        items[issue.Number].ShouldBe(new ProjectItem(first, false, "Refined", next.Title));
        ContractChecker.ForSandbox().Check(sandbox.Journal.Entries).ShouldBeEmpty();
        sandbox.Journal.Entries.Count(e => e.Path == GitHubEmulator.GraphQLPath && e.ChangedState).ShouldBe(3);
    }

    [Fact]
    public async Task SetOption_OptionOfAnotherField_IsASentence()
    {
        // Given an item on the board
        await using var sandbox = await GitHubHarness.StartAsync();
        var issue = await sandbox.Client().CreateIssueAsync(new NewIssue("Turnup", "body", []));
        var projects = sandbox.Projects(Board);
        var (board, _) = ObservedBoard.From(Board, await projects.ReadProjectAsync());
        var item = await projects.AddItemAsync(board!.ProjectId, issue.NodeId!);

        // When the status is set to an option the field does not have
        var error = await Should.ThrowAsync<ServiceException>(() => projects.SetOptionAsync(board.ProjectId, item, board.StatusFieldId, "00000000"));

        // Then
        error.Message.ShouldBe("Could not set the column of an item on example-org project 1: GitHub refused the request (The single select option Id does not belong to the field).");
    }
}

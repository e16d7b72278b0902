using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.GitHub.GraphQL;
using Onboarding.Testing.Contracts;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>The emulator's GraphQL over real HTTP, as GitHub answers: errors with HTTP 200, node ids, scopes, iterations by the clock.</summary>
public sealed class GitHubGraphQLTests
{
    private const string Project = """
        query($owner: String!, $number: Int!) {
          organization(login: $owner) { projectV2(number: $number) { id title viewerCanUpdate
            fields(first: 20) { nodes {
              ... on ProjectV2SingleSelectField { name options { id name } }
              ... on ProjectV2IterationField { name configuration { iterations { title startDate duration } completedIterations { title startDate } } }
            } } } }
        }
        """;

    private static readonly JsonObject Board = new() { ["owner"] = "example-org", ["number"] = 1 };

    [Fact]
    public void ServedSchema_EveryTypeFieldAndArgument_IsGitHubsWithGitHubsTypes()
    {
        // Given what the emulator serves and GitHub's published schema
        var served = GitHubGraphQL.Served;
        var published = GraphQLContract.Instance.Schema;
        var problems = new List<string>();

        // When each served type is looked up in the published one
        foreach (var type in served.Types.Values.Where(t => !published.Types.ContainsKey(t.Name) || t.Kind != GraphQLTypeKind.Scalar))
        {
            if (!published.Types.TryGetValue(type.Name, out var theirs) || theirs.Kind != type.Kind)
            {
                problems.Add($"{type.Name}: not a {type.Kind} of GitHub's schema");
                continue;
            }

            foreach (var (name, field) in type.Fields)
            {
                if (!theirs.Fields.TryGetValue(name, out var their))
                    problems.Add($"{type.Name}.{name}: GitHub has no such field");
                else if (their.Type != field.Type)
                    problems.Add($"{type.Name}.{name}: {field.Type}, GitHub says {their.Type}");
                else
                    problems.AddRange(field.Arguments.Values.Where(a => their.Arguments.GetValueOrDefault(a.Name)?.Type != a.Type).Select(a => $"{type.Name}.{name}({a.Name}): not GitHub's"));
            }

            problems.AddRange(type.InputFields.Values.Where(f => theirs.InputFields.GetValueOrDefault(f.Name)?.Type != f.Type).Select(f => $"{type.Name}.{f.Name}: not GitHub's"));
            problems.AddRange(type.Members.Concat(type.Interfaces).Except(theirs.Members.Concat(theirs.Interfaces)).Select(m => $"{type.Name}: {m} is not GitHub's"));
            problems.AddRange(type.EnumValues.Except(theirs.EnumValues).Select(v => $"{type.Name}.{v}: not GitHub's"));
        }

        // Then the emulator invents nothing
        problems.ShouldBeEmpty();
        served.Types.Keys.ShouldContain("ProjectV2IterationField");
    }

    [Fact]
    public async Task Project_SeededBoard_HasColumnsAndIterationsAroundTheClock()
    {
        // Given a sandbox whose clock says Wednesday 2026-11-25
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await GitHubHarness.StartAsync(time: time);

        // When the project is read, then again four weeks later
        var (status, now) = await sandbox.GraphQLAsync(Project, Board);
        time.Advance(TimeSpan.FromDays(28));
        var (_, later) = await sandbox.GraphQLAsync(Project, Board);

        // Then the answer is data, the columns are the seed's, and iterations move from to-come to completed with the clock
        status.ShouldBe(200);
        now.ContainsKey("errors").ShouldBeFalse(now.ToJsonString());
        var project = now["data"]!["organization"]!["projectV2"]!;
        ((string)project["id"]!).ShouldStartWith("PVT_");
        ((bool)project["viewerCanUpdate"]!).ShouldBeTrue();
        var fields = project["fields"]!["nodes"]!.AsArray().OfType<JsonObject>().Where(f => f.Count > 0).ToList();
        fields.Single(f => (string?)f["name"] == "Status")["options"]!.AsArray().Select(o => (string?)o!["name"]).ShouldBe(["Todo", "Refined", "In Progress", "Waiting", "Done"]);
        Iterations(now, "iterations").ShouldBe(["Iteration 3 2026-11-23", "Iteration 4 2026-12-07", "Iteration 5 2026-12-21"]);
        Iterations(now, "completedIterations").ShouldBe(["Iteration 2 2026-11-09", "Iteration 1 2026-10-26"]);
        Iterations(later, "iterations").ShouldBe(["Iteration 5 2026-12-21"]);
    }

    [Fact]
    public async Task Query_UnknownFieldOrWrongArgument_IsAGraphQLErrorWithStatus200AndNoData()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();

        // When a field GitHub's schema lacks is selected, and a number is given as text
        var (status, unknown) = await sandbox.GraphQLAsync("query { organization(login: \"example-org\") { projectV2(number: 1) { id colour } } }");
        var (_, wrongType) = await sandbox.GraphQLAsync("query { organization(login: \"example-org\") { projectV2(number: \"one\") { id } } }");
        var (_, badVariable) = await sandbox.GraphQLAsync(Project, new JsonObject { ["owner"] = "example-org", ["number"] = "one" });

        // Then each is refused the way GitHub refuses it, before anything runs
        status.ShouldBe(200);
        unknown.ContainsKey("data").ShouldBeFalse();
        var error = unknown["errors"]![0]!;
        ((string?)error["message"]).ShouldBe("Field 'colour' doesn't exist on type 'ProjectV2'");
        ((string?)error["extensions"]!["code"]).ShouldBe("undefinedField");
        ((string?)wrongType["errors"]![0]!["extensions"]!["code"]).ShouldBe("argumentLiteralsIncompatible");
        ((string?)badVariable["errors"]![0]!["message"]).ShouldBe("Variable $number of type Int! was provided invalid value");
    }

    [Fact]
    public async Task Query_TokenWithoutProjectScope_IsInsufficientScopes()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();

        // When the token that has no project scope reads the board
        var (status, answer) = await sandbox.GraphQLAsync(Project, Board, GitHubSeed.NoProjectToken);

        // Then
        status.ShouldBe(200);
        answer.ContainsKey("data").ShouldBeFalse();
        ((string?)answer["errors"]![0]!["type"]).ShouldBe("INSUFFICIENT_SCOPES");
        ((string)answer["errors"]![0]!["message"]!).ShouldContain("['read:project']");
    }

    [Fact]
    public async Task Query_UnknownProjectNumber_IsNotFoundWithNullData()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();

        // When
        var (_, answer) = await sandbox.GraphQLAsync(Project, new JsonObject { ["owner"] = "example-org", ["number"] = 99 });

        // Then the project is null, and the error names it and its path
        answer["data"]!["organization"]!["projectV2"].ShouldBeNull();
        var error = answer["errors"]![0]!;
        ((string?)error["type"]).ShouldBe("NOT_FOUND");
        ((string?)error["message"]).ShouldBe("Could not resolve to a ProjectV2 with the number 99.");
        error["path"]!.AsArray().Select(p => (string?)p).ShouldBe(["organization", "projectV2"]);
    }

    [Fact]
    public async Task Graphql_WithoutToken_Is401()
    {
        // Given
        await using var sandbox = await GitHubHarness.StartAsync();

        // When
        var (status, answer) = await sandbox.GraphQLAsync(Project, Board, token: null);

        // Then
        status.ShouldBe(401);
        ((string?)answer["message"]).ShouldBe("This endpoint requires you to be authenticated.");
    }

    private static List<string> Iterations(JsonObject answer, string list) =>
    [
        .. answer["data"]!["organization"]!["projectV2"]!["fields"]!["nodes"]!.AsArray()
            .Single(f => (string?)f!["name"] == "Iteration")!["configuration"]![list]!.AsArray()
            .Select(i => $"{(string?)i!["title"]} {(string?)i["startDate"]}"),
    ];
}

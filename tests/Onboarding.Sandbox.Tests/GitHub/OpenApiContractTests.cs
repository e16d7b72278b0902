using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Onboarding.Testing.Contracts;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>The contract check itself must be able to fail, or the emulator's passing it proves nothing.</summary>
public sealed class OpenApiContractTests
{
    private const string IssuePath = "/repos/example-org/infrastructure/issues/1";

    [Fact]
    public async Task Check_IssueWithoutRequiredField_ReportsIt()
    {
        // Given
        var issue = await CreatedIssueAsync();
        issue.Remove("number");

        // When
        var problems = OpenApiContract.Instance.Check("GET", IssuePath, 200, issue.ToJsonString());

        // Then
        problems.ShouldHaveSingleItem().ShouldContain("number");
    }

    [Fact]
    public async Task Check_NullWhereTheSchemaIsNotNullable_ReportsIt()
    {
        // Given
        var issue = await CreatedIssueAsync();
        issue["title"] = null;

        // When
        var problems = OpenApiContract.Instance.Check("GET", IssuePath, 200, issue.ToJsonString());

        // Then
        problems.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Check_NullableFieldsAndDeclaredErrors_Pass()
    {
        // Given
        var issue = await CreatedIssueAsync();
        issue["body"] = null;
        issue["state_reason"] = null;
        issue["closed_at"] = null;

        // When
        var ok = OpenApiContract.Instance.Check("GET", IssuePath, 200, issue.ToJsonString());
        var notFound = OpenApiContract.Instance.Check("GET", IssuePath, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");

        // Then
        ok.ShouldBeEmpty();
        notFound.ShouldBeEmpty();
    }

    [Fact]
    public void Check_UndeclaredStatusOrUnknownPath_ReportsIt()
    {
        // When
        var teapot = OpenApiContract.Instance.Check("GET", IssuePath, 418, "{}");
        var unknown = OpenApiContract.Instance.Check("GET", "/repos/a/b/releases", 200, "[]");
        var badSearch = OpenApiContract.Instance.Check("GET", "/search/issues", 200, """{"total_count":0,"items":[]}""");

        // Then
        teapot.ShouldHaveSingleItem().ShouldContain("not declared");
        unknown.ShouldHaveSingleItem().ShouldContain("no operation");
        badSearch.ShouldNotBeEmpty();
    }

    private static async Task<JsonObject> CreatedIssueAsync()
    {
        await using var sandbox = await GitHubHarness.StartAsync();
        using var response = await sandbox.Raw().PostAsJsonAsync("repos/example-org/infrastructure/issues", new { title = "t", body = "b", labels = new[] { "phase-1" } });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Tests.HubSpot;

/// <summary>A private app token's granular scopes: a request needing one the token lacks is HubSpot's 403 MISSING_SCOPES.</summary>
public sealed class HubSpotEmulatorScopeTests
{
    private const string Limited = "pat-sandbox-limited";

    private static HubSpotSeed Without(params string[] scopes) => new()
    {
        Tokens = [HubSpotSeed.DefaultToken, Limited],
        TokenScopes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [Limited] = HubSpotScopes.AllBut(scopes) },
    };

    [Theory]
    [InlineData("GET", "crm/v3/schemas/{community}", HubSpotScopes.CustomSchemasRead)]
    [InlineData("GET", "crm/v3/properties/{community}", HubSpotScopes.CustomSchemasRead)]
    [InlineData("POST", "crm/v3/properties/{community}", HubSpotScopes.CustomSchemasWrite)]
    [InlineData("GET", "crm/associations/v4/{community}/contacts/labels", HubSpotScopes.CustomRead)]
    [InlineData("POST", "crm/associations/v4/{community}/contacts/labels", HubSpotScopes.ContactsWrite)]
    [InlineData("GET", "crm/v3/objects/{community}", HubSpotScopes.CustomRead)]
    [InlineData("POST", "crm/v3/objects/contacts/batch/upsert", HubSpotScopes.ContactsWrite)]
    [InlineData("POST", "crm/v3/objects/deals/batch/read", HubSpotScopes.DealsRead)]
    [InlineData("GET", "crm/v3/pipelines/deals", HubSpotScopes.DealsRead)]
    public async Task Request_TokenWithoutTheScopeItNeeds_403MissingScopesNamingIt(string method, string path, string scope)
    {
        // Given a token with every scope but the one this request needs
        await using var h = await HubSpotHarness.StartAsync(Without(scope));
        h.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Limited);

        // When
        using var response = await h.SendAsync(new HttpMethod(method), path.Replace("{community}", h.Community, StringComparison.Ordinal), method == "GET" ? null : "{}");

        // Then the answer is HubSpot's documented error shape, naming the scope, and nothing changed
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var body = await HubSpotHarness.BodyAsync(response);
        ((string?)body["status"]).ShouldBe("error");
        ((string?)body["category"]).ShouldBe("MISSING_SCOPES");
        ((string?)body["message"])!.ShouldContain("hasn't been granted all required scopes");
        ((string?)body["correlationId"]).ShouldNotBeNullOrEmpty();
        body["errors"]!.AsArray().Single()!["context"]!["requiredGranularScopes"]!.AsArray().Select(s => (string?)s).ShouldBe([scope]);
        ((string?)body["links"]!["scopes"]).ShouldBe("https://developers.hubspot.com/scopes");
        h.Journal.Entries.ShouldNotContain(e => e.ChangedState);
    }

    [Fact]
    public async Task Request_DefaultToken_HasEveryScopeOnboardingNeeds()
    {
        // Given the seed's token, next to a limited one
        await using var h = await HubSpotHarness.StartAsync(Without(HubSpotScopes.CustomSchemasRead));

        // When
        using var schema = await h.SendAsync(HttpMethod.Get, $"crm/v3/schemas/{h.Community}");
        using var properties = await h.SendAsync(HttpMethod.Get, $"crm/v3/properties/{h.Community}");

        // Then
        schema.StatusCode.ShouldBe(HttpStatusCode.OK);
        properties.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_TokenWithoutAnUnrelatedScope_IsServed()
    {
        // Given a token without the write scope of custom objects
        await using var h = await HubSpotHarness.StartAsync(Without(HubSpotScopes.CustomWrite));
        h.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Limited);

        // When it reads
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}/search", new JsonObject { ["filterGroups"] = new JsonArray(), ["properties"] = new JsonArray("name"), ["limit"] = 10 });

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Tests.HubSpot;

public sealed class HubSpotEmulatorSearchTests
{
    private static async Task<JsonObject> SearchAsync(HubSpotHarness h, string objectType, string request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}/search", request);
        var body = await HubSpotHarness.BodyAsync(response);
        response.StatusCode.ShouldBe(expected, body.ToJsonString());
        return body;
    }

    private static List<string> Names(JsonObject body, string property = "name") =>
        [.. body["results"]!.AsArray().Select(r => (string)r!["properties"]![property]!)];

    private static async Task<HubSpotHarness> WithCommunitiesAsync(HubSpotSeed? seed = null, TimeProvider? time = null)
    {
        var h = await HubSpotHarness.StartAsync(seed, time);
        await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo", ["github_organization"] = "pangeo-data", ["long_name"] = "Pangeo Community" });
        await h.CreateAsync(h.Community, new JsonObject { ["name"] = "cryocloud", ["github_organization"] = "CryoInTheCloud" });
        await h.CreateAsync(h.Community, new JsonObject { ["name"] = "openscapes", ["long_name"] = "NASA Openscapes" });
        return h;
    }

    [Fact]
    public async Task Search_FilterGroupsAreOredAndFiltersAnded()
    {
        // Given
        await using var h = await WithCommunitiesAsync();
        const string request = """
            {"filterGroups":[
              {"filters":[{"propertyName":"name","operator":"EQ","value":"pangeo"},{"propertyName":"github_organization","operator":"HAS_PROPERTY"}]},
              {"filters":[{"propertyName":"name","operator":"EQ","value":"cryocloud"},{"propertyName":"long_name","operator":"HAS_PROPERTY"}]},
              {"filters":[{"propertyName":"github_organization","operator":"NOT_HAS_PROPERTY"}]}
            ],"properties":["name"]}
            """;

        // When
        var body = await SearchAsync(h, h.Community, request);

        // Then: pangeo (group 1) and openscapes (group 3); cryocloud has no long_name so group 2 fails.
        Names(body).ShouldBe(["pangeo", "openscapes"], ignoreOrder: true);
        ((int?)body["total"]).ShouldBe(2);
    }

    [Theory]
    [InlineData("""{"propertyName":"name","operator":"IN","values":["pangeo","openscapes"]}""", "openscapes,pangeo")]
    [InlineData("""{"propertyName":"name","operator":"NEQ","value":"pangeo"}""", "cryocloud,openscapes")]
    [InlineData("""{"propertyName":"long_name","operator":"CONTAINS_TOKEN","value":"openscapes"}""", "openscapes")]
    [InlineData("""{"propertyName":"github_organization","operator":"CONTAINS_TOKEN","value":"cryo*"}""", "cryocloud")]
    [InlineData("""{"propertyName":"long_name","operator":"HAS_PROPERTY"}""", "openscapes,pangeo")]
    public async Task Search_Operator_MatchesTheRightRecords(string filter, string expected)
    {
        // Given
        await using var h = await WithCommunitiesAsync();

        // When
        var body = await SearchAsync(h, h.Community, $$"""{"filterGroups":[{"filters":[{{filter}}]}],"properties":["name"]}""");

        // Then
        Names(body).Order(StringComparer.Ordinal).ShouldBe(expected.Split(','));
    }

    [Fact]
    public async Task Search_PagesWithAfterAndReportsTotal()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] });
        for (var i = 0; i < 5; i++)
            await h.CreateAsync("contacts", new JsonObject { ["email"] = $"p{i}@example.org", ["company"] = "Example" });

        // When
        var emails = new List<string>();
        var totals = new List<int>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var afterJson = after is null ? "" : $",\"after\":\"{after}\"";
            var body = await SearchAsync(h, "contacts", $$"""{"filterGroups":[{"filters":[{"propertyName":"company","operator":"EQ","value":"example"}]}],"properties":["email"],"limit":2{{afterJson}}}""");
            emails.AddRange(Names(body, "email"));
            totals.Add((int)body["total"]!);
            after = (string?)body["paging"]?["next"]?["after"];
            if (after is null)
                break;
        }

        // Then
        emails.ShouldBe(Enumerable.Range(0, 5).Select(i => $"p{i}@example.org"));
        totals.ShouldAllBe(t => t == 5);
    }

    [Fact]
    public async Task Search_LimitOver200_Is400()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        var body = await SearchAsync(h, "contacts", """{"filterGroups":[],"limit":201}""", HttpStatusCode.BadRequest);

        // Then
        ((string?)body["category"]).ShouldBe("VALIDATION_ERROR");
    }

    [Fact]
    public async Task Search_LagsWrites_WhileReadByIdPropertyDoesNot()
    {
        // Given
        var time = new FakeTimeProvider(HubSpotHarness.Start);
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { SearchLag = TimeSpan.FromSeconds(3) }, time);
        const string request = """{"filterGroups":[{"filters":[{"propertyName":"name","operator":"EQ","value":"pangeo"}]}],"properties":["name","long_name"]}""";
        var id = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo", ["long_name"] = "Old" });

        // When
        var atOnce = await SearchAsync(h, h.Community, request);
        using var read = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{h.Community}/pangeo?idProperty=name");
        time.Advance(TimeSpan.FromSeconds(4));
        var later = await SearchAsync(h, h.Community, request);
        using var patch = await h.SendAsync(HttpMethod.Patch, $"crm/v3/objects/{h.Community}/{id}", """{"properties":{"long_name":"New"}}""");
        var afterPatch = await SearchAsync(h, h.Community, request);
        time.Advance(TimeSpan.FromSeconds(4));
        var afterLag = await SearchAsync(h, h.Community, request);

        // Then
        ((int?)atOnce["total"]).ShouldBe(0);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int?)later["total"]).ShouldBe(1);
        Names(afterPatch, "long_name").ShouldBe(["Old"]);
        Names(afterLag, "long_name").ShouldBe(["New"]);
    }

    [Fact]
    public async Task Search_AndBatchRead_AreNotStateChanges()
    {
        // Given
        await using var h = await WithCommunitiesAsync();
        h.Journal.Clear();

        // When
        await SearchAsync(h, h.Community, """{"filterGroups":[]}""");
        using var read = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}/batch/read", """{"idProperty":"name","inputs":[{"id":"pangeo"}]}""");

        // Then
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        h.Journal.Entries.Count.ShouldBe(2);
        h.Journal.StateChanges.ShouldBeEmpty();
    }
}

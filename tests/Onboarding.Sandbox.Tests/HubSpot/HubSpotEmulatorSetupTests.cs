using System.Net;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Tests.HubSpot;

/// <summary>What a new installation's setup asks of the portal: the Community object's properties and contact labels.</summary>
public sealed class HubSpotEmulatorSetupTests
{
    [Fact]
    public async Task Properties_BlankPortal_OnlyNameUntilOneIsCreated()
    {
        // Given a portal whose Community object has only its name
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Blank = true });
        var body = new JsonObject { ["name"] = "hubs", ["label"] = "Hubs", ["type"] = "string", ["fieldType"] = "textarea", ["groupName"] = "community_information" };

        // When
        using var before = await h.SendAsync(HttpMethod.Get, $"crm/v3/properties/{h.Community}");
        using var created = await h.SendAsync(HttpMethod.Post, $"crm/v3/properties/{h.Community}", body);
        using var again = await h.SendAsync(HttpMethod.Post, $"crm/v3/properties/{h.Community}", body);
        using var after = await h.SendAsync(HttpMethod.Get, $"crm/v3/properties/{h.Community}");

        // Then
        (await HubSpotHarness.BodyAsync(before))["results"]!.AsArray().Select(p => (string?)p!["name"]).ShouldBe(["name", "hs_object_id", "hs_createdate", "hs_lastmodifieddate"]);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ((string?)(await HubSpotHarness.BodyAsync(again))["category"]).ShouldBe("OBJECT_ALREADY_EXISTS");
        (await HubSpotHarness.BodyAsync(after))["results"]!.AsArray().ShouldContain(p => (string?)p!["name"] == "hubs" && (string?)p["fieldType"] == "textarea");
    }

    [Theory]
    [InlineData("""{"name":"hubs","label":"Hubs","type":"string","fieldType":"number","groupName":"community_information"}""", "Field type 'number' is not valid")]
    [InlineData("""{"name":"Hubs","label":"Hubs","type":"string","fieldType":"text","groupName":"community_information"}""", "is not valid: use lower-case")]
    [InlineData("""{"name":"hubs","label":"Hubs","type":"string","fieldType":"text","groupName":"nowhere"}""", "Property group 'nowhere' does not exist")]
    [InlineData("""{"name":"hubs","type":"string","fieldType":"text","groupName":"community_information"}""", "label is required")]
    public async Task Properties_InvalidDefinition_400Naming(string json, string expected)
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Blank = true });

        // When
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/properties/{h.Community}", json);

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)(await HubSpotHarness.BodyAsync(response))["message"])!.ShouldContain(expected);
    }

    [Fact]
    public async Task Labels_BlankPortalThenCreated_ListedBothWaysAndNotTwice()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Blank = true });
        var body = new JsonObject { ["name"] = "technical_contact", ["label"] = "Technical Contact" };

        // When
        using var before = await h.SendAsync(HttpMethod.Get, $"crm/associations/v4/{h.Community}/contacts/labels");
        using var created = await h.SendAsync(HttpMethod.Post, $"crm/associations/v4/{h.Community}/contacts/labels", body);
        using var again = await h.SendAsync(HttpMethod.Post, $"crm/associations/v4/{h.Community}/contacts/labels", body);
        using var after = await h.SendAsync(HttpMethod.Get, $"crm/associations/v4/{h.Community}/contacts/labels");
        using var inverse = await h.SendAsync(HttpMethod.Get, $"crm/associations/v4/contacts/{h.Community}/labels");

        // Then
        (await HubSpotHarness.BodyAsync(before))["results"]!.AsArray().ShouldAllBe(t => t!["label"] == null);
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await HubSpotHarness.BodyAsync(after))["results"]!.AsArray().Count(t => (string?)t!["label"] == "Technical Contact" && (string?)t["category"] == "USER_DEFINED").ShouldBe(1);
        (await HubSpotHarness.BodyAsync(inverse))["results"]!.AsArray().ShouldContain(t => (string?)t!["label"] == "Technical Contact");
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.Tests.HubSpot;

public sealed class HubSpotEmulatorSmokeTests
{
    [Fact]
    public async Task Smoke_CreateAndRead_Works()
    {
        await using var h = await HubSpotHarness.StartAsync();
        var id = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo", ["long_name"] = "Pangeo" });
        using var get = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{h.Seed.CommunityFullyQualifiedName}/pangeo?idProperty=name&properties=name,long_name");
        var body = await HubSpotHarness.BodyAsync(get);
        get.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        ((string)body["id"]!).ShouldBe(id);
    }
}

using System.Net;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Tests.HubSpot;

public sealed class HubSpotEmulatorMetadataTests
{
    [Fact]
    public async Task Pipelines_Deals_MapNumericStageIdsToLabels()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Get, "crm/v3/pipelines/deals");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pipelines = (await HubSpotHarness.BodyAsync(response))["results"]!.AsArray();
        pipelines.Select(p => (string?)p!["id"]).ShouldBe(["default", HubSpotSeed.OnboardingPipelineId]);
        var stages = pipelines[1]!["stages"]!.AsArray();
        var contractAdmin = stages.Single(s => (string?)s!["label"] == "Contract Admin")!;
        ((string?)contractAdmin["id"]).ShouldBe(HubSpotSeed.ContractAdminStageId);
        long.TryParse((string?)contractAdmin["id"], out _).ShouldBeTrue();
        var closedWon = stages.Single(s => (string?)s!["label"] == "Closed Won")!;
        ((string?)closedWon["metadata"]!["isClosed"]).ShouldBe("true");
        ((string?)closedWon["id"]).ShouldNotBe("Closed Won");
    }

    [Fact]
    public async Task Pipelines_OneStage_ByIdAndUnknownIs404()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var stage = await h.SendAsync(HttpMethod.Get, $"crm/v3/pipelines/deals/{HubSpotSeed.OnboardingPipelineId}/stages/{HubSpotSeed.ClosedLostStageId}");
        using var missing = await h.SendAsync(HttpMethod.Get, "crm/v3/pipelines/deals/42");

        // Then
        ((string?)(await HubSpotHarness.BodyAsync(stage))["label"]).ShouldBe("Closed Lost");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("crm-object-schemas/v3/schemas")]
    [InlineData("crm/v3/schemas")]
    public async Task Schemas_ListTheCommunityObject(string path)
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { PortalId = 555, CommunityObjectTypeId = "2-98765" });

        // When
        using var list = await h.SendAsync(HttpMethod.Get, path);
        using var one = await h.SendAsync(HttpMethod.Get, $"{path}/p555_community");

        // Then
        var schema = (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)schema["objectTypeId"]).ShouldBe("2-98765");
        ((string?)schema["fullyQualifiedName"]).ShouldBe("p555_community");
        var name = schema["properties"]!.AsArray().Single(p => (string?)p!["name"] == "name")!;
        ((bool?)name["hasUniqueValue"]).ShouldBe(true);
        ((string?)(await HubSpotHarness.BodyAsync(one))["objectTypeId"]).ShouldBe("2-98765");
    }

    [Fact]
    public async Task UnknownObjectType_Is400()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When: a custom object is not addressed by its bare name
        using var response = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/community");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string)(await HubSpotHarness.BodyAsync(response))["message"]!).ShouldContain("Unable to infer object type");
    }
}

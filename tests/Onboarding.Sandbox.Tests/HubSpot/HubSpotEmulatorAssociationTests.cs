using System.Net;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Tests.HubSpot;

public sealed class HubSpotEmulatorAssociationTests
{
    [Theory]
    [InlineData("crm/associations/v4")]
    [InlineData("crm/v4/associations")]
    public async Task Labels_CommunityToContacts_ArePortalSpecificUserDefinedIds(string prefix)
    {
        // Given: a portal whose Community association ids start at 3310
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { CommunityAssociationTypeIdBase = 3310 });

        // When
        using var response = await h.SendAsync(HttpMethod.Get, $"{prefix}/{h.Community}/contacts/labels");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = (await HubSpotHarness.BodyAsync(response))["results"]!.AsArray();
        var representative = results.Single(r => (string?)r!["label"] == "Community Representative")!;
        var technical = results.Single(r => (string?)r!["label"] == "Technical Contact")!;
        ((string?)representative["category"]).ShouldBe("USER_DEFINED");
        ((int)representative["typeId"]!).ShouldBe(3312);
        ((int)technical["typeId"]!).ShouldBe(3314);
        results.ShouldContain(r => r!["label"] == null && (string?)r["category"] == "HUBSPOT_DEFINED");
    }

    [Fact]
    public async Task LabelledPut_Is201_AndListShowsLabelsWithTheDefault()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        var contact = h.Seed.Contacts[0].Id;
        var body = $$"""[{"associationCategory":"USER_DEFINED","associationTypeId":{{h.Seed.TechnicalContactTypeId}}}]""";

        // When
        using var put = await h.SendAsync(HttpMethod.Put, $"crm/v4/objects/{h.Community}/{community}/associations/contacts/{contact}", body);
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community}/associations/contacts");
        using var inverse = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/contacts/{contact}/associations/{h.Community}");

        // Then
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await HubSpotHarness.BodyAsync(put);
        created["labels"]!.AsArray().Select(l => (string?)l).ShouldBe(["Technical Contact"]);
        var item = (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldHaveSingleItem()!;
        item["toObjectId"]!.ToString().ShouldBe(contact);
        var types = item["associationTypes"]!.AsArray();
        types.ShouldContain(t => (int)t!["typeId"]! == h.Seed.TechnicalContactTypeId && (string?)t["label"] == "Technical Contact" && (string?)t["category"] == "USER_DEFINED");
        types.ShouldContain(t => t!["label"] == null && (string?)t["category"] == "HUBSPOT_DEFINED");
        (await HubSpotHarness.BodyAsync(inverse))["results"]!.AsArray().ShouldHaveSingleItem()!["toObjectId"]!.ToString().ShouldBe(community);
    }

    [Fact]
    public async Task LabelledPut_WithUnknownTypeId_Is400AndAssociatesNothing()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });

        // When: 1 is contact->company "Primary", not a Community->contact type in this portal
        using var put = await h.SendAsync(HttpMethod.Put, $"crm/v4/objects/{h.Community}/{community}/associations/contacts/{h.Seed.Contacts[0].Id}", """[{"associationCategory":"USER_DEFINED","associationTypeId":1}]""");
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community}/associations/contacts");

        // Then
        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)(await HubSpotHarness.BodyAsync(put))["category"]).ShouldBe("VALIDATION_ERROR");
        (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task DefaultPut_UserDefinedTypesOnly_Is400()
    {
        // Given a portal whose Community–deal type is user-defined (the emulator's default)
        await using var h = await HubSpotHarness.StartAsync();
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });

        // When the default endpoint is asked to associate them
        using var response = await h.SendAsync(HttpMethod.Put, $"crm/v4/objects/{h.Community}/{community}/associations/default/deals/{HubSpotSeed.ContractAdminDealId}");
        using var labels = await h.SendAsync(HttpMethod.Get, $"crm/associations/v4/{h.Community}/deals/labels");

        // Then it refuses, and the labels list the portal's user-defined type to use instead
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var type = (await HubSpotHarness.BodyAsync(labels))["results"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)type["category"], (int)type["typeId"]!, type["label"]).ShouldBe(("USER_DEFINED", h.Seed.CommunityToDealDefaultTypeId, null));
    }

    [Fact]
    public async Task DefaultPut_AssociatesCommunityWithDeal_AndRepeatingChangesNothing()
    {
        // Given a portal with a HubSpot-defined type between the Community object and deals
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { CommunityDefaultAssociationCategory = "HUBSPOT_DEFINED" });
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        var path = $"crm/v4/objects/{h.Community}/{community}/associations/default/deals/{HubSpotSeed.ContractAdminDealId}";

        // When
        using var first = await h.SendAsync(HttpMethod.Put, path);
        h.Journal.Clear();
        using var second = await h.SendAsync(HttpMethod.Put, path);
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/deals/{HubSpotSeed.ContractAdminDealId}/associations/{h.Seed.CommunityFullyQualifiedName}");

        // Then
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var spec = (await HubSpotHarness.BodyAsync(first))["results"]![0]!["associationSpec"]!;
        ((int)spec["associationTypeId"]!).ShouldBe(h.Seed.CommunityToDealDefaultTypeId);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        h.Journal.StateChanges.ShouldBeEmpty();
        (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldHaveSingleItem()!["toObjectId"]!.ToString().ShouldBe(community);
    }

    [Fact]
    public async Task Delete_RemovesTheAssociationButNotTheRecords()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        var contact = h.Seed.Contacts[0].Id;
        var path = $"crm/v4/objects/{h.Community}/{community}/associations/contacts/{contact}";
        using var put = await h.SendAsync(HttpMethod.Put, path, $$"""[{"associationCategory":"USER_DEFINED","associationTypeId":{{h.Seed.CommunityRepresentativeTypeId}}}]""");

        // When
        using var delete = await h.SendAsync(HttpMethod.Delete, path);
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community}/associations/contacts");

        // Then
        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldBeEmpty();
        h.Store.PropertiesOf("contacts", contact).ShouldNotBeNull();
        h.Store.PropertiesOf(h.Community, community).ShouldNotBeNull();
    }

    [Fact]
    public async Task List_PagesWithLimitAndAfter()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] });
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        var contacts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var contact = await h.CreateAsync("contacts", new JsonObject { ["email"] = $"p{i}@example.org" });
            contacts.Add(contact);
            using var put = await h.SendAsync(HttpMethod.Put, $"crm/v4/objects/{h.Community}/{community}/associations/default/contacts/{contact}");
        }

        // When
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            using var response = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community}/associations/contacts?limit=2" + (after is null ? "" : "&after=" + after));
            var body = await HubSpotHarness.BodyAsync(response);
            seen.AddRange(body["results"]!.AsArray().Select(r => r!["toObjectId"]!.ToString()));
            after = (string?)body["paging"]?["next"]?["after"];
            if (after is null)
                break;
        }

        // Then
        seen.ShouldBe(contacts);
    }

    [Fact]
    public async Task BatchCreateAndRead_ReturnLabels_AndReadIs207ForRecordsWithoutAssociations()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        var lonely = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "lonely" });
        var contact = h.Seed.Contacts[0].Id;
        var create = $$"""{"inputs":[{"from":{"id":"{{community}}"},"to":{"id":"{{contact}}"},"types":[{"associationCategory":"USER_DEFINED","associationTypeId":{{h.Seed.CommunityRepresentativeTypeId}}}]}]}""";

        // When
        using var created = await h.SendAsync(HttpMethod.Post, $"crm/v4/associations/{h.Community}/contacts/batch/create", create);
        using var read = await h.SendAsync(HttpMethod.Post, $"crm/v4/associations/{h.Community}/contacts/batch/read", $$"""{"inputs":[{"id":"{{community}}"},{"id":"{{lonely}}"}]}""");

        // Then
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await HubSpotHarness.BodyAsync(created))["results"]![0]!["labels"]!.AsArray().Select(l => (string?)l).ShouldBe(["Community Representative"]);
        read.StatusCode.ShouldBe((HttpStatusCode)207);
        var body = await HubSpotHarness.BodyAsync(read);
        ((string?)body["results"]![0]!["from"]!["id"]).ShouldBe(community);
        ((int?)body["numErrors"]).ShouldBe(1);
    }

    [Fact]
    public async Task BatchRead_AThousandRecords_IsServedAndOneMoreIs400()
    {
        // Given a community with a contact, and 999 records without associations
        await using var h = await HubSpotHarness.StartAsync();
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        using var put = await h.SendAsync(HttpMethod.Put, $"crm/v4/objects/{h.Community}/{community}/associations/contacts/{h.Seed.Contacts[0].Id}",
            $$"""[{"associationCategory":"USER_DEFINED","associationTypeId":{{h.Seed.CommunityRepresentativeTypeId}}}]""");
        static string Inputs(IEnumerable<string> ids) => "{\"inputs\":[" + string.Join(",", ids.Select(id => $"{{\"id\":\"{id}\"}}")) + "]}";
        var thousand = Enumerable.Range(1, 999).Select(n => (900000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend(community).ToList();

        // When (HubSpot takes at most 1,000 records in one association batch read)
        using var read = await h.SendAsync(HttpMethod.Post, $"crm/v4/associations/{h.Community}/contacts/batch/read", Inputs(thousand));
        using var tooMany = await h.SendAsync(HttpMethod.Post, $"crm/v4/associations/{h.Community}/contacts/batch/read", Inputs(thousand.Append("1")));

        // Then
        read.StatusCode.ShouldBe((HttpStatusCode)207);
        var body = await HubSpotHarness.BodyAsync(read);
        body["results"]!.AsArray().Select(r => (string?)r!["from"]!["id"]).ShouldBe([community]);
        ((int?)body["numErrors"]).ShouldBe(999);
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)(await HubSpotHarness.BodyAsync(tooMany))["category"]).ShouldBe("VALIDATION_ERROR");
    }

    [Fact]
    public async Task BatchLabelsArchive_RemovesOnlyThatLabel()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var community = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        var contact = h.Seed.Contacts[0].Id;
        using var put = await h.SendAsync(HttpMethod.Put, $"crm/v4/objects/{h.Community}/{community}/associations/contacts/{contact}",
            $$"""[{"associationCategory":"USER_DEFINED","associationTypeId":{{h.Seed.CommunityRepresentativeTypeId}}},{"associationCategory":"USER_DEFINED","associationTypeId":{{h.Seed.TechnicalContactTypeId}}}]""");
        var archive = $$"""{"inputs":[{"from":{"id":"{{community}}"},"to":{"id":"{{contact}}"},"types":[{"associationCategory":"USER_DEFINED","associationTypeId":{{h.Seed.TechnicalContactTypeId}}}]}]}""";

        // When
        using var archived = await h.SendAsync(HttpMethod.Post, $"crm/v4/associations/{h.Community}/contacts/batch/labels/archive", archive);
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community}/associations/contacts");

        // Then
        archived.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var labels = (await HubSpotHarness.BodyAsync(list))["results"]![0]!["associationTypes"]!.AsArray().Select(t => (string?)t!["label"]).ToList();
        labels.ShouldContain("Community Representative");
        labels.ShouldNotContain("Technical Contact");
    }

    [Fact]
    public async Task CreateNote_WithAssociations_IsListedOnTheDeal()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var note = $$"""{"properties":{"hs_note_body":"Hub delivered","hs_timestamp":"2025-06-02T09:00:00Z"},"associations":[{"to":{"id":"{{HubSpotSeed.ClosedWonDealId}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":214}]}]}""";

        // When
        using var created = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/notes", note);
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/deals/{HubSpotSeed.ClosedWonDealId}/associations/notes");

        // Then
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (string)(await HubSpotHarness.BodyAsync(created))["id"]!;
        (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldHaveSingleItem()!["toObjectId"]!.ToString().ShouldBe(id);
    }

    [Fact]
    public async Task CreateNote_WithoutTimestamp_Is400()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var created = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/notes", """{"properties":{"hs_note_body":"Hub delivered"}}""");

        // Then
        created.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string)(await HubSpotHarness.BodyAsync(created))["message"]!).ShouldContain("hs_timestamp");
    }
}

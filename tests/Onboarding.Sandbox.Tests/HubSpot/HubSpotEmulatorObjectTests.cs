using System.Net;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Tests.HubSpot;

public sealed class HubSpotEmulatorObjectTests
{
    [Fact]
    public async Task Request_WithoutBearerToken_Is401InvalidAuthentication()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        h.Http.DefaultRequestHeaders.Authorization = null;

        // When
        using var response = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await HubSpotHarness.BodyAsync(response);
        ((string?)body["status"]).ShouldBe("error");
        ((string?)body["category"]).ShouldBe("INVALID_AUTHENTICATION");
        Guid.TryParse((string?)body["correlationId"], out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Request_WithWrongBearerToken_Is401AndChangesNothing()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        h.Http.DefaultRequestHeaders.Authorization = new("Bearer", "pat-not-the-right-one");
        var before = h.Store.CountRecords("contacts");

        // When
        using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", """{"properties":{"email":"x@example.org"}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ((string?)(await HubSpotHarness.BodyAsync(response))["category"]).ShouldBe("INVALID_AUTHENTICATION");
        h.Store.CountRecords("contacts").ShouldBe(before);
        h.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_Community_Is201WithStringIdAndStringProperties()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}", """{"properties":{"name":"pangeo","long_name":"Pangeo","time_to_first_value_days":12}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await HubSpotHarness.BodyAsync(response);
        body["id"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.String);
        ((string?)body["properties"]!["name"]).ShouldBe("pangeo");
        ((string?)body["properties"]!["time_to_first_value_days"]).ShouldBe("12");
        ((bool?)body["archived"]).ShouldBe(false);
        body["createdAt"].ShouldNotBeNull();
        h.Journal.StateChanges.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("fqn")]
    public async Task Read_CommunityByTypeIdOrFullyQualifiedName_FindsTheSameRecord(string form)
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var id = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });
        var type = form == "id" ? h.Seed.CommunityObjectTypeId : h.Seed.CommunityFullyQualifiedName;

        // When
        using var response = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{type}/{id}?properties=name");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string?)(await HubSpotHarness.BodyAsync(response))["properties"]!["name"]).ShouldBe("pangeo");
    }

    [Theory]
    [InlineData("contacts")]
    [InlineData("0-1")]
    public async Task Read_ContactByNameOrTypeId_FindsSeededContact(string type)
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{type}/{h.Seed.Contacts[0].Id}");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string?)(await HubSpotHarness.BodyAsync(response))["properties"]!["email"]).ShouldBe(h.Seed.Contacts[0].Email);
    }

    [Fact]
    public async Task Read_ByIdPropertyName_FindsCommunityAtOnce_AndUnknownIs404()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { SearchLag = TimeSpan.FromMinutes(5) });
        var id = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });

        // When
        using var found = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{h.Community}/pangeo?idProperty=name");
        using var missing = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{h.Community}/nobody?idProperty=name");

        // Then
        ((string?)(await HubSpotHarness.BodyAsync(found))["id"]).ShouldBe(id);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ((string?)(await HubSpotHarness.BodyAsync(missing))["category"]).ShouldBe("OBJECT_NOT_FOUND");
    }

    [Fact]
    public async Task Read_ByNonUniqueIdProperty_Is400()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{h.Community}/Pangeo?idProperty=long_name");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)(await HubSpotHarness.BodyAsync(response))["category"]).ShouldBe("VALIDATION_ERROR");
    }

    [Fact]
    public async Task Create_WithUnknownProperty_Is400ValidationErrorNamingIt()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}", """{"properties":{"name":"pangeo","favourite_colour":"blue"}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await HubSpotHarness.BodyAsync(response);
        ((string?)body["status"]).ShouldBe("error");
        ((string?)body["category"]).ShouldBe("VALIDATION_ERROR");
        ((string)body["message"]!).ShouldContain("favourite_colour");
        ((string)body["message"]!).ShouldContain("PROPERTY_DOESNT_EXIST");
        ((string?)body["errors"]![0]!["code"]).ShouldBe("PROPERTY_DOESNT_EXIST");
        h.Store.CountRecords(h.Community).ShouldBe(0);
    }

    [Fact]
    public async Task Create_WithoutProperties_Is400()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}", """{"name":"pangeo"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string)(await HubSpotHarness.BodyAsync(response))["message"]!).ShouldContain("[properties]");
    }

    [Fact]
    public async Task Patch_WithoutProperties_Is400ValidationError()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var id = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });

        // When
        using var response = await h.SendAsync(HttpMethod.Patch, $"crm/v3/objects/{h.Community}/{id}", """{"long_name":"Pangeo"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await HubSpotHarness.BodyAsync(response);
        ((string?)body["category"]).ShouldBe("VALIDATION_ERROR");
        ((string)body["message"]!).ShouldContain("properties");
    }

    [Fact]
    public async Task Patch_UnknownProperty_Is400_AndEmptyStringClearsAValue()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var id = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo", ["website"] = "https://pangeo.io" });

        // When
        using var bad = await h.SendAsync(HttpMethod.Patch, $"crm/v3/objects/{h.Community}/{id}", """{"properties":{"webseite":"x"}}""");
        using var clear = await h.SendAsync(HttpMethod.Patch, $"crm/v3/objects/{h.Community}/{id}", """{"properties":{"website":"","long_name":"Pangeo"}}""");

        // Then
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)(await HubSpotHarness.BodyAsync(bad))["category"]).ShouldBe("VALIDATION_ERROR");
        clear.StatusCode.ShouldBe(HttpStatusCode.OK);
        var props = h.Store.PropertiesOf(h.Community, id)!;
        props.ContainsKey("website").ShouldBeFalse();
        props["long_name"].ShouldBe("Pangeo");
    }

    [Fact]
    public async Task Create_ContactWithExistingEmail_Is409NamingTheExistingId()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var existing = h.Seed.Contacts[0];

        // When
        using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", $$$"""{"properties":{"email":"{{{existing.Email.ToUpperInvariant()}}}"}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var body = await HubSpotHarness.BodyAsync(response);
        ((string?)body["message"]).ShouldBe($"Contact already exists. Existing ID: {existing.Id}");
        ((string?)body["category"]).ShouldBe("CONFLICT");
    }

    [Fact]
    public async Task Create_CommunityWithTakenName_Is400AlreadyHasThatValue()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });

        // When
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}", """{"properties":{"name":"pangeo"}}""");

        // Then: as HubSpot has answered for custom objects, a validation error without the existing record's id
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await HubSpotHarness.BodyAsync(response);
        ((string?)body["category"]).ShouldBe("VALIDATION_ERROR");
        ((string)body["message"]!).ShouldContain("already has that value");
        body.ContainsKey("context").ShouldBeFalse();
        h.Store.CountRecords(h.Community).ShouldBe(1);
    }

    [Fact]
    public async Task Create_CommunityWithTakenName_WhenSeededSo_Is409()
    {
        // Given a portal that answers conflicts the documented way
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { UniqueConflictsAsBadRequest = false });
        await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });

        // When
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}", """{"properties":{"name":"pangeo"}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        h.Store.CountRecords(h.Community).ShouldBe(1);
    }

    [Fact]
    public async Task BatchRead_ManyIds_AnswersInAnotherOrderThanAsked_TheSameOnEveryRun()
    {
        // Given twenty contacts, read back in the order they were made, on two portals with the same seed
        var orders = new List<List<string>>();
        for (var run = 0; run < 2; run++)
        {
            await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] });
            var ids = new List<string>();
            for (var i = 0; i < 20; i++)
                ids.Add(await h.CreateAsync("contacts", new JsonObject { ["email"] = $"p{i}@example.org" }));

            // When
            using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/read",
                new JsonObject { ["inputs"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["id"] = id })]), ["properties"] = new JsonArray("email"), ["propertiesWithHistory"] = new JsonArray() });

            // Then every id comes back, not in the order asked
            var answered = (await HubSpotHarness.BodyAsync(response))["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
            answered.ShouldBe(ids, ignoreOrder: true);
            answered.ShouldNotBe(ids);
            orders.Add(answered.Select(id => ids.IndexOf(id).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());
        }

        // And the order is the same on both runs (seeded), so tests stay deterministic
        orders[1].ShouldBe(orders[0]);
    }

    [Fact]
    public async Task BatchUpsert_OneInvalidInput_Is207_AndTheOthersAreDone()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] });

        // When one of three inputs has an invalid email
        using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """
            {"inputs":[
              {"idProperty":"email","id":"grace@example.org","properties":{"firstname":"Grace"}},
              {"idProperty":"email","id":"not an email","properties":{"firstname":"Nobody"}},
              {"idProperty":"email","id":"ada@example.org","properties":{"firstname":"Ada"}}]}
            """);

        // Then it answers 207 with the error of that input, and the other two exist
        response.StatusCode.ShouldBe((HttpStatusCode)207);
        var body = await HubSpotHarness.BodyAsync(response);
        ((int)body["numErrors"]!).ShouldBe(1);
        body["errors"]![0]!["context"]!["ids"]![0]!.ToString().ShouldBe("not an email");
        body["results"]!.AsArray().Count.ShouldBe(2);
        h.Store.CountRecords("contacts").ShouldBe(2);
    }

    [Fact]
    public async Task Create_NoteWithHtmlComment_StoresTheBodyWithoutIt()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When a note's body carries an HTML comment
        var note = await h.CreateAsync("notes", new JsonObject { ["hs_note_body"] = "<!-- marker --><p>Delivered</p><p><small>key</small></p>", ["hs_timestamp"] = "2025-06-02T09:00:00.000Z" });

        // Then the sanitised body keeps the visible text only
        h.Store.PropertiesOf("notes", note)!["hs_note_body"].ShouldBe("<p>Delivered</p><p><small>key</small></p>");
    }

    [Fact]
    public async Task Create_DealWithStageOfAnotherPipeline_Is400()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/deals", $$$"""{"properties":{"dealname":"x","pipeline":"default","dealstage":"{{{HubSpotSeed.ContractAdminStageId}}}"}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string)(await HubSpotHarness.BodyAsync(response))["message"]!).ShouldContain("dealstage");
    }

    [Fact]
    public async Task BatchRead_WithMissingIds_Is207WithErrorsAndNumErrors_AndChangesNothing()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var request = $$"""{"inputs":[{"id":"{{HubSpotSeed.ContractAdminDealId}}"},{"id":"999"}],"properties":["dealstage","pipeline"]}""";

        // When
        using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/deals/batch/read", request);

        // Then
        response.StatusCode.ShouldBe((HttpStatusCode)207);
        var body = await HubSpotHarness.BodyAsync(response);
        ((int?)body["numErrors"]).ShouldBe(1);
        ((string?)body["errors"]![0]!["category"]).ShouldBe("OBJECT_NOT_FOUND");
        ((string?)body["errors"]![0]!["context"]!["ids"]![0]).ShouldBe("999");
        var result = body["results"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)result["properties"]!["dealstage"]).ShouldBe(HubSpotSeed.ContractAdminStageId);
        h.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task BatchRead_AllFound_Is200WithoutErrors()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/deals/batch/read", $$"""{"inputs":[{"id":"{{HubSpotSeed.ClosedWonDealId}}"}]}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await HubSpotHarness.BodyAsync(response);
        body.ContainsKey("errors").ShouldBeFalse();
        ((string?)body["status"]).ShouldBe("COMPLETE");
    }

    [Fact]
    public async Task BatchUpsert_WithoutIdProperty_Is400AndCreatesNothing()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var before = h.Store.CountRecords("contacts");

        // When
        using var response = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"id":"grace@example.org","properties":{"firstname":"Grace"}}]}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)(await HubSpotHarness.BodyAsync(response))["category"]).ShouldBe("VALIDATION_ERROR");
        h.Store.CountRecords("contacts").ShouldBe(before);
    }

    [Fact]
    public async Task BatchUpsert_SameEmailTwice_IsNewThenNotNew_AndOneContact()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        const string request = """{"inputs":[{"idProperty":"email","id":"grace@example.org","properties":{"firstname":"Grace"}}]}""";

        // When
        using var first = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", request);
        using var second = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", request.Replace("Grace\"", "Grace B.\"", StringComparison.Ordinal));

        // Then
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = (await HubSpotHarness.BodyAsync(first))["results"]![0]!;
        var b = (await HubSpotHarness.BodyAsync(second))["results"]![0]!;
        ((bool?)a["new"]).ShouldBe(true);
        ((bool?)b["new"]).ShouldBe(false);
        ((string?)b["id"]).ShouldBe((string?)a["id"]);
        h.Store.FindIds("contacts", "email", "grace@example.org").ShouldHaveSingleItem();
        h.Store.PropertiesOf("contacts", (string)a["id"]!)!["firstname"].ShouldBe("Grace B.");
    }

    [Theory]
    [InlineData("batch/upsert")]
    [InlineData("batch/read")]
    [InlineData("batch/create")]
    public async Task Batch_With101Inputs_Is400(string action)
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var inputs = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode?)new JsonObject
        {
            ["idProperty"] = "email",
            ["id"] = $"p{i}@example.org",
            ["properties"] = new JsonObject { ["email"] = $"p{i}@example.org" },
        })]);

        // When
        using var response = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/contacts/{action}", new JsonObject { ["inputs"] = inputs });

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)(await HubSpotHarness.BodyAsync(response))["category"]).ShouldBe("VALIDATION_ERROR");
        h.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task BatchCreateAndUpdate_WriteEveryInput()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();

        // When
        using var created = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/create", """{"inputs":[{"properties":{"email":"a@example.org"}},{"properties":{"email":"b@example.org"}}]}""");
        var ids = (await HubSpotHarness.BodyAsync(created))["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        using var updated = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/update", $$$"""{"inputs":[{"id":"{{{ids[0]}}}","properties":{"firstname":"A"}},{"id":"b@example.org","idProperty":"email","properties":{"firstname":"B"}}]}""");

        // Then
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        h.Store.PropertiesOf("contacts", ids[0])!["firstname"].ShouldBe("A");
        h.Store.PropertiesOf("contacts", ids[1])!["firstname"].ShouldBe("B");
    }

    [Fact]
    public async Task List_PagesWithAfterUntilNoNextPage()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] });
        for (var i = 0; i < 5; i++)
            await h.CreateAsync("contacts", new JsonObject { ["email"] = $"p{i}@example.org" });

        // When
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            using var response = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts?limit=2&properties=email" + (after is null ? "" : "&after=" + after));
            var body = await HubSpotHarness.BodyAsync(response);
            seen.AddRange(body["results"]!.AsArray().Select(r => (string)r!["properties"]!["email"]!));
            after = (string?)body["paging"]?["next"]?["after"];
            if (after is null)
                break;
        }

        // Then
        seen.ShouldBe(Enumerable.Range(0, 5).Select(i => $"p{i}@example.org"));
    }

    [Fact]
    public async Task Delete_ArchivesTheRecord_AndReadIs404()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var id = await h.CreateAsync("contacts", new JsonObject { ["email"] = "gone@example.org" });

        // When
        using var deleted = await h.SendAsync(HttpMethod.Delete, $"crm/v3/objects/contacts/{id}");
        using var read = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{id}");

        // Then
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Read_WithAssociations_ListsAssociatedIdsByType()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var contact = h.Seed.Contacts[0].Id;
        var create = $$$"""{"properties":{"name":"pangeo"},"associations":[{"to":{"id":"{{{contact}}}"},"types":[{"associationCategory":"USER_DEFINED","associationTypeId":{{{h.Seed.CommunityRepresentativeTypeId}}}}]}]}""";
        using var created = await h.SendAsync(HttpMethod.Post, $"crm/v3/objects/{h.Community}", create);
        var id = (string)(await HubSpotHarness.BodyAsync(created))["id"]!;

        // When
        using var response = await h.SendAsync(HttpMethod.Get, $"crm/v3/objects/{h.Community}/{id}?associations=contacts");

        // Then
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var results = (await HubSpotHarness.BodyAsync(response))["associations"]!["contacts"]!["results"]!.AsArray();
        results.ShouldAllBe(r => (string?)r!["id"] == contact);
        results.Select(r => (string?)r!["type"]).ShouldContain("community_representative");
    }

    [Fact]
    public async Task State_ExportedAndImported_KeepsRecords()
    {
        // Given
        await using var h = await HubSpotHarness.StartAsync();
        var id = await h.CreateAsync(h.Community, new JsonObject { ["name"] = "pangeo" });

        // When
        var restored = new HubSpotStore(HubSpotStore.ImportJson(h.Store.ExportJson()), TimeSpan.Zero);

        // Then
        restored.PropertiesOf(h.Community, id)!["name"].ShouldBe("pangeo");
        restored.CountRecords("deals").ShouldBe(h.Seed.Deals.Count);
    }
}

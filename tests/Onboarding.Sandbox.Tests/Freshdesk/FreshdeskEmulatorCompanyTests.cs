using System.Net;

namespace Onboarding.Sandbox.Tests.Freshdesk;

public sealed class FreshdeskEmulatorCompanyTests
{
    [Fact]
    public async Task CreateCompany_DuplicateName_Is409OnName()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/companies", """{"name":"Example Community"}""");

        // When
        using var response = await fd.PostAsync("api/v2/companies", """{"name":"example community"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var error = (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!;
        error["field"]!.GetValue<string>().ShouldBe("name");
        error["code"]!.GetValue<string>().ShouldBe("duplicate_value");
    }

    [Fact]
    public async Task UpdateCompany_CustomFields_SetsGivenAndKeepsOthers()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/companies", """{"name":"Example","custom_fields":{"grafana_url":"https://grafana.example.org"}}""");

        // When
        using var response = await fd.PutAsync($"api/v2/companies/{id}", """{"custom_fields":{"hub_urls":"https://hub.example.org"}}""");
        using var read = await fd.Http.GetAsync($"api/v2/companies/{id}");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fields = (await FreshdeskHarness.ReadAsync(read))["custom_fields"]!;
        fields["hub_urls"]!.GetValue<string>().ShouldBe("https://hub.example.org");
        fields["grafana_url"]!.GetValue<string>().ShouldBe("https://grafana.example.org");
        fields.AsObject().ContainsKey("community_representatives").ShouldBeTrue();
        fields["community_representatives"].ShouldBeNull();
    }

    [Fact]
    public async Task UpdateCompany_UnknownCustomField_Is400InvalidFieldAndChangesNothing()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/companies", """{"name":"Example"}""");
        fd.Journal.Clear();

        // When
        using var response = await fd.PutAsync($"api/v2/companies/{id}", """{"custom_fields":{"hub_urls":"x","deal_id":"42"}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(response))["errors"]!.AsArray().Single()!;
        error["field"]!.GetValue<string>().ShouldBe("deal_id");
        error["code"]!.GetValue<string>().ShouldBe("invalid_field");
        fd.Journal.StateChanges.ShouldBeEmpty();
        fd.Emulator.Store.Snapshot().Companies.Single().CustomFields["hub_urls"].ShouldBeNull();
    }

    [Fact]
    public async Task UpdateCompany_NumberInTextField_Is400DatatypeMismatch()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/companies", """{"name":"Example"}""");

        // When
        using var response = await fd.PutAsync($"api/v2/companies/{id}", """{"custom_fields":{"hub_urls":42}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("datatype_mismatch");
    }

    [Fact]
    public async Task Autocomplete_Prefix_ReturnsIdsAndNamesOfMatchingCompanies()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var acme = await fd.CreateAsync("api/v2/companies", """{"name":"Acme"}""");
        var labs = await fd.CreateAsync("api/v2/companies", """{"name":"Acme Labs"}""");
        await fd.CreateAsync("api/v2/companies", """{"name":"Other"}""");

        // When
        using var response = await fd.Http.GetAsync("api/v2/companies/autocomplete?name=acm");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var companies = (await FreshdeskHarness.ReadAsync(response))["companies"]!.AsArray();
        companies.Select(c => c!["id"]!.GetValue<long>()).ShouldBe([acme, labs], ignoreOrder: true);
        companies.Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Acme", "Acme Labs"], ignoreOrder: true);
        companies[0]!.AsObject().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Autocomplete_NoMatch_ReturnsEmptyList()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/companies", """{"name":"Acme"}""");

        // When
        using var response = await fd.Http.GetAsync("api/v2/companies/autocomplete?name=zzz");

        // Then
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"companies":[]}""");
    }

    [Fact]
    public async Task Autocomplete_ManyNamesWithThePrefix_AnswersACappedListWithoutTheExactOne()
    {
        // Given "alpha" and, created after it, twelve companies whose names start the same way
        await using var fd = await FreshdeskHarness.StartAsync();
        var alpha = await fd.CreateAsync("api/v2/companies", """{"name":"alpha"}""");
        for (var i = 0; i < 12; i++)
            await fd.CreateAsync("api/v2/companies", $$"""{"name":"alpha{{i}}"}""");

        // When
        using var response = await fd.Http.GetAsync("api/v2/companies/autocomplete?name=alpha");

        // Then the list is cut short at the seed's cap, and nothing puts the exact name in it
        var ids = (await FreshdeskHarness.ReadAsync(response))["companies"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ToList();
        ids.Count.ShouldBe(fd.Emulator.Seed.AutocompleteLimit);
        ids.ShouldNotContain(alpha);
    }

    [Fact]
    public async Task Autocomplete_TextInsideAName_FindsNothing()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/companies", """{"name":"Tidepool Coastal Observatory"}""");

        // When a later word or the middle of a word is asked for
        using var word = await fd.Http.GetAsync("api/v2/companies/autocomplete?name=coastal");
        using var inside = await fd.Http.GetAsync("api/v2/companies/autocomplete?name=idepool");

        // Then only a prefix of the whole name matches
        (await word.Content.ReadAsStringAsync()).ShouldBe("""{"companies":[]}""");
        (await inside.Content.ReadAsStringAsync()).ShouldBe("""{"companies":[]}""");
    }
}

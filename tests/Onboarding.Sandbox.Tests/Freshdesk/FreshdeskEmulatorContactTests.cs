using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Freshdesk;

namespace Onboarding.Sandbox.Tests.Freshdesk;

public sealed class FreshdeskEmulatorContactTests
{
    [Fact]
    public async Task Request_WithoutKey_Is401InvalidCredentials()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var anonymous = fd.NewHttp(apiKey: null);

        // When
        using var response = await anonymous.GetAsync("api/v2/contacts");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await FreshdeskHarness.ReadAsync(response))["code"]!.GetValue<string>().ShouldBe("invalid_credentials");
    }

    [Fact]
    public async Task Request_WithWrongKey_Is401InvalidCredentialsAndChangesNothing()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var wrong = fd.NewHttp("not-the-key");

        // When
        using var response = await wrong.PostAsync("api/v2/contacts", FreshdeskHarness.Json("""{"name":"Ada","email":"ada@example.org"}"""));

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await FreshdeskHarness.ReadAsync(response);
        body["code"]!.GetValue<string>().ShouldBe("invalid_credentials");
        body["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        fd.Journal.StateChanges.ShouldBeEmpty();
        fd.Emulator.Store.Snapshot().Contacts.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateContact_New_Is201WithIntegerIdAndTimestamps()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/contacts", """{"name":"Ada Lovelace","email":"Ada@Example.org","tags":["rep"]}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var contact = await FreshdeskHarness.ReadAsync(response);
        contact["id"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        contact["id"]!.GetValue<long>().ShouldBeGreaterThan(int.MaxValue);
        contact["email"]!.GetValue<string>().ShouldBe("ada@example.org");
        contact["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["rep"]);
        contact["created_at"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        fd.Journal.StateChanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateContact_DuplicateEmail_Is409WithFreshdeskBody()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org"}""");

        // When
        using var response = await fd.PostAsync("api/v2/contacts", """{"name":"Ada again","email":"ADA@example.org"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldBe(
            """{"description":"Validation failed","errors":[{"field":"email","message":"It should be a unique value","code":"duplicate_value"}]}""");
        fd.Emulator.Store.Snapshot().Contacts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task UpdateContact_ToAnotherContactsEmail_Is409()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org"}""");
        var grace = await fd.CreateAsync("api/v2/contacts", """{"name":"Grace","email":"grace@example.org"}""");

        // When
        using var response = await fd.PutAsync($"api/v2/contacts/{grace}", """{"email":"ada@example.org"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("duplicate_value");
    }

    [Fact]
    public async Task UpdateContact_LinkToCompany_Is200WithCompanyId()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var company = await fd.CreateAsync("api/v2/companies", """{"name":"Example Community"}""");
        var contact = await fd.CreateAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org"}""");

        // When
        using var response = await fd.PutAsync($"api/v2/contacts/{contact}", $$"""{"company_id":{{company}},"name":"Ada L."}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await FreshdeskHarness.ReadAsync(response);
        body["company_id"]!.GetValue<long>().ShouldBe(company);
        body["name"]!.GetValue<string>().ShouldBe("Ada L.");
        body["email"]!.GetValue<string>().ShouldBe("ada@example.org");
    }

    [Fact]
    public async Task CreateContact_WithoutName_Is400MissingField()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/contacts", """{"email":"ada@example.org"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await FreshdeskHarness.ReadAsync(response);
        body["description"]!.GetValue<string>().ShouldBe("Validation failed");
        body["errors"]!.AsArray().ShouldContain(e => e!["field"]!.GetValue<string>() == "name" && e["code"]!.GetValue<string>() == "missing_field");
        fd.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateContact_UnknownField_Is400InvalidField()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org","firstname":"Ada"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!;
        error["field"]!.GetValue<string>().ShouldBe("firstname");
        error["code"]!.GetValue<string>().ShouldBe("invalid_field");
    }

    [Fact]
    public async Task ListContacts_EmailFilter_ReturnsEmptyArrayThenTheContact()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/contacts", """{"name":"Grace","email":"grace@example.org"}""");

        // When
        using var before = await fd.Http.GetAsync("api/v2/contacts?email=ada%40example.org");
        var beforeText = await before.Content.ReadAsStringAsync();
        var ada = await fd.CreateAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org"}""");
        using var after = await fd.Http.GetAsync("api/v2/contacts?email=ada%40example.org");

        // Then
        before.StatusCode.ShouldBe(HttpStatusCode.OK);
        beforeText.ShouldBe("[]");
        var found = (await FreshdeskHarness.ReadAsync(after)).AsArray();
        found.Count.ShouldBe(1);
        found[0]!["id"]!.GetValue<long>().ShouldBe(ada);
    }

    [Fact]
    public async Task ListContacts_MoreThanOnePage_LinkHeaderLeadsToTheRest()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        foreach (var name in new[] { "a", "b", "c" })
            await fd.CreateAsync("api/v2/contacts", $$"""{"name":"{{name}}","email":"{{name}}@example.org"}""");

        // When
        using var first = await fd.Http.GetAsync("api/v2/contacts?per_page=2");
        var link = first.Headers.GetValues("Link").Single();
        var next = link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
        using var second = await fd.Http.GetAsync(new Uri(next));

        // Then
        link.ShouldEndWith("rel=\"next\"");
        next.ShouldStartWith(fd.Host.BaseAddress.AbsoluteUri);
        (await FreshdeskHarness.ReadAsync(first)).AsArray().Count.ShouldBe(2);
        var rest = (await FreshdeskHarness.ReadAsync(second)).AsArray();
        rest.Count.ShouldBe(1);
        rest[0]!["name"]!.GetValue<string>().ShouldBe("c");
        second.Headers.Contains("Link").ShouldBeFalse();
    }

    [Fact]
    public async Task ListContacts_PerPageOver100_Is400()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.Http.GetAsync("api/v2/contacts?per_page=101");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!["field"]!.GetValue<string>().ShouldBe("per_page");
    }

    [Fact]
    public async Task GetContact_Unknown_Is404()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.Http.GetAsync("api/v2/contacts/12345");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Store_SavedAndRestored_ServesTheSameContacts()
    {
        // Given
        FreshdeskState saved;
        long id;
        await using (var fd = await FreshdeskHarness.StartAsync())
        {
            id = await fd.CreateAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org"}""");
            saved = JsonSerializer.Deserialize<FreshdeskState>(JsonSerializer.Serialize(fd.Emulator.Store.Snapshot(), FreshdeskJson.Options), FreshdeskJson.Options)!;
        }

        // When
        var journal = new Infrastructure.RequestJournal();
        await using var host = await Infrastructure.EmulatorHost.StartAsync(new FreshdeskEmulator(new FreshdeskSeed(), state: saved), journal);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("sandbox-freshdesk-key:X"u8.ToArray()));
        using var response = await http.GetAsync($"api/v2/contacts/{id}");
        using var duplicate = await http.PostAsync("api/v2/contacts", FreshdeskHarness.Json("""{"name":"Ada","email":"ada@example.org"}"""));

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FreshdeskHarness.ReadAsync(response))["email"]!.GetValue<string>().ShouldBe("ada@example.org");
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}

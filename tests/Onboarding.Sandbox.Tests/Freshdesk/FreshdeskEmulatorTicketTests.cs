using System.Net;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Sandbox.Freshdesk;

namespace Onboarding.Sandbox.Tests.Freshdesk;

public sealed class FreshdeskEmulatorTicketTests
{
    private const long ConfigId = 43_000_012_345;

    /// <summary>An Estate-or-above account: a ticket's company may be set.</summary>
    private static readonly FreshdeskSeed WithMultipleCompanies = new() { Features = new HashSet<string> { FreshdeskSeed.MultipleCompanies } };

    [Fact]
    public async Task ListTickets_PageBeyondTheLastServed_Is400InvalidValue()
    {
        // Given an account whose ticket listings end after two pages (Freshdesk's own end is the 300th)
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { TicketListMaxPages = 2 });
        for (var i = 0; i < 3; i++)
            await fd.CreateAsync("api/v2/tickets", new { email = "ada@example.org", subject = $"Ticket {i}", description = "<p>Hi</p>", status = 2, priority = 1 });

        // When
        using var last = await fd.Http.GetAsync("api/v2/tickets?per_page=1&page=2");
        using var beyond = await fd.Http.GetAsync("api/v2/tickets?per_page=1&page=3");

        // Then the last page is served (and says there is more), the next is refused
        last.StatusCode.ShouldBe(HttpStatusCode.OK);
        last.Headers.Contains("Link").ShouldBeTrue();
        beyond.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(beyond))["errors"]![0]!;
        ((string?)error["field"]).ShouldBe("page");
        ((string?)error["code"]).ShouldBe("invalid_value");
    }

    [Fact]
    public async Task CreateTicket_WithoutRequester_Is400MissingFieldAndCreatesNothing()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/tickets", """{"subject":"Hello","description":"<p>Hi</p>","status":2,"priority":1}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(response))["errors"]!.AsArray().Single()!;
        error["field"]!.GetValue<string>().ShouldBe("requester_id");
        error["code"]!.GetValue<string>().ShouldBe("missing_field");
        fd.Emulator.Store.Snapshot().Tickets.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateTicket_InvalidStatusAndPriority_Is400InvalidValueForBoth()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"Hello","description":"Hi","status":1,"priority":9}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await FreshdeskHarness.ReadAsync(response))["errors"]!.AsArray();
        errors.Select(e => e!["field"]!.GetValue<string>()).ShouldBe(["status", "priority"], ignoreOrder: true);
        errors.ShouldAllBe(e => e!["code"]!.GetValue<string>() == "invalid_value");
        fd.Emulator.Store.Snapshot().Contacts.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateTicket_UnknownRequesterEmail_CreatesContactAndTicket()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync(WithMultipleCompanies);
        var company = await fd.CreateAsync("api/v2/companies", """{"name":"Example"}""");

        // When
        using var response = await fd.PostAsync("api/v2/tickets", $$"""
            {"email":"ada@example.org","name":"Ada","subject":"Missing information","description":"<p>We need <b>your</b> cloud</p>",
             "status":2,"priority":2,"tags":["onboarding:example:missing-info"],"cc_emails":["grace@example.org"],"company_id":{{company}}}
            """);

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var ticket = await FreshdeskHarness.ReadAsync(response);
        ticket["status"]!.GetValue<int>().ShouldBe(2);
        ticket["source"]!.GetValue<int>().ShouldBe(2);
        ticket["company_id"]!.GetValue<long>().ShouldBe(company);
        ticket["cc_emails"]!.AsArray().Single()!.GetValue<string>().ShouldBe("grace@example.org");
        ticket["description_text"]!.GetValue<string>().ShouldBe("We need your cloud");
        var contact = fd.Emulator.Store.Snapshot().Contacts.Single();
        contact.Email.ShouldBe("ada@example.org");
        ticket["requester_id"]!.GetValue<long>().ShouldBe(contact.Id);
        response.Headers.Location!.AbsolutePath.ShouldBe($"/api/v2/tickets/{ticket["id"]}");
    }

    [Fact]
    public async Task CreateTicket_CompanyTheRequesterIsNotIn_Is400InvalidValue()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync(WithMultipleCompanies);
        var mine = await fd.CreateAsync("api/v2/companies", """{"name":"Mine"}""");
        var other = await fd.CreateAsync("api/v2/companies", """{"name":"Other"}""");
        await fd.CreateAsync("api/v2/contacts", $$"""{"name":"Ada","email":"ada@example.org","company_id":{{mine}}}""");

        // When
        using var response = await fd.PostAsync("api/v2/tickets", $$"""{"email":"ada@example.org","subject":"S","description":"D","company_id":{{other}}}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!["field"]!.GetValue<string>().ShouldBe("company_id");
        fd.Emulator.Store.Snapshot().Tickets.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateTicket_StatusResolved_Is200WithStatus4()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"S","description":"D"}""");

        // When
        using var response = await fd.PutAsync($"api/v2/tickets/{id}", """{"status":4}""");
        using var read = await fd.Http.GetAsync($"api/v2/tickets/{id}");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FreshdeskHarness.ReadAsync(read))["status"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task OutboundEmail_WithoutEmailConfigId_Is400MissingField()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/tickets/outbound_email", """{"email":"ada@example.org","subject":"Your hub is ready","description":"<p>Hi</p>"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(response))["errors"]!.AsArray().Single()!;
        error["field"]!.GetValue<string>().ShouldBe("email_config_id");
        error["code"]!.GetValue<string>().ShouldBe("missing_field");
        fd.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task OutboundEmail_UnknownEmailConfig_Is400InvalidValue()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/tickets/outbound_email", """{"email":"ada@example.org","subject":"S","email_config_id":99}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(response))["errors"]!.AsArray().Single()!;
        error["field"]!.GetValue<string>().ShouldBe("email_config_id");
        error["code"]!.GetValue<string>().ShouldBe("invalid_value");
    }

    [Fact]
    public async Task OutboundEmail_Minimal_Is201ClosedLowOutboundToTheRecipient()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/tickets/outbound_email", $$"""
            {"email":"ada@example.org","subject":"Your hub is ready","description":"<p>Hi</p>","email_config_id":{{ConfigId}},"tags":["hub-ready"]}
            """);

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var ticket = await FreshdeskHarness.ReadAsync(response);
        ticket["status"]!.GetValue<int>().ShouldBe(5);
        ticket["priority"]!.GetValue<int>().ShouldBe(1);
        ticket["source"]!.GetValue<int>().ShouldBe(10);
        ticket["email_config_id"]!.GetValue<long>().ShouldBe(ConfigId);
        ticket["to_emails"]!.AsArray().Single()!.GetValue<string>().ShouldBe("ada@example.org");
        fd.Emulator.Store.Snapshot().Contacts.Single().Email.ShouldBe("ada@example.org");
    }

    [Fact]
    public async Task AddNote_ToTicket_Is201AndListedInConversations()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"S","description":"D"}""");

        // When
        using var note = await fd.PostAsync($"api/v2/tickets/{id}/notes", """{"body":"<p>Asked again</p>","private":false}""");
        using var list = await fd.Http.GetAsync($"api/v2/tickets/{id}/conversations");

        // Then
        note.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await FreshdeskHarness.ReadAsync(note);
        created["ticket_id"]!.GetValue<long>().ShouldBe(id);
        created["private"]!.GetValue<bool>().ShouldBeFalse();
        var conversations = (await FreshdeskHarness.ReadAsync(list)).AsArray();
        conversations.Single()!["body_text"]!.GetValue<string>().ShouldBe("Asked again");
    }

    [Fact]
    public async Task AddNote_UnknownTicket_Is404()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/tickets/777/notes", """{"body":"x"}""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        fd.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchTickets_ByTagInQuotes_FindsOnlyTaggedTickets()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var tagged = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"A","description":"D","tags":["community:example"]}""");
        await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"B","description":"D","tags":["other"]}""");

        // When
        using var response = await fd.Http.GetAsync("api/v2/search/tickets?query=" + Uri.EscapeDataString("\"tag:'community:example'\""));

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await FreshdeskHarness.ReadAsync(response);
        body["total"]!.GetValue<int>().ShouldBe(1);
        body["results"]!.AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(tagged);
    }

    [Fact]
    public async Task SearchTickets_TagAndStatusWithOr_CombinesTerms()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var open = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"A","description":"D","tags":["x"],"status":2}""");
        var pending = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"B","description":"D","tags":["x"],"status":3}""");
        await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"C","description":"D","tags":["x"],"status":4}""");
        await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"D","description":"D","tags":["y"],"status":2}""");

        // When
        using var response = await fd.Http.GetAsync("api/v2/search/tickets?query=" + Uri.EscapeDataString("\"tag:'x' AND (status:2 OR status:3)\""));

        // Then
        var ids = (await FreshdeskHarness.ReadAsync(response))["results"]!.AsArray().Select(t => t!["id"]!.GetValue<long>());
        ids.ShouldBe([open, pending], ignoreOrder: true);
    }

    [Fact]
    public async Task SearchTickets_QueryWithoutDoubleQuotes_Is400()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.Http.GetAsync("api/v2/search/tickets?query=" + Uri.EscapeDataString("tag:'x'"));

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!["field"]!.GetValue<string>().ShouldBe("query");
    }

    [Fact]
    public async Task SearchTickets_WithLag_SeesTicketOnlyAfterLagWhileListSeesItAtOnce()
    {
        // Given
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { SearchLag = TimeSpan.FromMinutes(2) }, clock);
        var id = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"A","description":"D","tags":["lagging"]}""");
        var search = "api/v2/search/tickets?query=" + Uri.EscapeDataString("\"tag:'lagging'\"");

        // When
        using var early = await fd.Http.GetAsync(search);
        var requester = fd.Emulator.Store.Snapshot().Contacts.Single().Id;
        using var listed = await fd.Http.GetAsync($"api/v2/tickets?requester_id={requester}");
        clock.Advance(TimeSpan.FromMinutes(2));
        using var late = await fd.Http.GetAsync(search);

        // Then
        (await FreshdeskHarness.ReadAsync(early))["total"]!.GetValue<int>().ShouldBe(0);
        (await FreshdeskHarness.ReadAsync(listed)).AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(id);
        (await FreshdeskHarness.ReadAsync(late))["total"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task SearchTickets_WithLag_SeesTheOldVersionUntilTheUpdateIsIndexed()
    {
        // Given
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { SearchLag = TimeSpan.FromMinutes(1) }, clock);
        var id = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"A","description":"D","tags":["t"]}""");
        clock.Advance(TimeSpan.FromMinutes(5));
        (await fd.PutAsync($"api/v2/tickets/{id}", """{"status":4}""")).Dispose();
        var search = "api/v2/search/tickets?query=" + Uri.EscapeDataString("\"tag:'t' AND status:4\"");

        // When
        using var early = await fd.Http.GetAsync(search);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var late = await fd.Http.GetAsync(search);

        // Then
        (await FreshdeskHarness.ReadAsync(early))["total"]!.GetValue<int>().ShouldBe(0);
        (await FreshdeskHarness.ReadAsync(late))["total"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task ListTickets_Default_OnlyTicketsCreatedInTheLast30Days()
    {
        // Given
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fd = await FreshdeskHarness.StartAsync(time: clock);
        var old = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"Old","description":"D"}""");
        clock.Advance(TimeSpan.FromDays(31));
        var recent = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"New","description":"D"}""");

        // When
        using var byDefault = await fd.Http.GetAsync("api/v2/tickets");
        using var since = await fd.Http.GetAsync("api/v2/tickets?updated_since=2026-01-01T00:00:00Z");

        // Then
        var defaultIds = (await FreshdeskHarness.ReadAsync(byDefault)).AsArray().Select(t => t!["id"]!.GetValue<long>());
        defaultIds.ShouldBe([recent]);
        var sinceIds = (await FreshdeskHarness.ReadAsync(since)).AsArray().Select(t => t!["id"]!.GetValue<long>());
        sinceIds.ShouldBe([recent, old]);
    }

    [Fact]
    public async Task ListTickets_ByCompany_ReturnsOnlyThatCompanysTicketsWithoutDescription()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync(WithMultipleCompanies);
        var company = await fd.CreateAsync("api/v2/companies", """{"name":"Example"}""");
        var mine = await fd.CreateAsync("api/v2/tickets", $$"""{"email":"ada@example.org","subject":"A","description":"D","company_id":{{company}}}""");
        await fd.CreateAsync("api/v2/tickets", """{"email":"grace@example.org","subject":"B","description":"D"}""");

        // When
        using var response = await fd.Http.GetAsync($"api/v2/tickets?company_id={company}");

        // Then
        var ticket = (await FreshdeskHarness.ReadAsync(response)).AsArray().Single()!.AsObject();
        ticket["id"]!.GetValue<long>().ShouldBe(mine);
        ticket.ContainsKey("description").ShouldBeFalse();
    }

    [Fact]
    public async Task GetTicket_IncludeConversations_EmbedsNotes()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"S","description":"D"}""");
        await fd.CreateAsync($"api/v2/tickets/{id}/notes", """{"body":"n"}""");

        // When
        using var response = await fd.Http.GetAsync($"api/v2/tickets/{id}?include=conversations");

        // Then
        var body = await FreshdeskHarness.ReadAsync(response);
        body["conversations"]!.AsArray().Single()!["body"]!.GetValue<string>().ShouldBe("n");
        body["conversations"]![0]!["private"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("POST", "api/v2/tickets", """{"email":"ada@example.org","subject":"S","description":"D","tags":["TAGS"]}""")]
    [InlineData("POST", "api/v2/tickets/outbound_email", """{"email":"ada@example.org","subject":"S","email_config_id":43000012345,"tags":["TAGS"]}""")]
    [InlineData("PUT", "api/v2/tickets/{id}", """{"tags":["TAGS"]}""")]
    [InlineData("POST", "api/v2/contacts", """{"name":"Grace","email":"grace@example.org","tags":["TAGS"]}""")]
    public async Task Write_TagOver32Characters_Is400InvalidValueAndChangesNothing(string method, string path, string body)
    {
        // Given a ticket to update, and the tag the program used to give a hub-ready email (35 characters for these names)
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"S","description":"D","tags":["kept"]}""");
        var before = fd.Emulator.Store.Snapshot();
        const string oldTag = "onboarding-hub-ready-heliolab-prod";
        const string atTheLimit32 = "onb-ready-0123456789abcdef012345";

        // When
        using var refused = await Send(fd, method, path.Replace("{id}", $"{id}", StringComparison.Ordinal), body.Replace("TAGS", oldTag, StringComparison.Ordinal));
        using var atTheLimit = await Send(fd, method, path.Replace("{id}", $"{id}", StringComparison.Ordinal), body.Replace("TAGS", atTheLimit32, StringComparison.Ordinal));

        // Then the old tag is refused as Freshdesk refuses it, and one of 32 characters is taken
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(refused))["errors"]!.AsArray().Single()!;
        error["field"]!.GetValue<string>().ShouldBe("tags");
        error["code"]!.GetValue<string>().ShouldBe("invalid_value");
        error["message"]!.GetValue<string>().ShouldBe("It should only contain elements that have maximum of 32 characters");
        ((int)atTheLimit.StatusCode).ShouldBeLessThan(300, await atTheLimit.Content.ReadAsStringAsync());
        var after = fd.Emulator.Store.Snapshot();
        after.Tickets.Concat(before.Tickets).SelectMany(t => t.Tags).ShouldNotContain(oldTag);
        after.Contacts.SelectMany(c => c.Tags).ShouldNotContain(oldTag);
    }

    [Fact]
    public async Task ListTickets_ByAnEmailThatIsNoContact_Is400InvalidValue()
    {
        // Given a helpdesk where only Ada is a contact
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"S","description":"D"}""");

        // When
        using var unknown = await fd.Http.GetAsync("api/v2/tickets?email=grace%40example.org&updated_since=1970-01-01T00%3A00%3A00Z");
        using var known = await fd.Http.GetAsync("api/v2/tickets?email=ada%40example.org");

        // Then the unknown address is an error, not an empty list
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(unknown))["errors"]!.AsArray().Single()!;
        error["field"]!.GetValue<string>().ShouldBe("email");
        error["code"]!.GetValue<string>().ShouldBe("invalid_value");
        error["message"]!.GetValue<string>().ShouldBe("There is no contact matching the given email");
        (await FreshdeskHarness.ReadAsync(known)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateTicket_CompanyIdWithoutMultipleCompanies_Is400RequireFeature()
    {
        // Given an account without the Multiple Companies feature (the default), and Ada a contact of a company
        await using var fd = await FreshdeskHarness.StartAsync();
        var company = await fd.CreateAsync("api/v2/companies", """{"name":"Example"}""");
        await fd.CreateAsync("api/v2/contacts", $$"""{"name":"Ada","email":"ada@example.org","company_id":{{company}}}""");

        // When
        using var withCompany = await fd.PostAsync("api/v2/tickets", $$"""{"email":"ada@example.org","subject":"S","description":"D","company_id":{{company}}}""");
        using var without = await fd.PostAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"S","description":"D"}""");

        // Then setting the company is refused, and a ticket without one is filed under the requester's company
        withCompany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await FreshdeskHarness.ReadAsync(withCompany))["errors"]!.AsArray().Single()!;
        error["field"]!.GetValue<string>().ShouldBe("company_id");
        error["code"]!.GetValue<string>().ShouldBe("require_feature");
        without.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await FreshdeskHarness.ReadAsync(without))["company_id"]!.GetValue<long>().ShouldBe(company);
        fd.Emulator.Store.Snapshot().Tickets.Count.ShouldBe(1);
    }

    private static Task<HttpResponseMessage> Send(FreshdeskHarness fd, string method, string path, string body) =>
        method == "PUT" ? fd.PutAsync(path, body) : fd.PostAsync(path, body);
}

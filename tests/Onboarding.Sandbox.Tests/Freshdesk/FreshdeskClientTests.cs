using Onboarding.Core.Configuration;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Services.Freshdesk;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.Freshdesk;

public sealed class FreshdeskClientTests
{
    private const long ConfigId = 43_000_012_345;

    [Fact]
    public async Task ListAllTickets_MorePagesThanOneListingServes_GoesOnFromTheLastChangeAndGivesEachOnce()
    {
        // Given 250 tickets changed a second apart, in an account whose listings end after one page of 100
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { TicketListMaxPages = 1 }, time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time, ticketListMaxPages: 1);
        for (var i = 0; i < 250; i++)
        {
            await fd.CreateAsync("api/v2/tickets", new { email = "ada@example.org", subject = $"Ticket {i}", description = "<p>Hi</p>", status = 2, priority = 1, tags = new[] { $"t{i}" } });
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // When every ticket since the epoch is listed
        var tickets = await client.ListAllTicketsAsync(DateTimeOffset.UnixEpoch);

        // Then each of them comes once, after three listings from ever later changes
        tickets.Count.ShouldBe(250);
        tickets.Select(t => t.Tags.Single()).ShouldBe(Enumerable.Range(0, 250).Select(i => $"t{i}"), ignoreOrder: true);
        fd.Journal.Entries.Where(e => e.Path == "/api/v2/tickets" && e.Method == "GET").Select(e => e.Status).ShouldAllBe(s => s == 200);
        fd.Count("GET", "/api/v2/tickets").ShouldBe(3);
    }

    [Fact]
    public async Task FindContactByEmail_BeforeAndAfterCreate_FindsNothingThenTheContact()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var company = await client.CreateCompanyAsync("Example", new Dictionary<string, string?>());

        // When
        var before = await client.FindContactByEmailAsync("ada@example.org");
        var created = await client.CreateContactAsync(new FreshdeskContactInput("Ada", "ada@example.org") { CompanyId = company.Id, Tags = ["rep"] });
        var after = await client.FindContactByEmailAsync("ADA@example.org");

        // Then
        before.ShouldBeNull();
        after.ShouldBe(created with { Tags = after!.Tags });
        after.CompanyId.ShouldBe(company.Id);
        after.Tags.ShouldBe(["rep"]);
    }

    [Fact]
    public async Task ListConversations_MoreThanOnePage_FollowsTheLinkAndGivesEveryNoteInOrder()
    {
        // Given a ticket with 120 notes (Freshdesk gives at most 100 a page)
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var ticket = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "Questions", "<p>Hello</p>"));
        for (var i = 1; i <= 120; i++)
            await fd.CreateAsync($"api/v2/tickets/{ticket.Id}/notes", new { body = $"<p>note {i}</p>" });

        // When
        var conversations = await client.ListConversationsAsync(ticket.Id);

        // Then two pages were read, and the notes came back whole and in order, with their text
        conversations.Count.ShouldBe(120);
        conversations[0].BodyText.ShouldBe("note 1");
        conversations[^1].Body.ShouldBe("<p>note 120</p>");
        conversations.ShouldAllBe(c => c.Private);
        fd.Count("GET", $"/api/v2/tickets/{ticket.Id}/conversations").ShouldBe(2);
    }

    [Fact]
    public async Task FindContactByEmail_WrongAddress_FailsInsteadOfFindingNothing()
    {
        // Given a client pointed one folder too deep (a 404 on a list means a wrong address, not "no contact")
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        using var client = new FreshdeskClient(new FreshdeskClientOptions { BaseAddress = new Uri(fd.Host.BaseAddress, "api/v2/"), ApiKey = fd.Emulator.Seed.ApiKey, MaxRetries = 1 }, clock.Time);

        // When / Then: taking it for "not there" would make apply create duplicates
        var error = await Should.ThrowAsync<ServiceException>(() => client.FindContactByEmailAsync("ada@example.org"));
        error.Status.ShouldBe(404);
    }

    [Fact]
    public async Task CreateContact_DuplicateEmail_ThrowsServiceExceptionQuotingFreshdeskWithoutTheKey()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { ApiKey = "very-secret-key" }, time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        await client.CreateContactAsync(new FreshdeskContactInput("Ada", "ada@example.org"));

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateContactAsync(new FreshdeskContactInput("Ada", "ada@example.org")));

        // Then
        error.Status.ShouldBe(409);
        error.Service.ShouldBe("freshdesk");
        error.Message.ShouldContain("Validation failed");
        error.Message.ShouldContain("email: It should be a unique value (duplicate_value)");
        error.Message.ShouldNotContain("very-secret-key");
        error.ToString().ShouldNotContain("very-secret-key");
    }

    [Fact]
    public async Task UpdateContact_ExistingContact_ChangesNameAndLinksCompany()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var contact = await client.CreateContactAsync(new FreshdeskContactInput("Ada", "ada@example.org"));
        var company = await client.CreateCompanyAsync("Example", new Dictionary<string, string?>());

        // When
        var updated = await client.UpdateContactAsync(contact.Id, new FreshdeskContactInput("Ada Lovelace", "ada@example.org") { CompanyId = company.Id });

        // Then
        updated.Name.ShouldBe("Ada Lovelace");
        updated.CompanyId.ShouldBe(company.Id);
        fd.Journal.Entries.ShouldContain(e => e.Method == "PUT" && e.Path == $"/api/v2/contacts/{contact.Id}");
    }

    [Fact]
    public async Task WrongKey_ThrowsServiceException401WithoutTheKey()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(apiKey: "wrong-key-123", time: clock.Time);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.FindContactByEmailAsync("ada@example.org"));

        // Then
        error.Status.ShouldBe(401);
        error.Message.ShouldContain("invalid_credentials");
        error.Message.ShouldNotContain("wrong-key-123");
    }

    [Fact]
    public async Task FindCompanyByName_SeveralPrefixMatches_ReturnsTheExactOneWithCustomFields()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        await client.CreateCompanyAsync("Acme Labs", new Dictionary<string, string?>());
        var acme = await client.CreateCompanyAsync("Acme", new Dictionary<string, string?> { ["grafana_url"] = "https://grafana.acme.org" });

        // When
        var found = await client.FindCompanyByNameAsync("acme");
        var missing = await client.FindCompanyByNameAsync("Acm");

        // Then
        found.ShouldNotBeNull();
        found.Id.ShouldBe(acme.Id);
        found.CustomFields["grafana_url"].ShouldBe("https://grafana.acme.org");
        missing.ShouldBeNull();
    }

    [Fact]
    public async Task UpdateCompanyCustomFields_SomeFields_KeepsTheOthers()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var company = await client.CreateCompanyAsync("Example", new Dictionary<string, string?> { ["grafana_url"] = "https://grafana.example.org" });

        // When
        var updated = await client.UpdateCompanyCustomFieldsAsync(company.Id, new Dictionary<string, string?>
        {
            ["community_representatives"] = "Ada <ada@example.org>",
            ["hub_urls"] = "https://hub.example.org",
        });

        // Then
        updated.CustomFields["community_representatives"].ShouldBe("Ada <ada@example.org>");
        updated.CustomFields["hub_urls"].ShouldBe("https://hub.example.org");
        updated.CustomFields["grafana_url"].ShouldBe("https://grafana.example.org");
    }

    [Fact]
    public async Task UpdateCompanyCustomFields_UnknownField_ThrowsNamingTheField()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var company = await client.CreateCompanyAsync("Example", new Dictionary<string, string?>());

        // When
        var error = await Should.ThrowAsync<ServiceException>(() =>
            client.UpdateCompanyCustomFieldsAsync(company.Id, new Dictionary<string, string?> { ["deal_stage"] = "won" }));

        // Then
        error.Status.ShouldBe(400);
        error.Message.ShouldContain("deal_stage");
        error.Message.ShouldContain("invalid_field");
    }

    [Fact]
    public async Task TicketLifecycle_CreateNoteResolve_IsVisibleThroughTheApi()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var company = await client.CreateCompanyAsync("Example", new Dictionary<string, string?>());
        await client.CreateContactAsync(new FreshdeskContactInput("Ada", "ada@example.org") { CompanyId = company.Id });

        // When
        var ticket = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "Missing information", "<p>Please tell us</p>")
        {
            RequesterName = "Ada",
            CcEmails = ["grace@example.org"],
            Tags = ["onboarding:example:missing-info"],
        });
        var note = await client.AddNoteAsync(ticket.Id, "<p>Asked on the call too</p>");
        var resolved = await client.ResolveTicketAsync(ticket.Id);
        var read = await client.GetTicketAsync(ticket.Id);

        // Then
        ticket.Status.ShouldBe(FreshdeskTicketStatus.Open);
        ticket.CcEmails.ShouldBe(["grace@example.org"]);
        ticket.CompanyId.ShouldBe(company.Id);
        note.TicketId.ShouldBe(ticket.Id);
        note.Private.ShouldBeTrue();
        resolved.Status.ShouldBe(FreshdeskTicketStatus.Resolved);
        read!.Status.ShouldBe(FreshdeskTicketStatus.Resolved);
        (await client.GetTicketAsync(ticket.Id + 1000)).ShouldBeNull();
    }

    [Fact]
    public async Task FindTicketsByTag_SearchLags_FindsARecentTicketThroughTheRequesterScope()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { SearchLag = TimeSpan.FromHours(1) }, time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var ticket = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "S", "D") { Tags = ["hub:example"] });
        await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "Other", "D") { Tags = ["hub:other"] });

        // When
        var searchOnly = await client.FindTicketsByTagAsync(["hub:example"]);
        var withScope = await client.FindTicketsByTagAsync(["hub:example"], FreshdeskTicketScope.Requester("ada@example.org"));

        // Then
        searchOnly.ShouldBeEmpty();
        withScope.Select(t => t.Id).ShouldBe([ticket.Id]);
        fd.Journal.Entries.ShouldContain(e => e.Path == "/api/v2/search/tickets" && e.Query.Contains("%22tag%3A%27hub%3Aexample%27%22", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindTicketsByTag_NoLag_FindsThroughSearchAcrossPages()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var company = await client.CreateCompanyAsync("Example", new Dictionary<string, string?>());
        for (var i = 0; i < 32; i++)
            await fd.CreateAsync("api/v2/tickets", $$"""{"email":"u{{i}}@example.org","subject":"S","description":"D","tags":["bulk"]}""");

        // When
        var found = await client.FindTicketsByTagAsync(["bulk"], FreshdeskTicketScope.Company(company.Id));

        // Then
        found.Count.ShouldBe(32);
        found.Select(t => t.Id).Distinct().Count().ShouldBe(32);
        fd.Journal.Entries.Count(e => e.Path == "/api/v2/search/tickets").ShouldBe(2);
    }

    [Fact]
    public async Task FindTicketsByTag_SearchLagsAndTheListHasMoreThanAPage_FollowsLinkAndFiltersTags()
    {
        // Given more tickets than a page, made faster than a Growth plan lets anyone create them
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { SearchLag = TimeSpan.FromHours(1), Plan = "enterprise" }, time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var first = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "First", "D") { Tags = ["wanted"] });
        for (var i = 0; i < 100; i++)
            await fd.CreateAsync("api/v2/tickets", """{"email":"ada@example.org","subject":"Noise","description":"D","tags":["noise"]}""");
        var last = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "Last", "D") { Tags = ["Wanted"] });

        // When
        var found = await client.FindTicketsByTagAsync(["wanted"], FreshdeskTicketScope.Requester("ada@example.org"));

        // Then
        found.Select(t => t.Id).ShouldBe([last.Id, first.Id], ignoreOrder: true);
        fd.Count("GET", "/api/v2/tickets").ShouldBe(2);
    }

    [Fact]
    public async Task SendOutboundEmail_Valid_CreatesClosedOutboundTicket()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);

        // When
        var ticket = await client.SendOutboundEmailAsync(new FreshdeskOutboundEmail("ada@example.org", "Your hub is ready", "<p>Hello</p>", ConfigId)
        {
            CcEmails = ["grace@example.org"],
            Tags = ["hub-ready:example"],
        });

        // Then
        ticket.Status.ShouldBe(FreshdeskTicketStatus.Closed);
        ticket.Tags.ShouldBe(["hub-ready:example"]);
        var stored = fd.Emulator.Store.Snapshot().Tickets.Single();
        stored.Source.ShouldBe(10);
        stored.EmailConfigId.ShouldBe(ConfigId);
    }

    [Fact]
    public async Task SendOutboundEmail_UnknownEmailConfig_ThrowsNamingTheField()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() =>
            client.SendOutboundEmailAsync(new FreshdeskOutboundEmail("ada@example.org", "S", "<p>B</p>", 12345)));

        // Then
        error.Status.ShouldBe(400);
        error.Message.ShouldContain("email_config_id");
        fd.Emulator.Store.Snapshot().Tickets.ShouldBeEmpty();
    }

    [Fact]
    public async Task Client_RateLimitedWithRetryAfter_WaitsAndSucceeds()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        fd.Faults.Add(new FaultRule(FaultKind.RateLimited, "GET", "^/api/v2/contacts$", RetryAfterSeconds: 1));

        // When
        var found = await client.FindContactByEmailAsync("ada@example.org");

        // Then it asked again once the second Freshdesk asked for had passed
        found.ShouldBeNull();
        var tries = fd.Journal.Entries.Where(e => e.Path == "/api/v2/contacts").ToList();
        tries.Select(e => e.Status).ShouldBe([429, 200]);
        (tries[1].At - tries[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Client_RateLimitedPost_IsRetriedBecauseNothingWasDone()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        fd.Faults.Add(new FaultRule(FaultKind.RateLimited, "POST", "^/api/v2/tickets$", RetryAfterSeconds: 1));

        // When
        var ticket = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "S", "D"));

        // Then
        fd.Emulator.Store.Snapshot().Tickets.Single().Id.ShouldBe(ticket.Id);
        fd.Count("POST", "/api/v2/tickets").ShouldBe(2);
    }

    [Fact]
    public async Task CreateTicket_FailAfterCommit_IsNotRetriedAndTheTicketExists()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        fd.Faults.Add(new FaultRule(FaultKind.FailAfterCommit, "POST", "^/api/v2/tickets$"));

        // When
        var error = await Should.ThrowAsync<ServiceException>(() =>
            client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "S", "D") { Tags = ["once"] }));

        // Then
        error.Status.ShouldBe(500);
        error.Message.ShouldContain("may have been made anyway");
        fd.Count("POST", "/api/v2/tickets").ShouldBe(1);
        fd.Emulator.Store.Snapshot().Tickets.Single().Tags.ShouldBe(["once"]);
        (await client.FindTicketsByTagAsync(["once"])).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Get_ThroughA503_IsRetried()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        await client.CreateContactAsync(new FreshdeskContactInput("Ada", "ada@example.org"));
        fd.Faults.Add(new FaultRule(FaultKind.ServiceUnavailable, "GET", "^/api/v2/contacts$"));

        // When
        var found = await client.FindContactByEmailAsync("ada@example.org");

        // Then
        found!.Name.ShouldBe("Ada");
        fd.Count("GET", "/api/v2/contacts").ShouldBe(2);
    }

    [Fact]
    public async Task Get_SlowerThanTheAttemptTimeout_IsRetried()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(attemptTimeout: TimeSpan.FromMilliseconds(400), time: clock.Time);
        fd.Faults.Add(new FaultRule(FaultKind.Slow, "GET", "^/api/v2/companies/autocomplete$", Delay: TimeSpan.FromSeconds(3)));

        // When
        var found = await client.FindCompanyByNameAsync("Nobody");

        // Then the slow try was given up on before the server's 3 s, and the second try answered
        found.ShouldBeNull();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));

        // The abandoned try is journaled when the server notices the client left.
        await fd.Journal.UntilAsync(entries => entries.Count(e => e.Path == "/api/v2/companies/autocomplete") >= 2);
        fd.Count("GET", "/api/v2/companies/autocomplete").ShouldBe(2);
    }

    [Fact]
    public async Task Post_SlowerThanTheAttemptTimeout_IsNotRetried()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(attemptTimeout: TimeSpan.FromMilliseconds(300), time: clock.Time);
        fd.Faults.Add(new FaultRule(FaultKind.Slow, "POST", "^/api/v2/tickets/outbound_email$", Delay: TimeSpan.FromSeconds(2)));

        // When
        var error = await Should.ThrowAsync<ServiceException>(() =>
            client.SendOutboundEmailAsync(new FreshdeskOutboundEmail("ada@example.org", "S", "B", ConfigId)));

        // Then it failed saying so, without a second try (which, served at once, would have made the call succeed)
        error.Status.ShouldBeNull();
        error.Message.ShouldContain("did not answer in time");
        error.Message.ShouldContain("may have been made anyway");
        await fd.Journal.UntilAsync(entries => entries.Any(e => e.Path == "/api/v2/tickets/outbound_email"));
        fd.Count("POST", "/api/v2/tickets/outbound_email").ShouldBe(1);
    }

    [Fact]
    public async Task FindCompanyByName_MoreCompaniesWithItsStartThanAutocompleteLists_FindsTheExactOne()
    {
        // Given "alpha", and after it more companies whose names start with "alpha" than autocomplete answers with
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var alpha = await client.CreateCompanyAsync("alpha", new Dictionary<string, string?>());
        for (var i = 0; i < fd.Emulator.Seed.AutocompleteLimit + 2; i++)
            await client.CreateCompanyAsync($"alpha{i}", new Dictionary<string, string?>());
        using var typeAhead = await fd.Http.GetAsync("api/v2/companies/autocomplete?name=alpha");

        // When
        var found = await client.FindCompanyByNameAsync("alpha");
        var absent = await client.FindCompanyByNameAsync("alph");

        // Then autocomplete alone (what the client did before) leaves it out, and the client finds it all the same
        (await FreshdeskHarness.ReadAsync(typeAhead))["companies"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldNotContain(alpha.Id);
        found!.Id.ShouldBe(alpha.Id);
        absent.ShouldBeNull();
        fd.Count("GET", "/api/v2/companies").ShouldBe(2);
    }

    [Fact]
    public async Task ListTickets_RequesterEmailThatIsNoContact_IsEmptyWithoutAskingFreshdeskByEmail()
    {
        // Given a helpdesk where grace@ is no contact (Freshdesk answers 400 to a ticket list by her email)
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        var adas = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "S", "D") { Tags = ["t"] });

        // When
        var none = await client.ListTicketsAsync(FreshdeskTicketScope.Requester("grace@example.org"));
        var found = await client.FindTicketsByTagAsync(["t"], FreshdeskTicketScope.Requester("grace@example.org"));
        var ada = await client.ListTicketsAsync(FreshdeskTicketScope.Requester("ada@example.org"));

        // Then nothing fails: no contact has no tickets, and Ada's are listed by her contact's id
        none.ShouldBeEmpty();
        found.Select(t => t.Id).ShouldBe([adas.Id]);
        ada.Select(t => t.Id).ShouldBe([adas.Id]);
        fd.Journal.Entries.ShouldNotContain(e => e.Path == "/api/v2/tickets" && e.Query.Contains("email=", StringComparison.Ordinal));
        fd.Journal.Entries.ShouldAllBe(e => e.Status < 400);
    }

    [Fact]
    public async Task FindTicketsByTag_ATagOfTheEarlierScheme_FoundBySearchAndByTheList()
    {
        // Given a ticket an earlier version tagged with its readable key (longer than Freshdesk takes now), which
        // search does not see for an hour
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { SearchLag = TimeSpan.FromHours(1) }, time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time);
        const string earlier = "onboarding-hub-ready-heliolab-prod";
        string[] tags = ["onb-ready-0123456789abcdef0123", earlier];
        var ticket = await client.CreateTicketAsync(new FreshdeskNewTicket("ada@example.org", "S", "D"));
        EarlierFreshdeskTags.Retag(fd.Emulator.Store, ticket.Id, [earlier]);

        // When looked for by its current and its earlier tag, through the requester's list at once and through search later
        var byList = await client.FindTicketsByTagAsync(tags, FreshdeskTicketScope.Requester("ada@example.org"));
        clock.Advance(TimeSpan.FromHours(2));
        var bySearch = await client.FindTicketsByTagAsync(tags);

        // Then it is found both ways
        bySearch.Select(t => t.Id).ShouldBe([ticket.Id]);
        byList.Select(t => t.Id).ShouldBe([ticket.Id]);
    }

    [Fact]
    public async Task ListTickets_GrowthPlansPace_NeverRunsIntoTheTicketListCap()
    {
        // Given a Growth account (20 ticket lists a minute) and a client paced by the Growth plan
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time, limits: FreshdeskRateLimits.For(FreshdeskPlan.Growth));

        // When it lists 45 times
        for (var i = 0; i < 45; i++)
            await client.ListTicketsAsync(FreshdeskTicketScope.Requester(1));

        // Then none was refused, and the lists took more than two minutes
        fd.Journal.Entries.ShouldAllBe(e => e.Status == 200);
        (fd.Journal.Entries[^1].At - fd.Journal.Entries[0].At).ShouldBeGreaterThan(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task ListTickets_PacedOnlyByTheAccountsBudget_RunsIntoTheTicketListCap()
    {
        // Given the same account and a client that knows only the account's 200 a minute (as before the plan setting)
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        var client = fd.NewClient(time: clock.Time, limits: FreshdeskRateLimits.PerMinute(200));

        // When it lists 25 times
        var error = await Should.ThrowAsync<ServiceException>(async () =>
        {
            for (var i = 0; i < 25; i++)
                await client.ListTicketsAsync(FreshdeskTicketScope.Requester(1));
        });

        // Then Freshdesk refused the 21st list for the rest of the minute, longer than the client waits: what the
        // per-endpoint pace prevents
        error.Status.ShouldBe(429);
        fd.Journal.Entries.Count(e => e.Status == 200).ShouldBe(20);
    }
}

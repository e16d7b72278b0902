using System.Text.Json.Nodes;
using Onboarding.Core.Services;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Services.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.HubSpot;

public sealed class HubSpotClientTests
{
    /// <summary>A client on the harness's emulator and the test's clock.</summary>
    private static HubSpotClient Client(HubSpotHarness h, FakeClock clock, string? token = null, TimeSpan? attemptTimeout = null) => new(new HubSpotOptions
    {
        BaseAddress = h.Host.BaseAddress,
        AccessToken = token ?? h.Seed.Tokens[0],
        CommunityObjectType = h.Community,
        RequestsPerWindow = 1000,
        Window = h.Seed.RateWindow,
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
        BaseBackoff = TimeSpan.FromMilliseconds(10),
        MaxRetryAfter = TimeSpan.FromSeconds(30),
    }, clock.Time);

    private static Dictionary<string, string?> Props(params (string Key, string? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static int Requests(HubSpotHarness h, string method, string pathEnd) =>
        h.Journal.Entries.Count(e => e.Method == method && e.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    [Fact]
    public async Task ReadDeals_WithPipelines_GivesStageLabels_AndLeavesOutUnknownIds()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var deals = await client.ReadDealsAsync([HubSpotSeed.ContractAdminDealId, "404404", HubSpotSeed.ClosedLostDealId]);
        var pipelines = await client.ReadDealPipelinesAsync();

        // Then
        deals.Select(d => d.Id).ShouldBe([HubSpotSeed.ContractAdminDealId, HubSpotSeed.ClosedLostDealId]);
        var labels = pipelines.SelectMany(p => p.Stages).ToDictionary(s => s.Id, s => s.Label);
        labels[deals[0]["dealstage"]!].ShouldBe("Contract Admin");
        labels[deals[1]["dealstage"]!].ShouldBe("Closed Lost");
        deals[0]["pipeline"].ShouldBe(HubSpotSeed.OnboardingPipelineId);
        pipelines.Single(p => p.Id == HubSpotSeed.OnboardingPipelineId).Stages.Single(s => s.Label == "Closed Won").IsClosed.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadCommunityContactLabels_GivesThePortalsTypeIds()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { CommunityAssociationTypeIdBase = 777 }, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var labels = await client.ReadCommunityContactLabelsAsync();

        // Then
        labels.Single(l => l.Label == HubSpotLabels.CommunityRepresentative).TypeId.ShouldBe(779);
        labels.Single(l => l.Label == HubSpotLabels.TechnicalContact).TypeId.ShouldBe(781);
    }

    [Fact]
    public async Task CreateThenFindCommunity_FindsItAtOnceDespiteSearchLag()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { SearchLag = TimeSpan.FromMinutes(1) }, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var before = await client.FindCommunityAsync("pangeo", ["name"]);
        var created = await client.CreateCommunityAsync(Props(("name", "pangeo"), ("long_name", "Pangeo"), ("website", "https://pangeo.io")));
        var found = await client.FindCommunityAsync("pangeo", ["name", "long_name", "website"]);

        // Then
        before.ShouldBeNull();
        found.ShouldNotBeNull();
        found.Id.ShouldBe(created.Id);
        found["long_name"].ShouldBe("Pangeo");
        found["website"].ShouldBe("https://pangeo.io");
        h.Journal.StateChanges.Count.ShouldBe(1);
    }

    [Fact]
    public async Task UpdateCommunity_SendsProperties_AndEmptyClears()
    {
        // Given: the emulator rejects a PATCH without "properties", so success proves the client's body shape
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var created = await client.CreateCommunityAsync(Props(("name", "pangeo"), ("logo", "https://example.org/logo.png")));

        // When
        await client.UpdateCommunityAsync(created.Id, Props(("logo", ""), ("first_value_date", "2025-05-30"), ("time_to_first_value_days", "21")));
        var read = await client.ReadCommunityAsync(created.Id, ["logo", "first_value_date", "time_to_first_value_days"]);

        // Then
        read["logo"].ShouldBeNull();
        read["first_value_date"].ShouldBe("2025-05-30");
        read["time_to_first_value_days"].ShouldBe("21");
    }

    [Fact]
    public async Task UpdateCommunity_WithUnknownProperty_ThrowsServiceExceptionSayingWhatHubSpotSaid()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var created = await client.CreateCommunityAsync(Props(("name", "pangeo")));

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.UpdateCommunityAsync(created.Id, Props(("colour", "blue"))));

        // Then
        error.Status.ShouldBe(400);
        error.Service.ShouldBe("hubspot");
        error.Message.ShouldContain("colour");
        error.Message.ShouldContain("VALIDATION_ERROR");
        error.Message.ShouldStartWith("HubSpot refused to update the community");
    }

    [Fact]
    public async Task WrongToken_ThrowsServiceExceptionWithoutTheToken()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        const string token = "pat-na1-secret-value-0123456789";
        using var client = Client(h, clock, token);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ReadDealPipelinesAsync());

        // Then
        error.Status.ShouldBe(401);
        error.Message.ShouldContain("INVALID_AUTHENTICATION");
        error.Message.ShouldNotContain(token);
        error.ToString().ShouldNotContain(token);
    }

    [Fact]
    public async Task ReadCommunitySchema_TokenWithoutTheScope_403NamesTheScope()
    {
        // Given a token the portal granted every scope but crm.schemas.custom.read
        await using var clock = FakeClock.Start();
        const string token = "pat-na1-without-schemas-0123456789";
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed
        {
            Tokens = [token],
            TokenScopes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [token] = HubSpotScopes.AllBut(HubSpotScopes.CustomSchemasRead) },
        }, time: clock.EmulatorTime);
        using var client = Client(h, clock, token);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ReadCommunitySchemaAsync());

        // Then the sentence tells a refused scope from a refused token, and names the scope from HubSpot's body
        error.Status.ShouldBe(403);
        error.Message.ShouldContain("lacks a scope");
        error.Message.ShouldContain("(MISSING_SCOPES)");
        error.Message.ShouldEndWith("the private app needs the scope crm.schemas.custom.read.");
        error.Message.ShouldNotContain(token);
    }

    [Fact]
    public async Task UpsertContacts_150_SendsTwoBatchesOfAtMost100_AndSecondRunCreatesNothing()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] }, time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var people = Enumerable.Range(0, 150).Select(i => new HubSpotContactInput($"Person{i}@Example.org", Props(("firstname", $"P{i}")))).ToList();

        // When
        var first = (await client.UpsertContactsByEmailAsync(people)).Upserted;
        var second = (await client.UpsertContactsByEmailAsync(people)).Upserted;

        // Then
        first.Count.ShouldBe(150);
        first.ShouldAllBe(r => r.Created);
        second.ShouldAllBe(r => !r.Created);
        second.Select(r => r.Id).ShouldBe(first.Select(r => r.Id), ignoreOrder: true);
        h.Store.CountRecords("contacts").ShouldBe(150);
        var upserts = h.Journal.Entries.Where(e => e.Path.EndsWith("/batch/upsert", StringComparison.Ordinal)).ToList();
        upserts.Count.ShouldBe(4);
        upserts.ShouldAllBe(e => JsonNode.Parse(e.Body!)!["inputs"]!.AsArray().Count <= 100);
    }

    [Fact]
    public async Task ListCommunities_250Records_FollowsEveryPageInOrderAndWritesNothing()
    {
        // Given 250 communities, more than one page of 100 holds
        var communities = Enumerable.Range(1, 250)
            .Select(i => new HubSpotSeedCommunity((19_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string> { ["name"] = $"community{i}", ["long_name"] = $"Community {i}" }))
            .ToList();
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Communities = communities }, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var listed = await client.ListCommunitiesAsync(["name", "long_name"]);

        // Then every record comes back once, oldest first, from three pages
        listed.Select(r => r["name"]).ShouldBe(communities.Select(c => c.Properties["name"]));
        listed[249]["long_name"].ShouldBe("Community 250");
        h.Journal.Entries.Count(e => e.Method == "GET" && e.Path.EndsWith("/" + h.Community, StringComparison.Ordinal)).ShouldBe(3);
        h.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task FindContactsByEmail_ReturnsOnlyExisting_AndWritesNothing()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var found = await client.FindContactsByEmailAsync([h.Seed.Contacts[0].Email.ToUpperInvariant(), "nobody@example.org"], ["firstname"]);

        // Then
        found.ShouldHaveSingleItem().Id.ShouldBe(h.Seed.Contacts[0].Id);
        found[0]["firstname"].ShouldBe(h.Seed.Contacts[0].FirstName);
        h.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task ContactAssociations_AssociateReadRemoveLabelAndRemove()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var community = await client.CreateCommunityAsync(Props(("name", "pangeo")));
        var labels = await client.ReadCommunityContactLabelsAsync();
        var representative = labels.Single(l => l.Label == HubSpotLabels.CommunityRepresentative).TypeId;
        var technical = labels.Single(l => l.Label == HubSpotLabels.TechnicalContact).TypeId;
        var contact = h.Seed.Contacts[0].Id;

        // When
        await client.AssociateCommunityContactAsync(community.Id, contact, representative);
        await client.AssociateCommunityContactAsync(community.Id, contact, technical);
        var both = await client.ReadCommunityContactsAsync(community.Id);
        await client.RemoveCommunityContactLabelAsync(community.Id, contact, technical);
        var one = await client.ReadCommunityContactsAsync(community.Id);
        await client.RemoveCommunityContactAsync(community.Id, contact);
        var none = await client.ReadCommunityContactsAsync(community.Id);

        // Then
        var association = both.ShouldHaveSingleItem();
        association.ToObjectId.ShouldBe(contact);
        association.HasLabel(HubSpotLabels.CommunityRepresentative).ShouldBeTrue();
        association.HasLabel(HubSpotLabels.TechnicalContact).ShouldBeTrue();
        one.ShouldHaveSingleItem().HasLabel(HubSpotLabels.TechnicalContact).ShouldBeFalse();
        one[0].HasLabel(HubSpotLabels.CommunityRepresentative).ShouldBeTrue();
        none.ShouldBeEmpty();
        h.Store.PropertiesOf("contacts", contact).ShouldNotBeNull();
    }

    [Fact]
    public async Task AssociateCommunityDeal_Twice_MakesOneAssociation()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var community = await client.CreateCommunityAsync(Props(("name", "pangeo")));

        // When
        await client.AssociateCommunityDealAsync(community.Id, HubSpotSeed.ClosedWonDealId);
        await client.AssociateCommunityDealAsync(community.Id, HubSpotSeed.ClosedWonDealId);

        // Then
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community.Id}/associations/deals");
        (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldHaveSingleItem()!["toObjectId"]!.ToString().ShouldBe(HubSpotSeed.ClosedWonDealId);
    }

    [Fact]
    public async Task CreateNote_IsAttachedToDealAndCommunity()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var community = await client.CreateCommunityAsync(Props(("name", "pangeo")));

        // When
        var note = await client.CreateNoteAsync("<p>Hub delivered</p>", new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero),
            [new HubSpotNoteTarget(HubSpotObjectKind.Deal, HubSpotSeed.ClosedWonDealId), new HubSpotNoteTarget(HubSpotObjectKind.Community, community.Id)]);

        // Then
        h.Store.PropertiesOf("notes", note)!["hs_note_body"].ShouldBe("<p>Hub delivered</p>");
        using var onDeal = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/deals/{HubSpotSeed.ClosedWonDealId}/associations/notes");
        using var onCommunity = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community.Id}/associations/notes");
        (await HubSpotHarness.BodyAsync(onDeal))["results"]!.AsArray().ShouldHaveSingleItem()!["toObjectId"]!.ToString().ShouldBe(note);
        (await HubSpotHarness.BodyAsync(onCommunity))["results"]!.AsArray().ShouldHaveSingleItem()!["toObjectId"]!.ToString().ShouldBe(note);
    }

    [Fact]
    public async Task RateLimitedFault_IsRetried_AndTheReadSucceeds()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.RateLimited, "POST", "/batch/read$", Times: 1));
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { RateWindow = TimeSpan.FromSeconds(1) }, faults: faults, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var deals = await client.ReadDealsAsync([HubSpotSeed.ClosedWonDealId]);

        // Then
        deals.ShouldHaveSingleItem().Id.ShouldBe(HubSpotSeed.ClosedWonDealId);
        Requests(h, "POST", "/batch/read").ShouldBe(2);
        h.Journal.Entries[0].Status.ShouldBe(429);
    }

    [Fact]
    public async Task PacedUnderThePortalsLimit_NeverRunsIntoA429()
    {
        // Given: the portal allows 10 requests per 10 s; the client starts at 4 per 10 s and adopts the 10 HubSpot announces
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { RateLimit = 10, RateWindow = TimeSpan.FromSeconds(10) }, time: clock.EmulatorTime);
        using var client = new HubSpotClient(new HubSpotOptions
        {
            BaseAddress = h.Host.BaseAddress,
            AccessToken = h.Seed.Tokens[0],
            CommunityObjectType = h.Community,
            RequestsPerWindow = 4,
            Window = TimeSpan.FromSeconds(10),
        }, clock.Time);

        // When
        for (var i = 0; i < 14; i++)
            (await client.ReadDealPipelinesAsync()).Count.ShouldBe(2);

        // Then all were answered, the last four a window after the first ten
        h.Journal.Entries.Count.ShouldBe(14);
        h.Journal.Entries.ShouldAllBe(e => e.Status == 200);
        (h.Journal.Entries[^1].At - h.Journal.Entries[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PortalsOwn429_IsWaitedOutUsingTheIntervalHeader()
    {
        // Given: a 2 s budget of 3 is spent, and 700 ms of the window are gone
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { RateLimit = 3, RateWindow = TimeSpan.FromSeconds(2) }, time: clock.EmulatorTime);
        using var client = Client(h, clock);
        for (var i = 0; i < 3; i++)
        {
            using var spent = await h.SendAsync(HttpMethod.Get, "crm/v3/pipelines/deals");
        }

        clock.Advance(TimeSpan.FromMilliseconds(700));

        // When
        var pipelines = await client.ReadDealPipelinesAsync();

        // Then the refused request was sent again a whole window (the interval HubSpot gives) later, and answered
        pipelines.Count.ShouldBe(2);
        var refused = h.Journal.Entries.Where(e => e.Status == 429).ShouldHaveSingleItem();
        h.Journal.Entries[^1].Status.ShouldBe(200);
        (h.Journal.Entries[^1].At - refused.At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ServiceUnavailableOnGet_IsRetried()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.ServiceUnavailable, "GET", "/crm/v3/pipelines/deals$", Times: 2));
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var pipelines = await client.ReadDealPipelinesAsync();

        // Then
        pipelines.Count.ShouldBe(2);
        Requests(h, "GET", "/crm/v3/pipelines/deals").ShouldBe(3);
    }

    [Fact]
    public async Task ServiceUnavailableOnGet_EveryTry_FailsWithoutSayingSomethingMayHaveBeenMade()
    {
        // Given a read that fails every time
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.ServiceUnavailable, "GET", "/crm/v3/pipelines/deals$", Times: 100));
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ReadDealPipelinesAsync());

        // Then it was tried as often as allowed, and the sentence does not worry the reader about a read
        error.Status.ShouldBe(503);
        error.Message.ShouldStartWith("HubSpot failed to read deal pipelines (HTTP 503)");
        error.Message.ShouldNotContain(" may ");
        Requests(h, "GET", "/crm/v3/pipelines/deals").ShouldBe(6, "the first try and five retries");
    }

    [Fact]
    public async Task TimeoutOnGet_IsRetried()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.Timeout, "GET", "/labels$", Times: 1, Delay: TimeSpan.FromSeconds(6)));
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        using var client = Client(h, clock, attemptTimeout: TimeSpan.FromMilliseconds(400));

        // When
        var labels = await client.ReadCommunityContactLabelsAsync();

        // Then: the silent attempt was given up on before the server's 6 s, and the retry answered
        labels.ShouldContain(l => l.Label == HubSpotLabels.TechnicalContact);
        faults.Injected.ShouldBe(1);
        clock.Elapsed.ShouldBeInRange(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(6) - TimeSpan.FromTicks(1));
    }

    [Fact]
    public async Task ServiceUnavailableOnUpsert_IsRetriedBecauseUpsertIsKeyed()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.ServiceUnavailable, "POST", "/batch/upsert$", Times: 1));
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var result = await client.UpsertContactsByEmailAsync([new HubSpotContactInput("grace@example.org", Props(("firstname", "Grace")))]);

        // Then
        result.Upserted.ShouldHaveSingleItem().Created.ShouldBeTrue();
        Requests(h, "POST", "/batch/upsert").ShouldBe(2);
    }

    [Fact]
    public async Task FailAfterCommitOnCreate_IsNotRetried_SurfacesServiceException_AndTheRecordExists()
    {
        // Given
        await using var h0 = await HubSpotHarness.StartAsync();
        var createPath = $"/crm/v3/objects/{h0.Community}";
        await h0.DisposeAsync();
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.FailAfterCommit, "POST", "^" + createPath + "$", Times: 1));
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateCommunityAsync(Props(("name", "pangeo"))));

        // Then
        error.Status.ShouldBe(500);
        error.Message.ShouldContain("create the community");
        error.Message.ShouldContain("may have been made anyway");
        Requests(h, "POST", createPath).ShouldBe(1);
        h.Store.FindIds(h.Community, "name", "pangeo").ShouldHaveSingleItem();
        (await client.FindCommunityAsync("pangeo", ["name"])).ShouldNotBeNull();
    }

    [Fact]
    public async Task ServiceUnavailableOnNoteCreate_IsNotRetried()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.ServiceUnavailable, "POST", "/crm/v3/objects/notes$", Times: 1));
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(faults: faults, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateNoteAsync("x", DateTimeOffset.UnixEpoch, [new HubSpotNoteTarget(HubSpotObjectKind.Deal, HubSpotSeed.ClosedWonDealId)]));

        // Then
        error.Status.ShouldBe(503);
        Requests(h, "POST", "/crm/v3/objects/notes").ShouldBe(1);
        h.Store.CountRecords("notes").ShouldBe(0);
    }

    [Fact]
    public async Task UpsertContacts_AnswerInAnotherOrder_MatchesEachIdToItsEmail()
    {
        // Given a portal that answers batches in a shuffled order, and forty people
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] }, time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var people = Enumerable.Range(0, 40).Select(i => new HubSpotContactInput($"person{i}@example.org", Props(("firstname", $"P{i}")))).ToList();

        // When they are upserted
        var result = await client.UpsertContactsByEmailAsync(people);

        // Then each id is the one HubSpot holds for that email, in the order of the inputs
        result.Failed.ShouldBeEmpty();
        result.Upserted.Select(u => u.Key).ShouldBe(people.Select(p => p.Email));
        result.Upserted.ShouldAllBe(u => h.Store.FindIds("contacts", "email", u.Key).Single() == u.Id);
    }

    [Fact]
    public async Task UpsertContacts_OneInputInvalid_FailsThatInputOnlyAndNamesIt()
    {
        // Given a batch with one email HubSpot refuses
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { Contacts = [] }, time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When it is upserted
        var result = await client.UpsertContactsByEmailAsync(
            [new("grace@example.org", Props(("firstname", "Grace"))), new("not an email", Props(("firstname", "Nobody"))), new("ada@example.org", Props(("firstname", "Ada")))]);

        // Then HubSpot answered 207, the two valid ones are done under their own ids, and the invalid one failed with HubSpot's reason
        h.Journal.Entries.Single(e => e.Path.EndsWith("/batch/upsert", StringComparison.Ordinal)).Status.ShouldBe(207);
        result.Upserted.Select(u => u.Key).ShouldBe(["grace@example.org", "ada@example.org"]);
        result.Upserted.ShouldAllBe(u => h.Store.FindIds("contacts", "email", u.Key).Single() == u.Id);
        var failed = result.Failed.ShouldHaveSingleItem();
        failed.Key.ShouldBe("not an email");
        failed.Reason.ShouldContain("is invalid");
    }

    [Fact]
    public async Task BatchRead_SendsPropertiesWithHistory_AsTheContractRequires()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When deals and contacts are read in batches, and a community is created
        await client.ReadDealsAsync([HubSpotSeed.ContractAdminDealId]);
        await client.FindContactsByEmailAsync(["ada.lovelace@example.org"], ["firstname"]);
        await client.CreateCommunityAsync(Props(("name", "pangeo")));

        // Then every batch read names propertiesWithHistory, and the create names its associations
        var reads = h.Journal.Entries.Where(e => e.Path.EndsWith("/batch/read", StringComparison.Ordinal)).ToList();
        reads.Count.ShouldBe(2);
        reads.ShouldAllBe(e => JsonNode.Parse(e.Body!)!["propertiesWithHistory"] is JsonArray);
        var create = h.Journal.Entries.Single(e => e.Method == "POST" && e.Path.EndsWith(h.Community, StringComparison.Ordinal));
        JsonNode.Parse(create.Body!)!["associations"].ShouldBeOfType<JsonArray>();
    }

    [Fact]
    public async Task CreateCommunity_NameTaken_IsA400ThatMayAlreadyExist()
    {
        // Given a community named pangeo
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);
        await client.CreateCommunityAsync(Props(("name", "pangeo")));

        // When another is created under the same name
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateCommunityAsync(Props(("name", "pangeo"))));

        // Then HubSpot answers 400 "already has that value", which the client marks as a duplicate to look up
        error.Status.ShouldBe(400);
        error.Message.ShouldContain("already has that value");
        error.MayAlreadyExist.ShouldBeTrue();
    }

    [Fact]
    public async Task CreateCommunity_InvalidValue_IsA400ThatIsNoDuplicate()
    {
        // Given
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);

        // When a community is created with a value HubSpot refuses
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateCommunityAsync(Props(("name", "pangeo"), ("first_value_date", "soon"))));

        // Then it is a plain refusal
        error.Status.ShouldBe(400);
        error.MayAlreadyExist.ShouldBeFalse();
    }

    [Fact]
    public async Task AssociateCommunityDeal_UserDefinedDefaultType_UsesThePortalsType()
    {
        // Given a portal whose only Community–deal association type is user-defined (the emulator's default)
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Client(h, clock);
        var community = await client.CreateCommunityAsync(Props(("name", "pangeo")));
        using var defaultEndpoint = await h.SendAsync(HttpMethod.Put, $"crm/v4/objects/{h.Community}/{community.Id}/associations/default/deals/{HubSpotSeed.ClosedWonDealId}");
        defaultEndpoint.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest, "the default endpoint only knows HubSpot-defined types");

        // When the client associates a deal
        await client.AssociateCommunityDealAsync(community.Id, HubSpotSeed.ClosedWonDealId);

        // Then the association carries the portal's user-defined type
        (await client.ReadCommunityDealIdsAsync(community.Id)).ShouldBe([HubSpotSeed.ClosedWonDealId]);
        using var list = await h.SendAsync(HttpMethod.Get, $"crm/v4/objects/{h.Community}/{community.Id}/associations/deals");
        var type = (await HubSpotHarness.BodyAsync(list))["results"]!.AsArray().ShouldHaveSingleItem()!["associationTypes"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)type["category"], (int)type["typeId"]!).ShouldBe(("USER_DEFINED", h.Seed.CommunityToDealDefaultTypeId));
    }

    [Fact]
    public async Task CreateNote_NoAssociationTypeWithTheCommunity_SaysWhatToSetUp()
    {
        // Given a portal without any association between notes and the Community object
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        h.Store.Change(state => state.AssociationDefinitions.RemoveAll(d => d.FromObjectTypeId == "0-46" && d.ToObjectTypeId == h.Community));
        using var client = Client(h, clock);
        var community = await client.CreateCommunityAsync(Props(("name", "pangeo")));

        // When a note is created on the community
        var error = await Should.ThrowAsync<ServiceException>(() => client.CreateNoteAsync("<p>Hub delivered</p>", clock.Now, [new HubSpotNoteTarget(HubSpotObjectKind.Community, community.Id)]));

        // Then the sentence says what to set up in HubSpot, and no note was made
        error.Message.ShouldContain("no association between Notes and Community");
        error.Message.ShouldContain("associate Community with Notes");
        h.Store.CountRecords("notes").ShouldBe(0);
    }
}

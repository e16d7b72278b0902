using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Sandbox.Freshdesk;

namespace Onboarding.Sandbox.Tests.Freshdesk;

public sealed class FreshdeskEmulatorProtocolTests
{
    [Fact]
    public async Task AnyResponse_CarriesRateLimitHeaders()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { RateLimits = FreshdeskPlanLimits.PerMinuteOnly(50) });

        // When
        using var first = await fd.Http.GetAsync("api/v2/contacts");
        using var notFound = await fd.Http.GetAsync("api/v2/contacts/1");

        // Then
        first.Headers.GetValues("X-RateLimit-Total").Single().ShouldBe("50");
        first.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("49");
        first.Headers.GetValues("X-RateLimit-Used-CurrentRequest").Single().ShouldBe("1");
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notFound.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("48");
    }

    [Fact]
    public async Task Requests_OverTheBudget_Are429WithRetryAfterUntilTheWindowEnds()
    {
        // Given
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { RateLimits = FreshdeskPlanLimits.PerMinuteOnly(3) }, clock);
        for (var i = 0; i < 3; i++)
            (await fd.Http.GetAsync("api/v2/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(15));

        // When
        using var limited = await fd.Http.GetAsync("api/v2/contacts");
        using var write = await fd.PostAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org"}""");
        clock.Advance(TimeSpan.FromSeconds(45));
        using var afterWindow = await fd.Http.GetAsync("api/v2/contacts");

        // Then
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(45));
        limited.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("0");
        write.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        fd.Emulator.Store.Snapshot().Contacts.ShouldBeEmpty();
        afterWindow.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_IsNotAnUpdate_Is405()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        var id = await fd.CreateAsync("api/v2/contacts", """{"name":"Ada","email":"ada@example.org"}""");

        // When
        using var response = await fd.Http.PatchAsync($"api/v2/contacts/{id}", FreshdeskHarness.Json("""{"name":"Changed"}"""));

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        fd.Emulator.Store.Snapshot().Contacts.Single().Name.ShouldBe("Ada");
    }

    [Fact]
    public async Task Post_WithoutJsonContentType_Is415()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.Http.PostAsync("api/v2/contacts",
            new StringContent("""{"name":"Ada","email":"ada@example.org"}""", Encoding.UTF8, "text/plain"));

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await FreshdeskHarness.ReadAsync(response))["code"]!.GetValue<string>().ShouldBe("invalid_content_type");
        fd.Journal.StateChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_MalformedJson_Is400InvalidJson()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();

        // When
        using var response = await fd.PostAsync("api/v2/contacts", """{"name":"Ada",""");

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FreshdeskHarness.ReadAsync(response))["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("invalid_json");
    }

    [Fact]
    public async Task Reads_AreJournaledAsNoStateChange()
    {
        // Given
        await using var fd = await FreshdeskHarness.StartAsync();
        await fd.CreateAsync("api/v2/companies", """{"name":"Example"}""");

        // When
        (await fd.Http.GetAsync("api/v2/companies")).Dispose();
        (await fd.Http.GetAsync("api/v2/companies/autocomplete?name=Ex")).Dispose();
        (await fd.Http.GetAsync("api/v2/search/tickets?query=" + Uri.EscapeDataString("\"status:2\""))).Dispose();

        // Then
        fd.Journal.Entries.Count.ShouldBe(4);
        fd.Journal.StateChanges.Single().Method.ShouldBe("POST");
    }

    [Fact]
    public async Task TicketsList_GrowthPlan_CappedAt20AMinuteWhileOtherRequestsPass()
    {
        // Given the default plan, Growth: 200 a minute for the account, 20 for the ticket list
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fd = await FreshdeskHarness.StartAsync(time: clock);
        for (var i = 0; i < 20; i++)
            (await fd.Http.GetAsync("api/v2/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(20));

        // When
        using var capped = await fd.Http.GetAsync("api/v2/tickets?requester_id=1");
        using var other = await fd.Http.GetAsync("api/v2/companies");
        clock.Advance(TimeSpan.FromSeconds(40));
        using var nextMinute = await fd.Http.GetAsync("api/v2/tickets");

        // Then the 21st list in the minute is refused until the endpoint's window ends; the account still has budget
        capped.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        capped.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(40));
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        nextMinute.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("growth", "GET", "api/v2/contacts", 20)]
    [InlineData("growth", "POST", "api/v2/tickets", 80)]
    [InlineData("pro", "GET", "api/v2/tickets", 100)]
    [InlineData("enterprise", "GET", "api/v2/contacts", 200)]
    public void EndpointCaps_ThePlansTable_AreFreshdesks(string plan, string method, string path, int perMinute)
    {
        // Given / When
        var limits = FreshdeskPlanLimits.Of(plan);
        var endpoint = FreshdeskPlanLimits.EndpointOf(method, "/" + path);

        // Then
        limits.PerMinute[endpoint!.Value].ShouldBe(perMinute);
        limits.Window.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Requests_HourlyPlan_CountedOverTheHourWithoutEndpointCaps()
    {
        // Given a Garden account: 3,000 an hour, no per-endpoint cap
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { Plan = "garden" }, clock);
        for (var i = 0; i < 25; i++)
            (await fd.Http.GetAsync("api/v2/tickets")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // When a minute, and then the rest of the hour, passes
        clock.Advance(TimeSpan.FromMinutes(59));
        using var withinTheHour = await fd.Http.GetAsync("api/v2/tickets");
        clock.Advance(TimeSpan.FromMinutes(1));
        using var nextHour = await fd.Http.GetAsync("api/v2/tickets");

        // Then the budget runs on through the hour, and starts again after it
        withinTheHour.StatusCode.ShouldBe(HttpStatusCode.OK);
        withinTheHour.Headers.GetValues("X-RateLimit-Total").Single().ShouldBe("3000");
        withinTheHour.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("2974");
        nextHour.Headers.GetValues("X-RateLimit-Remaining").Single().ShouldBe("2999");
    }
}

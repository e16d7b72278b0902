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
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { RateLimit = 50 });

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
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { RateLimit = 3, RateLimitWindow = TimeSpan.FromMinutes(1) }, clock);
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
}

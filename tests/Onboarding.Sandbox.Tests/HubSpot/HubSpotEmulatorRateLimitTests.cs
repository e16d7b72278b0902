using System.Net;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Tests.HubSpot;

public sealed class HubSpotEmulatorRateLimitTests
{
    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task EveryResponse_CarriesRateLimitHeaders_AndRemainingDecreases()
    {
        // Given
        var time = new FakeTimeProvider(HubSpotHarness.Start);
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { RateLimit = 5 }, time);

        // When
        using var first = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");
        using var second = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/nothing-like-this");

        // Then
        Header(first, "X-HubSpot-RateLimit-Max").ShouldBe(5);
        Header(first, "X-HubSpot-RateLimit-Interval-Milliseconds").ShouldBe(10_000);
        Header(first, "X-HubSpot-RateLimit-Remaining").ShouldBe(4);
        Header(second, "X-HubSpot-RateLimit-Remaining").ShouldBe(3);
        Header(second, "X-HubSpot-RateLimit-Daily-Remaining").ShouldBeLessThan(Header(second, "X-HubSpot-RateLimit-Daily"));
    }

    [Fact]
    public async Task OverTheBudget_Is429RateLimits_UntilTheWindowPasses()
    {
        // Given
        var time = new FakeTimeProvider(HubSpotHarness.Start);
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { RateLimit = 3 }, time);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // When
        using var limited = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", """{"properties":{"email":"late@example.org"}}""");
        time.Advance(TimeSpan.FromSeconds(10));
        using var again = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");

        // Then
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var body = await HubSpotHarness.BodyAsync(limited);
        ((string?)body["status"]).ShouldBe("error");
        ((string?)body["category"]).ShouldBe("RATE_LIMITS");
        ((string?)body["policyName"]).ShouldBe("TEN_SECONDLY_ROLLING");
        ((string)body["message"]!).ShouldContain("limit");
        Header(limited, "X-HubSpot-RateLimit-Remaining").ShouldBe(0);
        h.Store.FindIds("contacts", "email", "late@example.org").ShouldBeEmpty();
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Budget_IsPerToken()
    {
        // Given
        var time = new FakeTimeProvider(HubSpotHarness.Start);
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { RateLimit = 1, Tokens = ["pat-one", "pat-two"] }, time);
        using var first = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");

        // When
        h.Http.DefaultRequestHeaders.Authorization = new("Bearer", "pat-two");
        using var other = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");

        // Then
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

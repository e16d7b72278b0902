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

    [Fact]
    public async Task Search_SixInOneSecond_SixthIs429SecondlyWhileOtherRequestsPass()
    {
        // Given a portal whose search allows 5 requests a second per token
        var time = new FakeTimeProvider(HubSpotHarness.Start);
        await using var h = await HubSpotHarness.StartAsync(time: time);
        const string query = """{"filterGroups":[],"limit":10}""";
        for (var i = 0; i < 5; i++)
        {
            using var ok = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", query);
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // When a sixth search and a plain read come in the same second, and a search a second later
        using var limited = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", query);
        using var read = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");
        time.Advance(TimeSpan.FromSeconds(1));
        using var later = await h.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", query);

        // Then the sixth search is refused with HubSpot's secondly policy; the read and the later search pass
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var body = await HubSpotHarness.BodyAsync(limited);
        ((string?)body["category"]).ShouldBe("RATE_LIMITS");
        ((string?)body["policyName"]).ShouldBe("SECONDLY");
        ((string?)body["message"]).ShouldBe("You have reached your secondly limit.");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_PastTheDailyLimit_Are429DailyWithTheDailyHeaders()
    {
        // Given a portal of 3 requests a day
        var time = new FakeTimeProvider(HubSpotHarness.Start);
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { DailyLimit = 3 }, time);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // When a fourth comes the same day, and a fifth the next
        using var limited = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");
        time.Advance(TimeSpan.FromDays(1));
        using var tomorrow = await h.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");

        // Then the fourth is refused with the daily policy and no daily budget left; the next day's passes
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        ((string?)(await HubSpotHarness.BodyAsync(limited))["policyName"]).ShouldBe("DAILY");
        Header(limited, "X-HubSpot-RateLimit-Daily").ShouldBe(3);
        Header(limited, "X-HubSpot-RateLimit-Daily-Remaining").ShouldBe(0);
        tomorrow.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

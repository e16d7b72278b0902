using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Tests.HubSpot;
using Onboarding.Services.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.Http;

/// <summary>The client's pace against the HubSpot emulator's fixed-window budget (ResilientHttp, WindowPacer), on HubSpot's 10 s window.</summary>
public sealed class PacingTests
{
    private static readonly HubSpotSeed FivePerWindow = new() { RateLimit = 5, RateWindow = TimeSpan.FromSeconds(10) };

    private static HubSpotClient Client(HubSpotHarness h, FakeClock clock, bool followAnnouncedLimit) => new(new HubSpotOptions
    {
        BaseAddress = h.Host.BaseAddress,
        AccessToken = h.Seed.Tokens[0],
        CommunityObjectType = h.Community,
        RequestsPerWindow = 1000,
        Window = h.Seed.RateWindow,
        FollowAnnouncedLimit = followAnnouncedLimit,
    }, clock.Time);

    [Fact]
    public async Task Send_ConfiguredPaceAboveTheAnnouncedLimit_AdoptsItAndIsNeverRefused()
    {
        // Given a portal allowing 5 requests per 10 s, and a client configured for far more
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(FivePerWindow, time: clock.EmulatorTime);
        using var client = Client(h, clock, followAnnouncedLimit: true);

        // When it sends three windows' worth, one after another
        for (var i = 0; i < 16; i++)
            await client.ReadDealPipelinesAsync();

        // Then it kept to the limit the answers announced: all 16 answered, none refused, over more than three windows
        h.Journal.Entries.Count.ShouldBe(16);
        h.Journal.Entries.ShouldAllBe(e => e.Status == 200);
        (h.Journal.Entries[^1].At - h.Journal.Entries[0].At).ShouldBeGreaterThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Send_AnnouncedLimitIgnored_RunsIntoIt()
    {
        // Given the same portal and a client told to keep its own pace of 1000 per window
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(FivePerWindow, time: clock.EmulatorTime);
        using var client = Client(h, clock, followAnnouncedLimit: false);

        // When
        for (var i = 0; i < 16; i++)
            await client.ReadDealPipelinesAsync();

        // Then HubSpot refused some (which the client waited out), the failure the announced limit prevents
        h.Journal.Entries.ShouldContain(e => e.Status == 429);
    }
}

using Onboarding.Core.Configuration;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Tests.Freshdesk;
using Onboarding.Sandbox.Tests.HubSpot;
using Onboarding.Services.Freshdesk;
using Onboarding.Services.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.Http;

/// <summary>The clients keep to this program's share of the real plans' limits, bucket by bucket, on the fake clock.</summary>
public sealed class BudgetPacingTests
{
    private static FreshdeskClient Freshdesk(FreshdeskHarness fd, FakeClock clock, FreshdeskPlan plan, double share) => new(new FreshdeskClientOptions
    {
        BaseAddress = fd.Host.BaseAddress,
        ApiKey = fd.Emulator.Seed.ApiKey,
        Limits = FreshdeskRateLimits.For(plan),
        Share = share,
        MaxRetries = 0,
    }, clock.Time);

    /// <summary>The most requests among <paramref name="entries"/> that arrived within any <paramref name="window"/>.</summary>
    private static int MostInAnyWindow(IReadOnlyList<JournalEntry> entries, TimeSpan window)
    {
        var arrivals = entries.Select(e => e.At).Order().ToList();
        var most = 0;
        for (int from = 0, to = 0; from < arrivals.Count; from++)
        {
            while (to < arrivals.Count && arrivals[to] < arrivals[from] + window)
                to++;
            most = Math.Max(most, to - from);
        }

        return most;
    }

    [Fact]
    public async Task ListTickets_GrowthAtHalfShare_TakesTwoMinutesForThirtyAndNeverMoreThanTenInAMinute()
    {
        // Given a Growth account (Tickets List 20 a minute) of which this program may use half
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(time: clock.EmulatorTime);
        using var client = Freshdesk(fd, clock, FreshdeskPlan.Growth, 0.5);

        // When it lists tickets 30 times
        for (var i = 0; i < 30; i++)
            await client.ListTicketsAsync(FreshdeskTicketScope.Requester(1));

        // Then none was refused, no minute saw more than 10, and the 30 took at least two minutes of the clock
        var lists = fd.Journal.Entries;
        lists.Count.ShouldBe(30);
        lists.ShouldAllBe(e => e.Status == 200);
        MostInAnyWindow(lists, TimeSpan.FromMinutes(1)).ShouldBeLessThanOrEqualTo(10);
        (lists[^1].At - lists[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Requests_ServiceAnnouncesMoreThanThePlan_KeepToTheShareOfThePlan()
    {
        // Given an account that announces Enterprise's 700 a minute, and a program set to Growth (200) at half
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { Plan = "enterprise" }, clock.EmulatorTime);
        using var client = Freshdesk(fd, clock, FreshdeskPlan.Growth, 0.5);

        // When it makes 150 requests that no endpoint caps
        for (var i = 0; i < 150; i++)
            await client.GetTicketAsync(1);

        // Then no minute saw more than 100: the announced 700 did not raise the pace above the configured share
        MostInAnyWindow(fd.Journal.Entries, TimeSpan.FromMinutes(1)).ShouldBeLessThanOrEqualTo(100);
        (fd.Journal.Entries[^1].At - fd.Journal.Entries[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Requests_ServiceAnnouncesLessThanThePlan_KeepToTheShareOfTheAnnounced()
    {
        // Given an account on Trial (50 a minute) that the settings call Growth, at half
        await using var clock = FakeClock.Start();
        await using var fd = await FreshdeskHarness.StartAsync(new FreshdeskSeed { Plan = "trial" }, clock.EmulatorTime);
        using var client = Freshdesk(fd, clock, FreshdeskPlan.Growth, 0.5);

        // When it makes 60 requests
        for (var i = 0; i < 60; i++)
            await client.GetTicketAsync(1);

        // Then after the first answer no minute saw more than half of the announced 50 (the first request came before it)
        fd.Journal.Entries.ShouldAllBe(e => e.Status != 429);
        MostInAnyWindow([.. fd.Journal.Entries.Skip(1)], TimeSpan.FromMinutes(1)).ShouldBeLessThanOrEqualTo(25);
    }

    private static HubSpotClient HubSpot(HubSpotHarness h, FakeClock clock, int dailyLimit, double share) => new(new HubSpotOptions
    {
        BaseAddress = h.Host.BaseAddress,
        AccessToken = h.Seed.Tokens[0],
        CommunityObjectType = h.Community,
        DailyLimit = dailyLimit,
        DailyShare = share,
        MaxRetries = 0,
    }, clock.Time);

    [Fact]
    public async Task Requests_DailyShareSpent_FailWithASentenceWithoutAsking()
    {
        // Given a portal of 1,000 requests a day, of which this program may use a tenth
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(time: clock.EmulatorTime);
        using var client = HubSpot(h, clock, 1000, 0.1);
        for (var i = 0; i < 100; i++)
            await client.ReadDealPipelinesAsync();

        // When it asks once more
        var error = await Should.ThrowAsync<ServiceException>(() => client.ReadDealPipelinesAsync());

        // Then the 101st was never sent, and the failure says why in a sentence
        h.Journal.Entries.Count.ShouldBe(100);
        error.Message.ShouldBe("HubSpot's daily limit is spent for this program: it may use 100 of the 1,000 requests a day (hubspot.share), and this run has made its 100. Nothing more is asked of it today; run again tomorrow (what is done stays done).");
    }

    [Fact]
    public async Task Requests_DailyRemainingIsTheOthersPart_Stop()
    {
        // Given a portal that has 1,000 a day and has already spent all but 500 today, and a program allowed half
        await using var clock = FakeClock.Start();
        await using var h = await HubSpotHarness.StartAsync(new HubSpotSeed { DailyLimit = 1000 }, clock.EmulatorTime);
        using (var others = HubSpot(h, clock, 1_000_000, 1))
        {
            for (var i = 0; i < 499; i++)
                await others.ReadDealPipelinesAsync();
        }

        using var client = HubSpot(h, clock, 1000, 0.5);

        // When the program asks twice
        await client.ReadDealPipelinesAsync();
        var error = await Should.ThrowAsync<ServiceException>(() => client.ReadDealPipelinesAsync());

        // Then the first answer said 500 are left, the others' half, so the second was not sent
        h.Journal.Entries.Count.ShouldBe(500);
        error.Message.ShouldContain("HubSpot's daily limit is spent for this program: it may use 500 of the 1,000 requests a day (hubspot.share), and only 500 are left today, which is the other integrations' part.");
    }
}

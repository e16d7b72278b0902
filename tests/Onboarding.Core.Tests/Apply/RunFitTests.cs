using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;

namespace Onboarding.Core.Tests.Apply;

public sealed class RunFitTests
{
    private static readonly RunCost TwoContactListsEach = new(
        new Dictionary<RequestBucket, double> { [RequestBucket.FreshdeskContactsList] = 2, [RequestBucket.HubSpotOther] = 5 },
        new Dictionary<RequestBucket, double> { [RequestBucket.HubSpotOther] = 3 });

    private static IReadOnlyList<BudgetLimit> Growth(double share = 0.5) =>
        ServiceBudget.Of(new OnboardingSettings { Freshdesk = new FreshdeskSettings { Plan = FreshdeskPlan.Growth, Share = share } });

    [Fact]
    public void Of_FewCommunities_FitsThemAll()
    {
        var fit = RunFit.Of(100, TwoContactListsEach, Growth(), TimeSpan.FromMinutes(50));

        fit.All.ShouldBeTrue();
        fit.Sentence("apply --all", "a", "b").ShouldBeNull();
    }

    [Fact]
    public void Of_ThousandOnGrowthAtHalf_FitsWhatContactsListAllowsInTheRunsMinutes()
    {
        // Given Contacts List's 20 a minute at half (10) over a 50-minute run: 500 lists, two a community
        var fit = RunFit.Of(1000, TwoContactListsEach, Growth(), TimeSpan.FromMinutes(50));

        // Then 250 communities fit, and Contacts List decides
        fit.Fits.ShouldBe(250);
        fit.Deciding!.Name.ShouldBe("Freshdesk's Contacts List");
    }

    [Fact]
    public void Of_DailyLimit_CountsOncePerRunWhateverItsLength()
    {
        // Given a portal of 10,000 a day at half and a run as long as a day
        var settings = new OnboardingSettings { HubSpot = new HubSpotSettings { DailyLimit = 10_000, Share = 0.5 }, Freshdesk = new FreshdeskSettings { Plan = FreshdeskPlan.Enterprise, Share = 1 } };

        var fit = RunFit.Of(5000, TwoContactListsEach, ServiceBudget.Of(settings), TimeSpan.FromHours(24));

        // Then 5,000 minus the run's 3 fixed requests, 5 a community: 999
        fit.Fits.ShouldBe(999);
        fit.Deciding!.Name.ShouldBe("HubSpot's daily limit");
    }

    [Fact]
    public void Choose_DayAfterDay_EachRunGoesOnAfterTheLastAndAllComeRound()
    {
        // Given ten communities of which four fit a run
        var names = Enumerable.Range(0, 10).Select(i => $"c{i:D2}").ToList();
        var fit = new RunFit(10, 4, null, TimeSpan.FromMinutes(50));
        var day = new DateOnly(2026, 12, 2);

        // When three days' runs choose
        var first = fit.Choose(names, day);
        var second = fit.Choose(names, day.AddDays(1));
        var third = fit.Choose(names, day.AddDays(2));

        // Then each takes four in a row in name order, the next starts after the previous one's last, and all came round
        first.Count.ShouldBe(4);
        names.IndexOf(second[0]).ShouldBe((names.IndexOf(first[^1]) + 1) % 10);
        names.IndexOf(third[0]).ShouldBe((names.IndexOf(second[^1]) + 1) % 10);
        first.Concat(second).Concat(third).Distinct().Count().ShouldBe(10);
        fit.Choose(names, day).ShouldBe(first);
    }

    [Fact]
    public void Sentence_NotFitting_SaysWhatFitsAndWhatIsLeft()
    {
        var fit = RunFit.Of(1000, TwoContactListsEach, Growth(), TimeSpan.FromMinutes(50));

        fit.Sentence("apply --all", "c000100", "c000349").ShouldBe(
            "This apply --all does not fit its budget: Freshdesk's Contacts List allows 10 a minute (0.5 of 20), enough in 50 minutes (run_minutes) for 250 of the 1,000 communities, " +
            "so it does those from c000100 to c000349 in name order and leaves 750 for the next run, which goes on after c000349 (tomorrow's turn).");
    }

    [Fact]
    public void Of_BudgetTooSmallForOne_StillDoesOne()
    {
        var fit = RunFit.Of(10, TwoContactListsEach, Growth(0.01), TimeSpan.FromMinutes(1));

        fit.Fits.ShouldBe(1);
    }

    [Theory]
    [InlineData("freshdesk", "GET", "/api/v2/tickets", RequestBucket.FreshdeskTicketsList)]
    [InlineData("freshdesk", "GET", "/api/v2/tickets?requester_id=1", RequestBucket.FreshdeskTicketsList)]
    [InlineData("freshdesk", "GET", "/api/v2/contacts", RequestBucket.FreshdeskContactsList)]
    [InlineData("freshdesk", "POST", "/api/v2/tickets/outbound_email", RequestBucket.FreshdeskTicketCreate)]
    [InlineData("freshdesk", "PUT", "/api/v2/tickets/42", RequestBucket.FreshdeskTicketUpdate)]
    [InlineData("freshdesk", "GET", "/api/v2/tickets/42", RequestBucket.FreshdeskOther)]
    [InlineData("hubspot", "POST", "/crm/v3/objects/contacts/search", RequestBucket.HubSpotSearch)]
    [InlineData("hubspot", "POST", "/crm/v3/objects/contacts/batch/read", RequestBucket.HubSpotOther)]
    public void BucketOf_ARequest_IsTheEndpointsLimit(string service, string method, string path, RequestBucket expected)
    {
        ServiceBudget.BucketOf(service, method, path).ShouldBe(expected);
    }
}

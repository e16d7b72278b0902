using Onboarding.Core.Planning;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// Tickets and emails an earlier version made carry their readable key as a tag, longer than the 32 characters Freshdesk
/// takes now (issue #12): an upgraded program finds them and sends nothing twice.
/// </summary>
public sealed class FreshdeskUpgradeTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    private static readonly string Complete = ManifestText.Valid(deal: Deal);

    private static readonly string NoTech = ManifestText.WithoutTechnicalContact(Complete);

    private static readonly string NoTechNoAdmins = ManifestText.WithoutHubAdmins(NoTech);

    [Fact]
    public async Task Apply_HubReadyEmailSentUnderItsEarlierTag_NotSentAgain()
    {
        // Given the hub-ready email of alpha's prod hub, as an earlier version tagged it
        await using var harness = await ApplyHarness.StartAsync();
        var deployed = ApplyHarness.Documents(("communities/alpha.yaml", Complete.Replace(
            "status: requested", "status: deployed\n    deployed: 2026-11-20\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal)));
        (await harness.ApplyAsync(deployed)).Succeeded.ShouldBeTrue();
        var email = (await TicketsOfAsync(harness, "tech.one@alpha.example.org")).ShouldHaveSingleItem();
        EarlierFreshdeskTags.Retag(harness.Sandbox.FreshdeskEmulator.Store, email.Id, [HelpdeskTags.HubReadyKey("alpha", "prod")]);

        // When the upgraded program runs
        var rerun = await harness.ApplyAsync(deployed);

        // Then it finds the email by its earlier tag and sends none
        rerun.Succeeded.ShouldBeTrue(rerun.Communities[0].Error);
        rerun.Communities[0].Steps.ShouldNotContain(s => s.Kind == StepKind.SendEmail);
        (await TicketsOfAsync(harness, "tech.one@alpha.example.org")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Apply_RequestOpenedUnderItsEarlierTag_NotAskedAgainAndItsTagsWrittenBackShort()
    {
        // Given a missing-information request an earlier version opened and tagged with its readable key
        await using var harness = await ApplyHarness.StartAsync();
        var noTech = ApplyHarness.Documents(("communities/alpha.yaml", NoTech));
        (await harness.ApplyAsync(noTech)).Succeeded.ShouldBeTrue();
        var request = (await TicketsOfAsync(harness, "rep.one@alpha.example.org")).ShouldHaveSingleItem();
        var earlierKey = request.Tags.Single().Replace(HelpdeskTags.MissingInformationPrefix("alpha"), HelpdeskTags.LegacyMissingInformationPrefix("alpha"), StringComparison.Ordinal);
        EarlierFreshdeskTags.Retag(harness.Sandbox.FreshdeskEmulator.Store, request.Id, [earlierKey]);

        // When the upgraded program runs, and then what is missing changes
        var same = await harness.ApplyAsync(noTech);
        var changed = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", NoTechNoAdmins)));

        // Then the request is not asked again, and the change is a note on it whose tags Freshdesk takes
        same.ChangeCount.ShouldBe(0);
        changed.Succeeded.ShouldBeTrue(changed.Communities[0].Error);
        changed.Communities[0].Steps.ShouldNotContain(s => s.Kind == StepKind.OpenTicket);
        var tickets = await TicketsOfAsync(harness, "rep.one@alpha.example.org");
        var noted = tickets.ShouldHaveSingleItem();
        noted.Tags.Count.ShouldBe(2);
        noted.Tags.ShouldAllBe(t => t.Length <= HelpdeskTags.MaxLength && HelpdeskTags.IsMissingInformation("alpha", t));
        noted.Tags.ShouldContain(request.Tags.Single());
    }

    private static async Task<IReadOnlyList<FreshdeskTicket>> TicketsOfAsync(ApplyHarness harness, string email)
    {
        using var connections = harness.Connect();
        return await connections.Freshdesk.ListTicketsAsync(FreshdeskTicketScope.Requester(email) with { UpdatedSince = DateTimeOffset.UnixEpoch });
    }
}

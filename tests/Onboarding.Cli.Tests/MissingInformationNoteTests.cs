using Onboarding.Core.Manifests;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>The notes on a missing-information request are keyed, so a run stopped between a note and what follows it notes nothing twice.</summary>
public sealed class MissingInformationNoteTests
{
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    private static readonly string Complete = ManifestText.Valid(deal: Deal);

    private static readonly string NoTech = ManifestText.WithoutTechnicalContact(Complete);

    private static readonly string NoTechNoAdmins = ManifestText.WithoutHubAdmins(NoTech);

    public static TheoryData<string, string> Changes => new()
    {
        { "the set of missing things changes", "onboarding-note: onboarding-missing-alpha-" },
        { "everything arrives", "onboarding-note: onboarding-resolved-alpha" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Apply_CancelledAfterEveryWriteOfANoteInTurn_CleanRerunNotesOnce(string change, string key)
    {
        // Given the writes an undisturbed apply of the change makes (a note, then a tag or a resolve, and the issues)
        var before = ApplyHarness.Documents(("communities/alpha.yaml", NoTech));
        var after = ApplyHarness.Documents(("communities/alpha.yaml", key.Contains("resolved", StringComparison.Ordinal) ? Complete : NoTechNoAdmins));
        int writes;
        await using (var reference = await ApplyHarness.StartAsync())
        {
            await SetUpAsync(reference, before);
            reference.Sandbox.Journal.Clear();
            (await reference.ApplyAsync(after)).Succeeded.ShouldBeTrue(change);
            writes = reference.Sandbox.Journal.StateChanges.Count;
        }

        writes.ShouldBeInRange(2, 50, change);

        // When the run is cancelled right after write k, for every k, and a clean run follows
        for (var k = 1; k <= writes; k++)
        {
            await using var harness = await ApplyHarness.StartAsync();
            await SetUpAsync(harness, before);
            await harness.ApplyCancelledAfterWriteAsync(after, k);

            var rerun = await harness.ApplyAsync(after);
            var settled = await harness.ApplyAsync(after);

            // Then the request has the note exactly once, and nothing is left to do
            rerun.Succeeded.ShouldBeTrue($"{change}, cancelled after write {k}: {rerun.Communities[0].Error}");
            settled.ChangeCount.ShouldBe(0, $"{change}, cancelled after write {k}");
            var (ticket, conversations) = await RequestAsync(harness);
            conversations.Count(c => c.BodyText.Contains(key, StringComparison.Ordinal)).ShouldBe(1, $"{change}, cancelled after write {k}");
            if (key.Contains("resolved", StringComparison.Ordinal))
                ticket.Status.ShouldBe(FreshdeskTicketStatus.Resolved);
            else
                ticket.Tags.Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task Apply_NoteCommittedButItsAnswerLost_ReRunTagsWithoutASecondNote()
    {
        // Given a request open for one set of missing things
        await using var harness = await ApplyHarness.StartAsync();
        (await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", NoTech)))).Succeeded.ShouldBeTrue();
        var changed = ApplyHarness.Documents(("communities/alpha.yaml", NoTechNoAdmins));

        // When the set changes, Freshdesk keeps the note but the answer is lost, and apply runs again
        harness.Sandbox.Freshdesk.Faults.Add(new Onboarding.Sandbox.Infrastructure.FaultRule(Onboarding.Sandbox.Infrastructure.FaultKind.FailAfterCommit, Method: "POST", PathPattern: "/notes$"));
        var failed = await harness.ApplyAsync(changed);
        var rerun = await harness.ApplyAsync(changed);

        // Then the first run failed, and the re-run found the note and only tagged the request
        failed.Succeeded.ShouldBeFalse();
        rerun.Succeeded.ShouldBeTrue(rerun.Communities[0].Error);
        rerun.Communities[0].Steps.ShouldContain(s => s.Service == "freshdesk" && s.Found);
        var (ticket, conversations) = await RequestAsync(harness);
        conversations.Count(c => c.BodyText.Contains("onboarding-note: onboarding-missing-alpha-", StringComparison.Ordinal)).ShouldBe(1);
        ticket.Tags.Count.ShouldBe(2);
    }

    /// <summary>The request open for its first set of missing things.</summary>
    private static async Task SetUpAsync(ApplyHarness harness, IReadOnlyList<ManifestDocument> before) =>
        (await harness.ApplyAsync(before)).Succeeded.ShouldBeTrue();

    private static async Task<(FreshdeskTicket Ticket, IReadOnlyList<FreshdeskConversation> Conversations)> RequestAsync(ApplyHarness harness)
    {
        using var connections = harness.Connect();
        var ticket = (await connections.Freshdesk.ListTicketsAsync(FreshdeskTicketScope.Requester("rep.one@alpha.example.org"))).ShouldHaveSingleItem();
        return (ticket, await connections.Freshdesk.ListConversationsAsync(ticket.Id));
    }
}

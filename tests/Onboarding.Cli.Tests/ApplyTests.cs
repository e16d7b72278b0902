using Onboarding.Core.Apply;
using Onboarding.Core.Planning;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed class ApplyTests
{
    /// <summary>A deal the sandbox has, in stage Contract Admin.</summary>
    private const string Deal = Onboarding.Sandbox.HubSpot.HubSpotSeed.ContractAdminDealId;

    [Fact]
    public async Task Apply_Examples_CreatesEverythingOnceAndASecondRunChangesNothing()
    {
        // Given the sandbox and the example communities
        await using var harness = await ApplyHarness.StartAsync();
        var examples = ApplyHarness.Examples();

        // When apply runs twice
        var first = await harness.ApplyAsync(examples);
        var writesAfterFirst = harness.Sandbox.Journal.StateChanges.Count;
        var second = await harness.ApplyAsync(examples);

        // Then the first made every change and the second made no request that changed anything
        first.Succeeded.ShouldBeTrue(string.Join("\n", first.Communities.Select(c => c.Error)));
        first.ChangeCount.ShouldBe(41);
        second.Succeeded.ShouldBeTrue();
        second.ChangeCount.ShouldBe(0);
        ApplyReportRenderer.Summary(second).ShouldBe("Nothing left to do: 3 communities are up to date.");
        harness.Sandbox.Journal.StateChanges.Count.ShouldBe(writesAfterFirst);

        // And the services hold one issue per phase and cluster (tidepool 1-3, heliolab 0-3 as it asks for a sync chat,
        // riverbend none as its hub is live), one label per role
        var snapshot = await harness.SnapshotAsync(examples);
        snapshot.Split('\n').Count(l => l.StartsWith("issue ", StringComparison.Ordinal)).ShouldBe(7);
        snapshot.ShouldContain("hubspot tidepool kofi.mensah@tidepool.example.org Technical Contact");
        snapshot.ShouldContain("hubspot riverbend deal 14142135623");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Apply_InformationMissing_TheIssuesLinkTheNewTicketInTheSameRun(bool wholeRepository)
    {
        // Given a community without its technical contact: a missing-information ticket opens along with its issues
        await using var harness = await ApplyHarness.StartAsync();
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.WithoutTechnicalContact(ManifestText.Valid(deal: Deal))));

        // When apply runs twice, reading the turnup issues per community (a push) or once for the run (--all)
        var first = await harness.ApplyAsync(documents, wholeRepository: wholeRepository);
        var second = await harness.ApplyAsync(documents, wholeRepository: wholeRepository);

        // Then the first run already linked the ticket from the issues it concerns, and the second has nothing to do
        first.Succeeded.ShouldBeTrue(string.Join("\n", first.Communities.Select(c => c.Error)));
        first.Communities.Single().Steps.ShouldContain(s => s.Kind == StepKind.UpdateIssue);
        second.ChangeCount.ShouldBe(0, string.Join("\n", second.Communities.SelectMany(c => c.Steps).Select(s => $"{s.Kind} {s.Target}")));
    }

    [Fact]
    public async Task Apply_ManifestChangedAfterwards_AppliesOnlyTheFollowUp()
    {
        await using var harness = await ApplyHarness.StartAsync();
        var before = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal)));
        await harness.ApplyAsync(before);
        var after = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace("The alpha community", "The Alpha Community of Practice", StringComparison.Ordinal)));

        var report = await harness.ApplyAsync(after);

        report.Communities.Single().Steps.Select(s => s.Kind).Distinct().Order().ShouldBe([Onboarding.Core.Planning.StepKind.Update, Onboarding.Core.Planning.StepKind.UpdateIssue]);
        (await harness.SnapshotAsync(after)).ShouldContain("hubspot community alpha The Alpha Community of Practice");
    }

    [Fact]
    public async Task Apply_PersonAlreadyAHelpdeskContact_JoinsTheNewCompanyInTheFirstRun()
    {
        // Given a representative who already wrote to the helpdesk, so Freshdesk knows them without a company
        await using var harness = await ApplyHarness.StartAsync();
        using (var connections = harness.Connect())
            await connections.Freshdesk.CreateContactAsync(new Onboarding.Core.Services.Freshdesk.FreshdeskContactInput("Rep One", "rep.one@alpha.example.org"));
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal)));

        // When the community is applied
        var first = await harness.ApplyAsync(documents);

        // Then that run made them a contact of the community's company, and a second run has nothing left to do
        first.Succeeded.ShouldBeTrue(first.Communities[0].Error);
        (await harness.SnapshotAsync(documents)).ShouldContain("freshdesk contact rep.one@alpha.example.org company=set");
        (await harness.ApplyAsync(documents)).ChangeCount.ShouldBe(0);
    }

    [Fact]
    public async Task Apply_HubFlippedToDeployed_EmailsOnceEvenWhenTheAnswerIsLost()
    {
        // Given a community applied while its hub was requested
        await using var harness = await ApplyHarness.StartAsync();
        await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal))));
        var deployed = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace(
            "status: requested", "status: deployed\n    deployed: 2026-11-20\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal)));

        // When the hub is marked deployed, each service commits the message but the answer is lost, and apply runs twice more
        harness.Sandbox.Freshdesk.Faults.Add(new FaultRule(FaultKind.FailAfterCommit, Method: "POST", PathPattern: "outbound_email$"));
        harness.Sandbox.HubSpot.Faults.Add(new FaultRule(FaultKind.FailAfterCommit, Method: "POST", PathPattern: "^/crm/v3/objects/notes$"));
        harness.Sandbox.GitHub.Faults.Add(new FaultRule(FaultKind.FailAfterCommit, Method: "POST", PathPattern: "/comments$"));
        var first = await harness.ApplyAsync(deployed);
        var second = await harness.ApplyAsync(deployed);
        var third = await harness.ApplyAsync(deployed);

        // Then exactly one email went out, to the technical contact, and the later runs had nothing to do
        first.Succeeded.ShouldBeTrue(first.Communities[0].Error);
        first.Communities[0].Steps.ShouldContain(s => s.Kind == Onboarding.Core.Planning.StepKind.SendEmail && s.Found);
        second.ChangeCount.ShouldBe(0);
        third.ChangeCount.ShouldBe(0);
        using var connections = harness.Connect();
        var sent = await connections.Freshdesk.FindTicketsByTagAsync([HelpdeskTags.HubReady("alpha", "prod")], Onboarding.Core.Services.Freshdesk.FreshdeskTicketScope.Requester("tech.one@alpha.example.org"));
        sent.Count.ShouldBe(1);

        // And BD has one note in HubSpot and one comment, mentioning the team, on the phase 3 issue
        const string marker = "<!-- onboarding:delivered community=alpha hub=prod -->";
        var community = await connections.HubSpot.FindCommunityAsync("alpha", ["name"]);
        // HubSpot drops the HTML comment from a note; the note carries the marker's text visibly instead
        (await connections.HubSpot.ReadCommunityNotesAsync(community!.Id)).Count(n => n["hs_note_body"]!.Contains(marker[5..^4], StringComparison.Ordinal)).ShouldBe(1);
        var phase3 = await ApplyHarness.TurnupIssueAsync(connections.InfrastructureIssues, "alpha", TurnupPhase.HubSetup, "prod");
        var comments = (await connections.InfrastructureIssues.ListCommentsAsync(phase3.Number)).Where(c => c.Body.Contains(marker, StringComparison.Ordinal)).ToList();
        comments.ShouldHaveSingleItem().Body.ShouldContain("@example-org/bd: the prod hub of The alpha community was delivered on 2026-11-20");
    }

    [Fact]
    public async Task Apply_MissingInformationChangesThenArrives_OneTicketNotedThenResolvedAndIssuesReady()
    {
        // Given a community without a technical contact: one request is opened and the issues are NOT READY
        await using var harness = await ApplyHarness.StartAsync();
        var complete = ManifestText.Valid(deal: Deal);
        var noTech = ManifestText.WithoutTechnicalContact(complete);
        var noTechNoAdmins = ManifestText.WithoutHubAdmins(noTech);
        (await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", noTech)))).Succeeded.ShouldBeTrue();

        // When the set of missing things changes, and later everything arrives
        var changed = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", noTechNoAdmins)));
        var changedAgain = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", noTechNoAdmins)));
        var supplied = await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", complete)));

        // Then there was only ever one ticket: noted once when the set changed, resolved when nothing was missing
        changed.Communities[0].Steps.ShouldContain(s => s.Kind == Onboarding.Core.Planning.StepKind.AddNote && s.Service == "freshdesk");
        changed.Communities[0].Steps.ShouldNotContain(s => s.Kind == Onboarding.Core.Planning.StepKind.OpenTicket);
        changedAgain.ChangeCount.ShouldBe(0);
        supplied.Succeeded.ShouldBeTrue(supplied.Communities[0].Error);
        using var connections = harness.Connect();
        var tickets = await connections.Freshdesk.ListTicketsAsync(Onboarding.Core.Services.Freshdesk.FreshdeskTicketScope.Requester("rep.one@alpha.example.org"));
        var ticket = tickets.ShouldHaveSingleItem();
        ticket.Status.ShouldBe(Onboarding.Core.Services.Freshdesk.FreshdeskTicketStatus.Resolved);
        ticket.Tags.Count.ShouldBe(2);

        // And the turnup issues now say READY
        var phase1 = await ApplyHarness.TurnupIssueAsync(connections.InfrastructureIssues, "alpha", TurnupPhase.CloudAccount, "prod");
        phase1.Body.ShouldContain("### Is this phase ready to be worked on?\n\nREADY\n");
        (await harness.ApplyAsync(ApplyHarness.Documents(("communities/alpha.yaml", complete)))).ChangeCount.ShouldBe(0);
    }

    public static TheoryData<string, FaultKind, string?> Faults => new()
    {
        { "community create committed, answer lost", FaultKind.FailAfterCommit, "^/crm/v3/objects/2-4711203$" },
        { "issue create committed, answer lost", FaultKind.FailAfterCommit, "/issues$" },
        { "company create committed, answer lost", FaultKind.FailAfterCommit, "^/api/v2/companies$" },
        { "contact create committed, answer lost", FaultKind.FailAfterCommit, "^/api/v2/contacts$" },
        { "ticket create committed, answer lost", FaultKind.FailAfterCommit, "^/api/v2/tickets$" },
        { "connection reset on an issue create", FaultKind.ConnectionReset, "/issues$" },
        { "503 on association writes", FaultKind.ServiceUnavailable, "/associations/" },
        { "429 on contact upserts", FaultKind.RateLimited, "batch/upsert" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Apply_FaultThenCleanRerun_EndsAsAnUndisturbedRun(string fault, FaultKind kind, string? path)
    {
        // Given a community that also needs a missing-information ticket
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal).Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal)));
        await using var undisturbed = await ApplyHarness.StartAsync();
        var clean = await undisturbed.ApplyAsync(documents);
        clean.Succeeded.ShouldBeTrue(clean.Communities[0].Error);
        var expected = await undisturbed.SnapshotAsync(documents);

        // When the first run meets the fault on every matching request (twice), and a clean run follows
        await using var harness = await ApplyHarness.StartAsync();
        foreach (var host in new[] { harness.Sandbox.HubSpot, harness.Sandbox.Freshdesk, harness.Sandbox.GitHub })
            host.Faults.Add(new FaultRule(kind, Method: kind == FaultKind.ServiceUnavailable ? "PUT" : "POST", PathPattern: path ?? ".*", Times: 2, RetryAfterSeconds: 0));
        await harness.ApplyAsync(documents);
        foreach (var host in new[] { harness.Sandbox.HubSpot, harness.Sandbox.Freshdesk, harness.Sandbox.GitHub })
            host.Faults.Clear();
        var rerun = await harness.ApplyAsync(documents);

        // Then the final state is the undisturbed one: nothing twice, nothing missing
        rerun.Succeeded.ShouldBeTrue(fault);
        (await harness.SnapshotAsync(documents)).ShouldBe(expected, fault);
        new[] { harness.Sandbox.HubSpot, harness.Sandbox.Freshdesk, harness.Sandbox.GitHub }.Sum(h => h.Faults.Injected).ShouldBeGreaterThan(0, fault);
    }

    [Fact]
    public async Task Apply_StoppedAtEveryRequestInTurn_CleanRerunEndsAsAnUndisturbedRun()
    {
        // Given the number of requests an undisturbed apply of one community makes
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal)));
        await using var reference = await ApplyHarness.StartAsync();
        await reference.ApplyAsync(documents);
        var requests = reference.Sandbox.Journal.Entries.Count;
        var expected = await reference.SnapshotAsync(documents);
        requests.ShouldBeInRange(10, 200);

        // When a run dies at request n (that request and every later one are cut off), for every n, and a clean run follows
        for (var n = 0; n < requests; n++)
        {
            await using var harness = await ApplyHarness.StartAsync();
            var budget = new RequestBudget(n);
            foreach (var host in new[] { harness.Sandbox.HubSpot, harness.Sandbox.Freshdesk, harness.Sandbox.GitHub })
                host.Faults.CutOffAfter(budget);
            var dying = await harness.ApplyAsync(documents, maxRetries: 0);
            foreach (var host in new[] { harness.Sandbox.HubSpot, harness.Sandbox.Freshdesk, harness.Sandbox.GitHub })
                host.Faults.Clear();

            var rerun = await harness.ApplyAsync(documents);

            // Then
            dying.Succeeded.ShouldBeFalse($"stopped at request {n}");
            rerun.Succeeded.ShouldBeTrue($"stopped at request {n}: {rerun.Communities[0].Error}");
            (await harness.SnapshotAsync(documents)).ShouldBe(expected, $"stopped at request {n}");
        }
    }

    [Fact]
    public async Task Apply_CancelledAfterEveryWriteInTurn_CleanRerunEndsAsAnUndisturbedRun()
    {
        // Given the number of writes an undisturbed apply of one community makes
        var documents = ApplyHarness.Documents(("communities/alpha.yaml", ManifestText.Valid(deal: Deal)));
        await using var reference = await ApplyHarness.StartAsync();
        await reference.ApplyAsync(documents);
        var writes = reference.Sandbox.Journal.StateChanges.Count;
        var expected = await reference.SnapshotAsync(documents);
        writes.ShouldBeInRange(5, 100);

        // When the run is cancelled (as by Ctrl-C) right after write k, for every k, and a clean run follows
        var stopped = 0;
        for (var k = 1; k <= writes; k++)
        {
            await using var harness = await ApplyHarness.StartAsync();
            if (await harness.ApplyCancelledAfterWriteAsync(documents, k))
                stopped++;

            var rerun = await harness.ApplyAsync(documents);

            // Then
            rerun.Succeeded.ShouldBeTrue($"cancelled after write {k}: {rerun.Communities[0].Error}");
            (await harness.SnapshotAsync(documents)).ShouldBe(expected, $"cancelled after write {k}");
        }

        // A cancel after the last write may come too late to stop anything; every other one stops the run.
        stopped.ShouldBeGreaterThanOrEqualTo(writes - 2);
    }
}

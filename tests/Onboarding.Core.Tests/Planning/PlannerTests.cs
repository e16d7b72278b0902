using Onboarding.Core.Planning;
using Onboarding.Core.Turnup;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Planning;

public sealed class PlannerTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private const string TechnicalContact = "technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n";

    [Fact]
    public void Plan_NothingThere_CreatesInApplyOrder()
    {
        // Given a new community and empty services
        var document = Document(ManifestText.Valid());

        // When
        var plan = Plan(document, ObservedCommunity.Empty);

        // Then HubSpot first, then Freshdesk, then the turnup issues of a new dedicated cluster, each with a stable key
        plan.Steps.Select(s => $"{s.Service} {s.Kind} {s.Key}").ShouldBe([
            "hubspot Create hubspot:community:alpha",
            "hubspot Create hubspot:contact:rep.one@alpha.example.org",
            "hubspot Create hubspot:contact:tech.one@alpha.example.org",
            "hubspot Associate hubspot:association:alpha:rep.one@alpha.example.org:Community Representative",
            "hubspot Associate hubspot:association:alpha:tech.one@alpha.example.org:Technical Contact",
            "hubspot Associate hubspot:deal:alpha:1001",
            "freshdesk Create freshdesk:company:alpha",
            "freshdesk Create freshdesk:contact:rep.one@alpha.example.org",
            "freshdesk Create freshdesk:contact:tech.one@alpha.example.org",
            "github OpenIssue github:issue:alpha:cluster:alpha:phase-1",
            "github OpenIssue github:issue:alpha:cluster:alpha:phase-2",
            "github OpenIssue github:issue:alpha:cluster:alpha:request:2026-01-15:phase-3",
        ]);
        plan.IsRenewal.ShouldBeFalse();
        plan.IssueNotes.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_AlreadyApplied_NothingToDo()
    {
        var document = Document(ManifestText.Valid());

        var plan = Plan(document, ObservedCommunity.AsApplied(Desired(document)));

        plan.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_IssuesOpenedWithoutTheCommunityLabel_AddsItOpenOrClosed()
    {
        // Given the issues as an earlier version opened them, without the community's label, phase 1 closed
        var document = Document(ManifestText.Valid());
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var observed = applied with
        {
            Issues = applied.Issues.ToDictionary(
                p => p.Key,
                p => p.Value with { Labels = [.. p.Value.Labels.Where(l => l != "community:alpha")], Open = !p.Key.EndsWith("phase-1", StringComparison.Ordinal) }),
        };

        // When
        var plan = Plan(document, observed);

        // Then each gets the label and nothing else, so listing by the label finds them from now on
        plan.Steps.Select(s => $"{s.Kind} {s.Key} {string.Join(",", s.Changes.Select(c => $"{c.Field}={c.After}"))}").ShouldBe([
            "UpdateIssue github:issue:alpha:cluster:alpha:phase-1 labels=community:alpha",
            "UpdateIssue github:issue:alpha:cluster:alpha:phase-2 labels=community:alpha",
            "UpdateIssue github:issue:alpha:cluster:alpha:request:2026-01-15:phase-3 labels=community:alpha",
        ]);
    }

    [Fact]
    public void Plan_IssuesOpenedOneSetPerHub_AdoptedOrLeftAloneAndNoneOpenedAgain()
    {
        // Given the four issues of the old scheme (one set per hub), phase 1 closed since
        var document = Document(ManifestText.Valid());
        var observed = ObservedCommunity.Empty with
        {
            Issues = new Dictionary<string, ObservedIssue>
            {
                [IssueMarker.LegacyKey("alpha", "prod", 0)] = Legacy(7, "prod", 0),
                [IssueMarker.LegacyKey("alpha", "prod", 1)] = Legacy(8, "prod", 1) with { Open = false },
                [IssueMarker.LegacyKey("alpha", "prod", 2)] = Legacy(9, "prod", 2),
                [IssueMarker.LegacyKey("alpha", "prod", 3)] = Legacy(10, "prod", 3),
            },
        };

        // When
        var plan = Plan(document, observed);

        // Then the open ones are rewritten in the template's form under their new marker, the closed one kept, the sync chat left alone
        plan.Steps.ShouldNotContain(s => s.Kind == StepKind.OpenIssue);
        var updates = plan.Steps.OfType<UpdateTurnupIssue>().ToList();
        updates.Select(u => (u.Existing.Number, u.Issue.Key, u.Adopts)).ShouldBe([
            (9, "github:issue:alpha:cluster:alpha:phase-2", true),
            (10, "github:issue:alpha:cluster:alpha:request:2026-01-15:phase-3", true),
        ]);
        updates[0].Changes[0].ShouldBe(new FieldChange("marker", "phase 2 of alpha (prod), opened one set per hub", "phase 2 of alpha on cluster alpha (hub prod)"));
        updates[0].Issue.Body.ShouldStartWith("<!-- onboarding:turnup community=alpha cluster=alpha hubs=prod phase=2 -->\n");
        plan.IssueNotes.ShouldBe([
            "#8 (phase 1 of alpha (prod), opened one set per hub) is adopted as phase 1 of alpha on cluster alpha (hub prod): it is closed, so it stays as it is and none is opened.",
            "#9 (phase 2 of alpha (prod), opened one set per hub) is adopted as phase 2 of alpha on cluster alpha (hub prod): its body is rewritten in the template's form.",
            "#10 (phase 3 of alpha (prod), opened one set per hub) is adopted as phase 3 of alpha on cluster alpha (hub prod): its body is rewritten in the template's form.",
            "#7 (phase 0 of alpha (prod), opened one set per hub) is left alone: the manifest asks for no such issue now.",
        ]);
    }

    [Fact]
    public void Plan_TwoHubsWithOldIssuesEach_TheOldestAdoptedForTheRequestTheOtherLeftAlone()
    {
        // Given staging and prod requested together, each with its own old phase 3 issue
        var text = ManifestText.Valid().Replace("hubs:\n", "hubs:\n  - name: staging\n    domain: staging.alpha.hubs.example.org\n    status: requested\n    requested: 2026-01-15\n    auth:\n      method: github\n      organizations: [alpha-org]\n      admins: [rep-one]\n", StringComparison.Ordinal);
        var document = Document(text);
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var observed = applied with
        {
            Issues = new Dictionary<string, ObservedIssue>(applied.Issues.Where(i => !i.Key.EndsWith("phase-3", StringComparison.Ordinal)))
            {
                [IssueMarker.LegacyKey("alpha", "staging", 3)] = Legacy(3, "staging", 3),
                [IssueMarker.LegacyKey("alpha", "prod", 3)] = Legacy(4, "prod", 3),
            },
        };

        // When
        var plan = Plan(document, observed);

        // Then
        var step = plan.Steps.ShouldHaveSingleItem().ShouldBeOfType<UpdateTurnupIssue>();
        step.Existing.Number.ShouldBe(3);
        step.Issue.Hubs.ShouldBe(["staging", "prod"]);
        plan.IssueNotes.ShouldContain("#4 (phase 3 of alpha (prod), opened one set per hub) is left alone: #3 is phase 3 of alpha on cluster alpha (hubs staging, prod).");
    }

    [Fact]
    public void Plan_IssueTextChanged_TheDiffShowsOnlyTheLinesThatChange()
    {
        // Given an admin added to the hub after its issues were opened
        var before = Document(ManifestText.Valid());
        var after = Document(ManifestText.Valid().Replace("admins: [rep-one]", "admins: [rep-one, rep-two]", StringComparison.Ordinal));

        // When
        var plan = Plan(after, ObservedCommunity.AsApplied(Desired(before)));

        // Then the phase 3 issue is updated, and the plan shows its changed lines with a little context
        var step = plan.Steps.ShouldHaveSingleItem().ShouldBeOfType<UpdateTurnupIssue>();
        step.Changes.ShouldBe([new FieldChange("body", "(as it is)", "READY (+2 -2 lines)")]);
        var diff = step.Diff.ShouldNotBeNull().Split('\n');
        diff.Count(l => l.StartsWith('-')).ShouldBe(2);
        diff.Count(l => l.StartsWith('+')).ShouldBe(2);
        diff.ShouldContain("-| Admin Users (GitHub handles or emails, depending on Mechanism) | rep-one | |");
        diff.ShouldContain("+| Admin Users (GitHub handles or emails, depending on Mechanism) | rep-one, rep-two | |");
        diff.Length.ShouldBeLessThan(20);
        PlanRenderer.Text(new Onboarding.Core.Planning.Plan(false, [], [plan])).ShouldContain("\n        +| Admin Users (GitHub handles or emails, depending on Mechanism) | rep-one, rep-two | |\n");
        PlanRenderer.Markdown(new Onboarding.Core.Planning.Plan(false, [], [plan])).ShouldContain("```diff\n");
    }

    [Fact]
    public void Plan_DecommissionedHub_OpensItsIssueOnce()
    {
        // Given a hub marked decommissioned
        var text = ManifestText.Valid().Replace("status: requested", "status: decommissioned", StringComparison.Ordinal);
        var document = Document(text);

        // When planned against nothing, then against what that apply left
        var first = Plan(document, ObservedCommunity.Empty);
        var second = Plan(document, ObservedCommunity.AsApplied(Desired(document)));

        // Then
        first.Steps.Where(s => s.Service == "github").Select(s => s.Key).ShouldBe(["github:issue:alpha:decommission:prod"]);
        second.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_UnansweredRows_ListedWithTheirIssue()
    {
        // Given a community without a logo
        var document = Document(ManifestText.Valid());

        // When
        var plan = Plan(document, ObservedCommunity.Empty);

        // Then
        plan.Unanswered.ShouldBe([new UnansweredRow("[New Hub] [Phase 3] Hub Setup - alpha.hubs.example.org", "Splash image URL", "prod", null)]);
        PlanRenderer.Text(new Onboarding.Core.Planning.Plan(false, [], [plan])).ShouldContain("      unanswered: Splash image URL (hub prod)\n");
    }

    [Fact]
    public void Plan_LongNameChanged_UpdatesOnlyThatField()
    {
        var before = Document(ManifestText.Valid());
        var after = Document(ManifestText.Valid().Replace("The alpha community", "The Alpha Community of Practice", StringComparison.Ordinal));

        var plan = Plan(after, ObservedCommunity.AsApplied(Desired(before)));

        // Then the community record changes in that one field, and the open turnup issues, which name it, follow
        var step = plan.Steps.Where(s => s.Service == "hubspot").ShouldHaveSingleItem();
        step.Kind.ShouldBe(StepKind.Update);
        step.Changes.ShouldBe([new FieldChange("long_name", "The alpha community", "The Alpha Community of Practice")]);
        plan.Steps.Where(s => s.Service != "hubspot").ShouldAllBe(s => s.Kind == StepKind.UpdateIssue);
        plan.Steps.ShouldAllBe(s => !s.Target.StartsWith("#0", StringComparison.Ordinal), "an offline plan knows no issue numbers");
    }

    [Fact]
    public void Plan_PersonRemoved_RemovesTheLabelNotTheContact()
    {
        var before = Document(ManifestText.Valid());
        var after = Document(ManifestText.Valid().Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal));

        var plan = Plan(after, ObservedCommunity.AsApplied(Desired(before)));

        plan.Steps.ShouldContain(s => s.Kind == StepKind.Dissociate && s.Key == "hubspot:association:alpha:tech.one@alpha.example.org:Technical Contact");
        plan.Steps.ShouldNotContain(s => s.Service == "hubspot" && s.Kind != StepKind.Dissociate && s.Target.Contains("tech.one", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_DealAdded_IsARenewalThatAssociatesTheDeal()
    {
        var before = Document(ManifestText.Valid());
        var after = Document(ManifestText.Valid().Replace("deals: [\"1001\"]", "deals: [\"1001\", \"1002\"]", StringComparison.Ordinal));

        var plan = Plan(after, ObservedCommunity.AsApplied(Desired(before)));

        plan.IsRenewal.ShouldBeTrue();
        plan.Steps.Where(s => s.Service != "github").ShouldHaveSingleItem().Key.ShouldBe("hubspot:deal:alpha:1002");
        plan.Steps.ShouldNotContain(s => s.Kind == StepKind.OpenIssue);
    }

    [Fact]
    public void Plan_EveryDealAlreadyAssociated_IsNotARenewal()
    {
        // Given alpha applied with its one deal
        var document = Document(ManifestText.Valid());

        // When
        var plan = Plan(document, ObservedCommunity.AsApplied(Desired(document)) with { CommunityId = "c-9" });

        // Then
        plan.IsRenewal.ShouldBeFalse();
    }

    [Fact]
    public void Plan_TechnicalOwner_EveryNewIssueIsAssignedToThem()
    {
        // Given
        var document = Document(ManifestText.Valid().Replace("website:", "owners:\n  technical: \"@jun\"\nwebsite:", StringComparison.Ordinal));

        // When
        var plan = Plan(document, ObservedCommunity.Empty);

        // Then
        var opened = plan.Steps.OfType<OpenTurnupIssue>().ToList();
        opened.Count.ShouldBe(3);
        opened.ShouldAllBe(s => s.Assignee == "jun");
        opened[0].Changes.ShouldBe([new FieldChange("status", null, opened[0].Issue.Status), new FieldChange("assignee", null, "@jun")]);
    }

    [Fact]
    public void Plan_IssuesWhoseMarkersWereIgnored_SaysWhichInTheNotes()
    {
        // Given the reader ignored an issue whose marker it could not trust
        var document = Document(ManifestText.Valid());
        var observed = ObservedCommunity.AsApplied(Desired(document)) with { IgnoredMarkers = ["#12 carries alpha's marker but was not opened by this program; it is ignored."] };

        // When
        var plan = Plan(document, observed);

        // Then
        plan.IssueNotes.ShouldBe(["#12 carries alpha's marker but was not opened by this program; it is ignored."]);
    }

    [Fact]
    public void Plan_HelpdeskNameChangedByHandAfterTheManifest_KeepsItReportsItAndOnlyJoinsTheCompany()
    {
        // Given Rep One renamed by hand in Freshdesk after the manifest's last commit, in another company
        var document = Document(ManifestText.Valid());
        var manifestChanged = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var renamed = new ObservedHelpdeskContact(7, "rep.one@alpha.example.org", "Rep Owens", 41) { UpdatedAt = manifestChanged.AddDays(3) };
        var observed = applied with
        {
            CommunityId = "c-9",
            Company = applied.Company! with { Id = 42 },
            HelpdeskContacts = new Dictionary<string, ObservedHelpdeskContact>(applied.HelpdeskContacts, StringComparer.Ordinal) { [renamed.Email] = renamed },
        };
        var edits = new HandEdits(Settings, new ChangeTimes(manifestChanged, manifestChanged), new HashSet<string>());

        // When
        var plan = Planner.Plan(document, Desired(document), observed, Allowed(document), Settings, edits: edits);

        // Then the contact only joins the company, and the plan reports the name it keeps
        var step = plan.Steps.OfType<UpdateHelpdeskContact>().Single(s => s.Contact.Email == renamed.Email);
        step.NameKept.ShouldBeTrue();
        step.Changes.ShouldBe([new FieldChange("company", null, "alpha")]);
        var kept = plan.KeptEdits.ShouldHaveSingleItem();
        (kept.Service, kept.InService, kept.InManifest, kept.Contact).ShouldBe(("Freshdesk", "Rep Owens", "Rep One", renamed.Email));
    }

    [Fact]
    public void Plan_MissingInformationAlreadyAsked_NoSecondTicket()
    {
        var document = Document(ManifestText.Valid().Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal));
        var desired = Desired(document);

        var first = Plan(document, ObservedCommunity.Empty);
        var second = Plan(document, ObservedCommunity.Empty with { TicketTags = new HashSet<string> { desired.MissingInformation!.Tag } });

        first.Steps.Count(s => s.Kind == StepKind.OpenTicket).ShouldBe(1);
        second.Steps.ShouldNotContain(s => s.Kind == StepKind.OpenTicket);
    }

    [Fact]
    public void Plan_LabelsHeldInAnotherCase_AreNotAddedAgain()
    {
        // Given the roles HubSpot holds, in another case than the settings name them
        var document = Document(ManifestText.Valid());
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var observed = applied with { ContactLabels = applied.ContactLabels.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Select(l => l.ToUpperInvariant())]) };

        // When
        var plan = Plan(document, observed);

        // Then
        plan.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_PeopleNoLongerListed_LoseOnlyTheRolesOnboardingManages_ByEmail()
    {
        // Given two people HubSpot holds as roles of alpha who are not in the manifest (one also with a role of its own),
        // and a listed representative who is also held as technical contact
        var document = Document(ManifestText.Valid());
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var labels = applied.ContactLabels.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        labels["zed@alpha.example.org"] = ["Technical Contact", "Billing", "Community Representative"];
        labels["amy@alpha.example.org"] = ["community representative"];
        labels["rep.one@alpha.example.org"] = ["Community Representative", "Technical Contact"];

        // When
        var plan = Plan(document, applied with { ContactLabels = labels });

        // Then in the order of their emails, and of the roles; the label as HubSpot holds it
        plan.Steps.Select(s => $"{s.Kind} {s.Target}").ShouldBe([
            "Dissociate amy@alpha.example.org as community representative of alpha (the contact record stays)",
            "Dissociate rep.one@alpha.example.org as Technical Contact of alpha (the contact record stays)",
            "Dissociate zed@alpha.example.org as Community Representative of alpha (the contact record stays)",
            "Dissociate zed@alpha.example.org as Technical Contact of alpha (the contact record stays)",
        ]);
    }

    [Fact]
    public void Plan_DealHubSpotDoesNotKnow_IsNeitherAssociatedNorNoted()
    {
        // Given a deployed hub and two deals, 1002 unknown to HubSpot
        var document = Document(Deployed("2026-11-20").Replace("deals: [\"1001\"]", "deals: [\"1001\", \"1002\"]", StringComparison.Ordinal));
        IReadOnlyList<DealFact> deals = [new("1001", "Deal", "Closed Won", Exists: true, InAllowedStage: true), new("1002", null, null, Exists: false, InAllowedStage: false)];
        var desired = DesiredStateBuilder.Build(document, deals, dealsChecked: true, Settings, TurnupFixtures.Templates, Today);

        // When
        var plan = Planner.Plan(document, desired, ObservedCommunity.Empty, deals, Settings);

        // Then
        plan.Steps.OfType<AssociateDeal>().Select(s => s.Deal).ShouldBe(["1001"]);
        plan.Steps.OfType<AddDeliveryNote>().Single().Deals.ShouldBe(["1001"]);
    }

    [Fact]
    public void Plan_RepresentativeRenamed_UpdatesTheContactsAndTheCompanyField()
    {
        // Given alpha applied, then its representative renamed
        var before = Document(ManifestText.Valid());
        var after = Document(ManifestText.Valid().Replace("name: Rep One", "name: Rep Owens", StringComparison.Ordinal));

        // When
        var plan = Plan(after, ObservedCommunity.AsApplied(Desired(before)));

        // Then the HubSpot contact, the company's list of representatives and the Freshdesk contact follow
        plan.Steps.Where(s => s.Service != "github").Select(s => $"{s.Kind} {s.Key} {string.Join(",", s.Changes.Select(c => c.Field))}").ShouldBe([
            "Update hubspot:contact:rep.one@alpha.example.org lastname",
            "Update freshdesk:company:alpha community_representatives",
            "Update freshdesk:contact:rep.one@alpha.example.org name",
        ]);
    }

    [Fact]
    public void Plan_WhatIsMissingChanged_NotesTheFirstOpenRequest()
    {
        // Given two open requests for another set of missing items
        var document = Document(ManifestText.Valid().Replace(TechnicalContact, "", StringComparison.Ordinal));
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var observed = applied with { OpenRequests = [new ObservedRequest(7, ["onboarding-missing-alpha-old"]), new ObservedRequest(9, [])], TicketTags = new HashSet<string>() };

        // When
        var plan = Plan(document, observed);

        // Then
        var note = plan.Steps.ShouldHaveSingleItem().ShouldBeOfType<NoteMissingInformationRequest>();
        note.Open.Id.ShouldBe(7);
        note.Request.Tag.ShouldBe(Desired(document).MissingInformation!.Tag);
    }

    [Fact]
    public void Plan_NothingMissingAnyMore_ResolvesEveryOpenRequest()
    {
        // Given a complete manifest and two requests still open
        var document = Document(ManifestText.Valid());
        var observed = ObservedCommunity.AsApplied(Desired(document)) with { OpenRequests = [new ObservedRequest(7, []), new ObservedRequest(9, [])] };

        // When
        var plan = Plan(document, observed);

        // Then
        plan.Steps.Select(s => s.Key).ShouldBe(["freshdesk:ticket-resolve:alpha:7", "freshdesk:ticket-resolve:alpha:9"]);
    }

    [Theory]
    [InlineData(false, false, true, "AddDeliveryNote,AddDeliveryComment")]
    [InlineData(true, false, true, "AddDeliveryComment")]
    [InlineData(false, true, true, "AddDeliveryNote")]
    [InlineData(false, false, false, "AddDeliveryNote")]
    public void Plan_HubDelivered_TellsBdOnceInHubSpotAndOnThePhase3Issue(bool noted, bool commented, bool phase3Exists, string planned)
    {
        // Given the hub's turnup issues (or none), and what BD was already told
        var requested = Desired(Document(ManifestText.Valid()));
        var document = Document(Deployed("2026-11-20"));
        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today);
        var marker = desired.Deliveries.Single().Marker;
        var applied = ObservedCommunity.AsApplied(requested);
        var observed = ObservedCommunity.AsApplied(desired) with
        {
            Issues = phase3Exists ? applied.Issues : new Dictionary<string, ObservedIssue>(),
            DeliveryNotes = noted ? new HashSet<string> { marker } : new HashSet<string>(),
            DeliveryComments = commented ? new HashSet<string> { marker } : new HashSet<string>(),
        };

        // When
        var plan = Planner.Plan(document, desired, observed, Allowed(document), Settings);

        // Then
        string.Join(",", plan.Steps.Select(s => s.GetType().Name)).ShouldBe(planned);
        plan.Steps.OfType<AddDeliveryComment>().ShouldAllBe(c => c.Phase3 == applied.Issues.Single(p => p.Key.EndsWith(":phase-3", StringComparison.Ordinal)).Value && c.BdTeam == "@example-org/bd");
    }

    [Fact]
    public void Plan_CompanyAndHelpdeskContactsMissing_AreCreatedEvenWhenHubSpotHasThem()
    {
        // Given HubSpot as applied, Freshdesk empty
        var document = Document(ManifestText.Valid());
        var observed = ObservedCommunity.AsApplied(Desired(document)) with { Company = null, HelpdeskContacts = new Dictionary<string, ObservedHelpdeskContact>() };

        // When
        var plan = Plan(document, observed);

        // Then
        plan.Steps.Select(s => $"{s.Kind} {s.Key}").ShouldBe([
            "Create freshdesk:company:alpha",
            "Create freshdesk:contact:rep.one@alpha.example.org",
            "Create freshdesk:contact:tech.one@alpha.example.org",
        ]);
    }

    [Fact]
    public void Plan_MissingInformationAskedUnderTheEarlierTag_NoSecondTicket()
    {
        // Given a request an earlier version opened, tagged with the readable key
        var document = Document(ManifestText.Valid().Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n", "", StringComparison.Ordinal));
        var request = Desired(document).MissingInformation!;
        var observed = ObservedCommunity.Empty with
        {
            TicketTags = new HashSet<string> { request.Key },
            OpenRequests = [new ObservedRequest(7, [request.Key])],
        };

        // When
        var plan = Plan(document, observed);

        // Then it is the request for this set: nothing is asked again, noted or resolved
        plan.Steps.ShouldNotContain(s => s is OpenMissingInformationRequest || s is NoteMissingInformationRequest || s is ResolveMissingInformationRequest);
        Plan(document, ObservedCommunity.Empty).Steps.ShouldContain(s => s is OpenMissingInformationRequest);
    }

    [Fact]
    public void Plan_SameInputs_ByteIdenticalOutput()
    {
        // Given the same manifests planned twice
        Plan Once()
        {
            var documents = new[] { Document(ManifestText.Valid()), Document(ManifestText.Valid("beta", "2002", "beta.hubs.example.org"), "communities/beta.yaml") };
            return new Onboarding.Core.Planning.Plan(false, ["note"], [.. documents.Select(d => PlanningFixture.Plan(d, ObservedCommunity.Empty))]);
        }

        // When rendered
        var (first, second) = (Once(), Once());

        // Then byte for byte the same
        PlanRenderer.Text(first).ShouldBe(PlanRenderer.Text(second));
        PlanRenderer.Markdown(first).ShouldBe(PlanRenderer.Markdown(second));
        System.Text.Json.JsonSerializer.Serialize(first.Communities.SelectMany(c => c.Steps)).ShouldBe(System.Text.Json.JsonSerializer.Serialize(second.Communities.SelectMany(c => c.Steps)));
    }

    private static ObservedIssue Legacy(int number, string hub, int phase) =>
        new(number, $"[New Hub] [Phase {phase}] alpha ({hub})", $"<!-- onboarding:turnup community=alpha hub={hub} phase={phase} -->\n**Status: READY**\n", true, ["new-hub", "community:alpha"], new Uri($"https://github.example.org/issues/{number}"))
        {
            Marker = TurnupMarker.Parse($"<!-- onboarding:turnup community=alpha hub={hub} phase={phase} -->"),
        };
}

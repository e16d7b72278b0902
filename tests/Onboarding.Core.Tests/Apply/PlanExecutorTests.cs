using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Apply;

/// <summary>What apply writes for each kind of step, in which order, and how it finds what a lost answer already made.</summary>
public sealed class PlanExecutorTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private const string Rep = "rep.one@alpha.example.org";

    private const string Tech = "tech.one@alpha.example.org";

    private const string TechnicalContact = "technical_contacts:\n  - name: Tech One\n    email: tech.one@alpha.example.org\n";

    private const string CommunityLink = "https://app.hubspot.com/contacts/24681357/record/2-4711203/";

    private readonly ServiceFakes _services = new();

    [Fact]
    public async Task ExecuteAsync_NewCommunity_WritesInThePlansOrder_ContactsAndLabelsInOneBatchEach()
    {
        // Given a new community and empty services
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);

        // When
        await Executor().ExecuteAsync(plan);

        // Then
        _services.Writes.ShouldBe([
            "hubspot create community",
            $"hubspot upsert contacts {Rep}, {Tech}",
            "hubspot label c-1",
            "hubspot associate c-1 with deal 1001",
            "freshdesk create company alpha",
            $"freshdesk create contact {Rep}",
            $"freshdesk create contact {Tech}",
            "github open issue",
            "github open issue",
            "github open issue",
        ]);
        _services.Journal.ShouldContain("hubspot label c-1: hs-rep.one as 7, hs-tech.one as 8");
        _services.Journal.ShouldContain($"freshdesk create contact {Rep}: Rep One <{Rep}> of company 100");
        _services.Journal.ShouldContain($"hubspot upsert contacts {Rep}, {Tech}: email={Rep}, firstname=Rep, lastname=One; email={Tech}, firstname=Tech, lastname=One");
    }

    [Fact]
    public async Task ExecuteAsync_NewCommunity_SendsOnlyThePropertiesThatHaveAValue()
    {
        // Given a community without a GitHub organisation or a logo
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        var empty = plan.Steps.OfType<CreateCommunity>().Single().Properties.Where(p => p.Value.Length == 0).Select(p => p.Key).ToList();

        // When
        await Executor().ExecuteAsync(plan);

        // Then the community is created with its name and no empty property (HubSpot would store them as set)
        empty.ShouldNotBeEmpty();
        var created = _services.HubSpot.Communities["alpha"].Properties;
        created["name"].ShouldBe("alpha");
        created.Keys.ShouldNotContain(k => empty.Contains(k));
        created.Values.ShouldAllBe(v => !string.IsNullOrEmpty(v));
    }

    [Fact]
    public async Task ExecuteAsync_NewCommunity_ReportsEveryStepAsPlannedWithWhereToSeeIt()
    {
        // Given
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then one result per step, in the plan's order, none found already, each with its link
        results.Select(r => (r.Kind, r.Service, r.Target, r.Key)).ShouldBe(plan.Steps.Select(s => (s.Kind, s.Service, s.Target, s.Key)));
        results.ShouldAllBe(r => !r.Found);
        results.Select(r => r.Link).ShouldBe([
            CommunityLink + "c-1",
            "https://app.hubspot.com/contacts/24681357/record/0-1/hs-rep.one",
            "https://app.hubspot.com/contacts/24681357/record/0-1/hs-tech.one",
            CommunityLink + "c-1",
            CommunityLink + "c-1",
            CommunityLink + "c-1",
            "https://sandbox.freshdesk.com/a/companies/100",
            "https://sandbox.freshdesk.com/a/contacts/101",
            "https://sandbox.freshdesk.com/a/contacts/102",
            "https://github.com/example-org/infrastructure/issues/1",
            "https://github.com/example-org/infrastructure/issues/2",
            "https://github.com/example-org/infrastructure/issues/3",
        ]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(409)]
    public async Task ExecuteAsync_CreateAnswerLostAfterTheServiceMadeIt_FindsItAndMakesNothingTwice(int? status)
    {
        // Given HubSpot makes the community but the answer is lost (or is a server error, or "already exists")
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        _services.Fail("hubspot create community", status, made: true);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then the community was looked up by name, made once, and what follows attaches to it
        results[0].Found.ShouldBeTrue();
        results[0].Link.ShouldBe(CommunityLink + "c-1");
        results.Skip(1).ShouldAllBe(r => !r.Found);
        _services.Writes.Count(w => w == "hubspot create community").ShouldBe(1);
        _services.Writes.ShouldContain("hubspot label c-1");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(422)]
    [InlineData(429)]
    public async Task ExecuteAsync_CreateRefused_FailsWithoutLookingForIt(int status)
    {
        // Given HubSpot refuses the community (whatever it holds: a refusal is not a lost answer)
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        _services.Fail("hubspot create community", status, made: true);

        // When
        var failure = await Should.ThrowAsync<ServiceException>(() => Executor().ExecuteAsync(plan));

        // Then the refusal stands and nothing else is written
        failure.Status.ShouldBe(status);
        _services.Writes.ShouldBe(["hubspot create community"]);
    }

    [Fact]
    public async Task ExecuteAsync_CreateAnswerLostAndNothingMade_TheFailureStands()
    {
        // Given no answer to the create, and nothing by that name in HubSpot
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        _services.Fail("hubspot create community", null, made: false);

        // When
        var failure = await Should.ThrowAsync<ServiceException>(() => Executor().ExecuteAsync(plan));

        // Then
        failure.Status.ShouldBeNull();
        _services.Journal.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_CompanyAnswerLost_FindsTheCompanyAndItsContactsJoinIt()
    {
        // Given Freshdesk makes the company, but the answer is lost
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        _services.Fail("freshdesk create company", null, made: true);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        results.Single(r => r.Key == "freshdesk:company:alpha").ShouldSatisfyAllConditions(
            r => r.Found.ShouldBeTrue(),
            r => r.Link.ShouldBe("https://sandbox.freshdesk.com/a/companies/100"));
        _services.Journal.ShouldContain($"freshdesk create contact {Tech}: Tech One <{Tech}> of company 100");
    }

    [Fact]
    public async Task ExecuteAsync_HelpdeskContactAlreadyThere_JoinsTheCommunitysCompanyOnlyWhenInAnother()
    {
        // Given both people are Freshdesk contacts already (a create answers 409), one of another company, one of the community's
        _services.Freshdesk.Contacts.Add(new FreshdeskContact(7, "Rep One", Rep, 55, []));
        _services.Freshdesk.Contacts.Add(new FreshdeskContact(8, "Tech One", Tech, 100, []));
        _services.Fail($"freshdesk create contact {Rep}", 409, made: false);
        _services.Fail($"freshdesk create contact {Tech}", 409, made: false);
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then the one of another company is moved to the community's (100, made in this run, without its empty fields); the
        // other is left alone
        _services.Journal.Where(l => l.StartsWith("freshdesk", StringComparison.Ordinal)).ShouldBe([
            "freshdesk create company alpha: community_representatives=Rep One <rep.one@alpha.example.org>",
            $"freshdesk update contact 7: Rep One <{Rep}> of company 100",
        ]);
        results.Where(r => r.Key.StartsWith("freshdesk:contact:", StringComparison.Ordinal)).Select(r => $"{r.Found} {r.Link}")
            .ShouldBe(["True https://sandbox.freshdesk.com/a/contacts/7", "True https://sandbox.freshdesk.com/a/contacts/8"]);
    }

    [Fact]
    public async Task ExecuteAsync_IssueAnswerLost_FindsTheFirstIssueWithItsMarker()
    {
        // Given an earlier run opened phase 0 twice; this run's opening of it is made, but its answer lost
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        var phase0 = plan.Steps.OfType<OpenTurnupIssue>().First().Issue;
        foreach (var number in new[] { 1, 2 })
            _services.GitHub.Issues.Add(new IssueRef(number, phase0.Title, phase0.Body, "open", phase0.Labels, FakeGitHub.IssueUrl(number)) { Author = FakeGitHub.OwnLogin });
        _services.Fail("github open issue: " + phase0.Title, null, made: true);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then the oldest is the one, and no fourth is opened
        var result = results.Single(r => r.Key == phase0.Key);
        result.Found.ShouldBeTrue();
        result.Link.ShouldBe("https://github.com/example-org/infrastructure/issues/1");
        _services.Journal.Count(l => l.StartsWith("github open issue: " + phase0.Title, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_LabelsAndARemovedRole_UseHubSpotsLabelTypesWhateverTheCase_ReadOnce()
    {
        // Given labels named in another case than HubSpot's, a removed role, and the labels last in the plan
        var observed = Known() with { ContactLabels = new Dictionary<string, IReadOnlyList<string>> { ["old@alpha.example.org"] = ["Technical Contact"] } };
        var plan = PlanOf(observed,
            new RemoveLabel("alpha", "old@alpha.example.org", "Technical Contact"),
            new AddLabel("alpha", Rep, "community representative"),
            new AddLabel("alpha", Tech, "TECHNICAL CONTACT"));

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then the removal, then both labels in one request; HubSpot's label types are read once
        _services.Journal.ShouldBe([
            "hubspot unlabel c-9: hs-old as 8",
            "hubspot label c-9: hs-rep as 7, hs-tech as 8",
        ]);
        _services.HubSpot.LabelReads.ShouldBe(1);
        results.Select(r => (r.Key, r.Found, r.Link)).ShouldBe(plan.Steps.Select(s => (s.Key, false, (string?)(CommunityLink + "c-9"))));
    }

    [Fact]
    public async Task ExecuteAsync_LabelHubSpotDoesNotHave_SaysWhereToFixIt()
    {
        // Given
        var plan = PlanOf(Known(), new AddLabel("alpha", Rep, "Sponsor"));

        // When
        var failure = await Should.ThrowAsync<ServiceException>(() => Executor().ExecuteAsync(plan));

        // Then
        failure.Message.ShouldBe("HubSpot has no association label \"Sponsor\" between the Community object and contacts; create it in HubSpot's settings or fix the label name in onboarding.yaml.");
        (failure.Service, failure.Operation).ShouldBe(("hubspot", "associate a contact"));
        _services.Journal.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_LabelForAContactHubSpotDoesNotHave_NamesTheContact()
    {
        var plan = PlanOf(Known(), new AddLabel("alpha", "nobody@alpha.example.org", "Technical Contact"));

        var failure = await Should.ThrowAsync<ServiceException>(() => Executor().ExecuteAsync(plan));

        failure.Message.ShouldBe("HubSpot has no contact nobody@alpha.example.org to label as Technical Contact.");
        (failure.Service, failure.Operation).ShouldBe(("hubspot", "associate a contact"));
    }

    [Fact]
    public async Task ExecuteAsync_HubSpotRefusesOneContact_LabelsTheOtherDoesTheRestThenFailsNamingIt()
    {
        // Given HubSpot refuses the technical contact in the batch upsert (a 207 for that input only)
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        _services.HubSpot.RefusedContacts[Tech] = "Property values were not valid.";

        // When
        var failure = await Should.ThrowAsync<ServiceException>(() => Executor().ExecuteAsync(plan));

        // Then only the representative is labelled, Freshdesk and GitHub are written all the same, and the community
        // fails at the end with a sentence naming the contact and what to do
        _services.Journal.ShouldContain("hubspot label c-1: hs-rep.one as 7");
        _services.Writes.ShouldContain($"freshdesk create contact {Tech}");
        _services.Writes.Count(w => w == "github open issue").ShouldBe(3);
        (failure.Service, failure.Status).ShouldBe(("hubspot", 207));
        failure.Message.ShouldBe(
            $"HubSpot did not create or update 1 of alpha's contacts, so they were not labelled: {Tech} (Property values were not valid). " +
            "Everything else in the plan was done; fix the contacts in the manifest or in HubSpot and run apply again.");
    }

    [Fact]
    public async Task ExecuteAsync_HubSpotRefusesEveryContact_SendsNoLabelRequest()
    {
        // Given
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty);
        _services.HubSpot.RefusedContacts[Rep] = "Email is not valid.";
        _services.HubSpot.RefusedContacts[Tech] = "Email is not valid.";

        // When
        var failure = await Should.ThrowAsync<ServiceException>(() => Executor().ExecuteAsync(plan));

        // Then there is nothing to label, so HubSpot is not asked to label nothing
        _services.Writes.ShouldNotContain(w => w.StartsWith("hubspot label", StringComparison.Ordinal));
        failure.Message.ShouldStartWith($"HubSpot did not create or update 2 of alpha's contacts, so they were not labelled: {Rep} (Email is not valid); {Tech} (Email is not valid).");
    }

    [Fact]
    public async Task ExecuteAsync_TechnicalOwner_OpensEachIssueAssignedToThem()
    {
        // Given a plan whose issues go to @jun
        var plan = Planned(ManifestText.Valid().Replace("website:", "owners:\n  technical: \"@jun\"\nwebsite:", StringComparison.Ordinal), ObservedCommunity.Empty);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        var opened = _services.Journal.Where(w => w.StartsWith("github open issue", StringComparison.Ordinal)).ToList();
        opened.Count.ShouldBe(3);
        opened.ShouldAllBe(w => w.EndsWith("] @jun", StringComparison.Ordinal));
        _services.GitHub.Issues.ShouldAllBe(i => i.Assignees.SequenceEqual(new[] { "jun" }));
        results.ShouldAllBe(r => r.Note == null);
    }

    [Fact]
    public async Task ExecuteAsync_OwnerGitHubCannotAssign_IssuesOpenAndTheResultSaysWhatToDo()
    {
        // Given an owner without access to the infrastructure repository
        var plan = Planned(ManifestText.Valid().Replace("website:", "owners:\n  technical: \"@jun\"\nwebsite:", StringComparison.Ordinal), ObservedCommunity.Empty);
        _services.GitHub.Unassignable.Add("jun");

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then each issue opened all the same, and its result says who could not be assigned and what to do
        var keys = plan.Steps.OfType<OpenTurnupIssue>().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var opened = results.Where(r => keys.Contains(r.Key)).ToList();
        opened.Count.ShouldBe(3);
        opened[0].Note.ShouldBe("GitHub did not assign #1 to @jun, the technical owner: they cannot be assigned in the infrastructure repository. Give them access and assign the issue by hand.");
        opened.ShouldAllBe(r => r.Note != null);
    }

    [Fact]
    public async Task ExecuteAsync_DealWithoutACommunity_NamesThePlan()
    {
        var plan = PlanOf(ObservedCommunity.Empty, new AssociateDeal("alpha", "1001"));

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => Executor().ExecuteAsync(plan));

        failure.Message.ShouldBe("The plan for alpha has no HubSpot community to attach to.");
    }

    [Fact]
    public async Task ExecuteAsync_Null_Throws()
    {
        await Should.ThrowAsync<ArgumentNullException>(() => Executor().ExecuteAsync(null!));
    }

    [Fact]
    public async Task ExecuteAsync_LongNameAndIssuesChanged_UpdatesOnlyWhatChanged()
    {
        // Given alpha applied (issues #1 to #3: phases 1 to 3 of its new cluster), then renamed; phase 1 is closed and, like
        // phase 2, lacks the community's label
        var before = Document(ManifestText.Valid());
        var applied = Numbered(ObservedCommunity.AsApplied(Desired(before)) with { CommunityId = "c-9" });
        var issues = applied.Issues.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var phase in new[] { 1, 2 })
        {
            var key = issues.Keys.Single(k => k.EndsWith($":phase-{phase}", StringComparison.Ordinal));
            issues[key] = issues[key] with { Labels = [.. issues[key].Labels.Where(l => l != "community:alpha")], Open = phase != 1 };
        }

        var plan = Planned(ManifestText.Valid().Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal), applied with { Issues = issues });
        var title = plan.Steps.OfType<UpdateTurnupIssue>().Select(s => s.Issue.Title).ToList();

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then the record gets the one changed field; a closed issue only its label, as does an open one whose text does
        // not mention the long name; the one that does gets its new text
        _services.Journal.ShouldBe([
            "hubspot update community c-9: long_name=The Alpha Lab",
            "github update issue #1: title (same) body (same) labels [new-hub, onboarding, community:alpha]",
            "github update issue #2: title (same) body (same) labels [new-hub, onboarding, community:alpha]",
            $"github update issue #3: title {title[^1]} body (new) labels [(same)]",
        ]);
        results.Select(r => r.Link).ShouldBe([
            CommunityLink + "c-9",
            .. Enumerable.Range(1, 3).Select(n => FakeGitHub.IssueUrl(n).ToString()),
        ]);
        results.ShouldAllBe(r => !r.Found);
    }

    [Theory]
    [InlineData(42L, false)]
    [InlineData(null, true)]
    public async Task ExecuteAsync_CompanyFieldsChanged_UpdatesTheCompanyFoundByNameWhenItsIdIsUnknown(long? knownId, bool seeded)
    {
        // Given the company as read (its id known) or as an earlier version left it (only its name known)
        if (seeded)
            _services.Freshdesk.Companies.Add(new FreshdeskCompany(42, "alpha", new Dictionary<string, string?>()));
        var existing = new ObservedCompany(knownId, "alpha", new Dictionary<string, string?> { ["hub_urls"] = "" });
        var plan = PlanOf(Known() with { Company = existing }, new UpdateCompany("alpha", existing, new Dictionary<string, string> { ["hub_urls"] = "https://alpha.hubs.example.org" }));

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        _services.Journal.ShouldBe(["freshdesk update company 42: hub_urls=https://alpha.hubs.example.org"]);
        results.Single().Link.ShouldBe("https://sandbox.freshdesk.com/a/companies/42");
        results.Single().Found.ShouldBeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_HelpdeskContactRenamed_UpdatesItAsACompanyMember()
    {
        // Given
        var contact = new DesiredContact(Rep, "Rep", "Owens", null, ["Community Representative"]);
        var existing = new ObservedHelpdeskContact(7, Rep, "Rep One", 42);
        var plan = PlanOf(Known() with { Company = new ObservedCompany(42, "alpha", new Dictionary<string, string?>()) }, new UpdateHelpdeskContact("alpha", contact, existing, null));

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        _services.Journal.ShouldBe([$"freshdesk update contact 7: Rep Owens <{Rep}> of company 42"]);
        results.Single().Link.ShouldBe("https://sandbox.freshdesk.com/a/contacts/7");
        results.Single().Found.ShouldBeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_InformationMissing_OpensOneTicketForTheRepresentativesAtMediumPriority()
    {
        // Given two representatives and no technical contact
        var text = ManifestText.Valid().Replace(TechnicalContact, "", StringComparison.Ordinal)
            .Replace($"    email: {Rep}\n", $"    email: {Rep}\n  - name: Rep Two\n    email: rep.two@alpha.example.org\n", StringComparison.Ordinal);
        var plan = Planned(text, ObservedCommunity.Empty);
        var request = plan.Steps.OfType<OpenMissingInformationRequest>().Single().Request;

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then the first representative asks, the second in copy, the ticket tagged and of the company made before it
        _services.Journal.ShouldContain($"freshdesk open ticket for {Rep}: cc [rep.two@alpha.example.org] tags [{request.Tag}] priority Medium; {request.Subject}");
        results.Single(r => r.Kind == StepKind.OpenTicket).Link.ShouldBe($"https://sandbox.freshdesk.com/a/tickets/{_services.Freshdesk.Made().Single().Id}");
    }

    [Fact]
    public async Task ExecuteAsync_TicketAnswerLost_FindsTheFirstTicketWithItsTag()
    {
        // Given two tickets with the request's tag already, and this run's answer lost
        var plan = Planned(ManifestText.Valid().Replace(TechnicalContact, "", StringComparison.Ordinal), ObservedCommunity.Empty);
        var request = plan.Steps.OfType<OpenMissingInformationRequest>().Single().Request;
        foreach (var id in new[] { 5L, 9L })
            _services.Freshdesk.Tickets.Add(new FreshdeskTicket(id, request.Subject, FreshdeskTicketStatus.Open, 1, null, [request.Tag], [], default, default));
        _services.Fail("freshdesk open ticket", null, made: false);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        var result = results.Single(r => r.Kind == StepKind.OpenTicket);
        result.Found.ShouldBeTrue();
        result.Link.ShouldBe("https://sandbox.freshdesk.com/a/tickets/5");
    }

    [Fact]
    public async Task ExecuteAsync_WhatIsMissingChanged_NotesTheOpenRequestWithItsKeyThenTagsIt()
    {
        // Given an open request (#77) for another set of missing items
        var (plan, request) = NoteOnOpenRequest();

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        _services.Journal.ShouldBe([
            $"freshdesk note on ticket 77: <p>What is missing has changed; we now need:</p>{request.HtmlBody}<p><small>onboarding-note: {request.Key}</small></p>",
            $"freshdesk tag ticket 77: [{HelpdeskTags.MissingInformationPrefix("alpha")}old, {request.Tag}]",
        ]);
        results.Single().ShouldSatisfyAllConditions(r => r.Found.ShouldBeFalse(), r => r.Link.ShouldBe("https://sandbox.freshdesk.com/a/tickets/77"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ExecuteAsync_NoteAlreadyOnTheRequest_IsNotNotedTwice(bool inHtml)
    {
        // Given a run cut off after the note (its key in the note's HTML or only in its text), before the tag
        var (plan, request) = NoteOnOpenRequest();
        var key = PlanExecutor.NoteKey(request.Key);
        _services.Freshdesk.Conversations.Add((77, new FreshdeskConversation(1, true, inHtml ? $"<p>{key}</p>" : "<p>…</p>", inHtml ? "" : key)));

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then only the tag is set
        _services.Writes.ShouldBe(["freshdesk tag ticket 77"]);
        results.Single().Found.ShouldBeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_NothingMissingAnyMore_NotesAndResolvesTheOpenRequestOnce()
    {
        // Given a complete manifest and an open request (#77)
        var applied = ObservedCommunity.AsApplied(Desired(Document(ManifestText.Valid())));
        var plan = Planned(ManifestText.Valid(), applied with { OpenRequests = [new ObservedRequest(77, ["onboarding-missing-alpha-old"])] });

        // When run twice (the second time the note is there)
        var first = await Executor().ExecuteAsync(plan);
        var second = await Executor().ExecuteAsync(plan);

        // Then
        _services.Journal.ShouldBe([
            "freshdesk note on ticket 77: <p>The manifest now has everything this request asked for; resolving it.</p><p><small>onboarding-note: onboarding-resolved-alpha</small></p>",
            "freshdesk resolve ticket 77",
            "freshdesk resolve ticket 77",
        ]);
        first.Single().Found.ShouldBeFalse();
        second.Single().Found.ShouldBeTrue();
        second.Single().Link.ShouldBe("https://sandbox.freshdesk.com/a/tickets/77");
    }

    [Fact]
    public async Task ExecuteAsync_HubDeployed_EmailsTheTechnicalContactsFromTheConfiguredMailbox()
    {
        // Given
        var plan = Planned(Deployed("2026-11-20").Replace(TechnicalContact, TechnicalContact + "  - name: Tech Two\n    email: tech.two@alpha.example.org\n", StringComparison.Ordinal), ObservedCommunity.Empty, today: Today);
        var email = plan.Steps.OfType<SendHubAvailableEmail>().Single().Email;

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        _services.Journal.ShouldContain($"freshdesk email {Tech}: cc [tech.two@alpha.example.org] tags [{HelpdeskTags.HubReady("alpha", "prod")}] from 43000012345; {email.Subject}");
        results.Single(r => r.Kind == StepKind.SendEmail).Link.ShouldBe($"https://sandbox.freshdesk.com/a/tickets/{_services.Freshdesk.Made().Single().Id}");
    }

    [Fact]
    public async Task ExecuteAsync_EmailAnswerLost_FindsTheFirstTicketWithItsTag()
    {
        // Given the email went out (twice, by earlier runs) and this run's answer is lost
        var plan = Planned(Deployed("2026-11-20"), ObservedCommunity.Empty, today: Today);
        foreach (var id in new[] { 5L, 9L })
            _services.Freshdesk.Tickets.Add(new FreshdeskTicket(id, "Your prod hub is ready", FreshdeskTicketStatus.Closed, 1, null, ["onboarding-hub-ready-alpha-prod"], [], default, default));
        _services.Fail("freshdesk email", null, made: false);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then
        var result = results.Single(r => r.Kind == StepKind.SendEmail);
        result.Found.ShouldBeTrue();
        result.Link.ShouldBe("https://sandbox.freshdesk.com/a/tickets/5");
    }

    [Fact]
    public async Task ExecuteAsync_HubDelivered_NotesItOnTheCommunityAndItsDeals_AndCommentsOnPhase3()
    {
        // Given
        var (delivery, phase3) = Delivered();
        var plan = PlanOf(Known(), new AddDeliveryNote("alpha", delivery, ["1001", "1002"]), new AddDeliveryComment("alpha", delivery, phase3, "@example-org/bd"));

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then the note is dated the day of the delivery
        _services.Journal.ShouldBe([
            $"hubspot note on Community c-9, Deal 1001, Deal 1002: at 2026-11-24T00:00:00.0000000+00:00 {delivery.NoteBody}",
            $"github comment on #4: {delivery.CommentBody}",
        ]);
        results.Select(r => $"{r.Found} {r.Link}").ShouldBe([$"False {CommunityLink}c-9", "False https://github.com/example-org/infrastructure/issues/4#issuecomment-1"]);
    }

    [Fact]
    public async Task ExecuteAsync_DeliveryAnswersLost_FindsTheNoteAndTheCommentByTheirMarker()
    {
        // Given other notes on the community (one without a body), and both answers lost after the writes
        var (delivery, phase3) = Delivered();
        _services.HubSpot.Notes.Add(new HubSpotRecord("n-0", new Dictionary<string, string?> { ["hs_note_body"] = null }));
        _services.HubSpot.Notes.Add(new HubSpotRecord("n-00", new Dictionary<string, string?> { ["hs_note_body"] = "<p>a call</p>" }));
        _services.Fail("hubspot note", null, made: true);
        _services.Fail("github comment", 502, made: true);
        var plan = PlanOf(Known(), new AddDeliveryNote("alpha", delivery, []), new AddDeliveryComment("alpha", delivery, phase3, "@example-org/bd"));

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then each was made once and found
        _services.Writes.ShouldBe(["hubspot note on Community c-9", "github comment on #4"]);
        results.ShouldAllBe(r => r.Found);
    }

    [Fact]
    public async Task ExecuteAsync_TicketAndEmailMadeButAnswersLost_FoundAmongTheRequestersRecentTickets()
    {
        // Given the request and the email made, their answers lost, and search not seeing them yet
        var text = Deployed("2026-11-20").Replace("      admins: [rep-one]\n", "", StringComparison.Ordinal);
        var plan = Planned(text, ObservedCommunity.Empty, today: Today);
        _services.Fail("freshdesk open ticket", null, made: true);
        _services.Fail("freshdesk email", 504, made: true);

        // When
        var results = await Executor().ExecuteAsync(plan);

        // Then each is found, and made once
        results.Where(r => r.Kind is StepKind.OpenTicket or StepKind.SendEmail).ShouldAllBe(r => r.Found);
        results.Count(r => r.Kind is StepKind.OpenTicket or StepKind.SendEmail).ShouldBe(2);
        _services.Freshdesk.Made().Count().ShouldBe(2);
    }

    [Fact]
    public async Task ExecuteAsync_DeliveryNoteAnswerLostAndNotMade_TheFailureStandsThoughOtherNotesExist()
    {
        // Given notes on the community that are not the delivery's, and no answer to the delivery note, which was not made
        var (delivery, _) = Delivered();
        _services.HubSpot.Notes.Add(new HubSpotRecord("n-0", new Dictionary<string, string?> { ["hs_note_body"] = null }));
        _services.HubSpot.Notes.Add(new HubSpotRecord("n-00", new Dictionary<string, string?> { ["hs_note_body"] = "<p>a call</p>" }));
        _services.Fail("hubspot note", null, made: false);

        // When
        var failure = await Should.ThrowAsync<ServiceException>(() => Executor().ExecuteAsync(PlanOf(Known(), new AddDeliveryNote("alpha", delivery, []))));

        // Then BD is not told it was noted
        failure.Status.ShouldBeNull();
    }

    [Fact]
    public async Task ExecuteAsync_BoardConfigured_PutsEachNewIssueOnItByTheNodeIdItsOpeningGave()
    {
        // Given a new community and a board with iterations
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty with { Board = Board(canUpdate: true) }, WithBoard, Today);

        // When
        var results = await Executor(WithBoard).ExecuteAsync(plan);

        // Then each issue is added, given the next iteration, then its column
        _services.Journal.Where(l => l.StartsWith("project", StringComparison.Ordinal)).Take(3).ShouldBe([
            "project PVT_1 add I_1",
            "project PVT_1 set item-I_1 PVTIF_it to it2",
            "project PVT_1 set item-I_1 PVTSSF_status to opt-refined",
        ]);
        _services.Journal.Count(l => l.StartsWith("project PVT_1 add", StringComparison.Ordinal)).ShouldBe(3);
        var placed = results.Where(r => r.Kind == StepKind.Schedule).ToList();
        placed.Count.ShouldBe(3);
        placed.ShouldAllBe(r => r.Link == "https://github.com/orgs/example-org/projects/1" && !r.Found);
    }

    [Fact]
    public async Task ExecuteAsync_BoardWithoutAProjectsClient_SaysSo()
    {
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty with { Board = Board(canUpdate: true) }, WithBoard, Today);
        var executor = new PlanExecutor(_services.HubSpot, _services.Freshdesk, _services.GitHub, WithBoard);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => executor.ExecuteAsync(plan));

        failure.Message.ShouldBe("The plan puts issues on a project, but the executor has no client for GitHub's projects.");
    }

    [Fact]
    public async Task ExecuteAsync_BoardTheTokenCannotChange_AppliesNothing()
    {
        // Given
        var plan = Planned(ManifestText.Valid(), ObservedCommunity.Empty with { Board = Board(canUpdate: false) }, WithBoard, Today);

        // When
        var failure = await Should.ThrowAsync<ServiceException>(() => Executor(WithBoard).ExecuteAsync(plan));

        // Then
        failure.Status.ShouldBe(403);
        failure.Message.ShouldStartWith("Nothing was applied for alpha:");
        _services.Journal.ShouldBeEmpty();
    }

    private static readonly OnboardingSettings WithBoard = new() { GitHub = new GitHubSettings { Project = new BoardSettings("example-org", 1) { IterationField = "Iteration" } } };

    private static ObservedBoard Board(bool canUpdate) => new(
        "PVT_1",
        "Engineering",
        new Uri("https://github.com/orgs/example-org/projects/1"),
        canUpdate,
        "PVTSSF_status",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Refined"] = "opt-refined" },
        "PVTIF_it",
        [new ProjectIteration("it1", "Iteration 1", new DateOnly(2026, 11, 23), 14), new ProjectIteration("it2", "Iteration 2", new DateOnly(2026, 12, 7), 14)]);

    private PlanExecutor Executor(OnboardingSettings? settings = null) =>
        new(_services.HubSpot, _services.Freshdesk, _services.GitHub, settings ?? Settings, _services.Projects);

    private static CommunityPlan Planned(string manifest, ObservedCommunity observed, OnboardingSettings? settings = null, DateOnly? today = null)
    {
        settings ??= Settings;
        var document = Document(manifest);
        var deals = Allowed(document);
        return Planner.Plan(document, DesiredStateBuilder.Build(document, deals, dealsChecked: true, settings, TurnupFixtures.Templates, today), observed, deals, settings, today);
    }

    /// <summary>A plan of exactly <paramref name="steps"/> for alpha.</summary>
    private static CommunityPlan PlanOf(ObservedCommunity observed, params PlanStep[] steps)
    {
        var document = Document(ManifestText.Valid());
        return new CommunityPlan("alpha", "The alpha community", document.Path, false, steps, [], [], Allowed(document), Desired(document), observed);
    }

    /// <summary>Alpha in HubSpot (c-9) with three contacts.</summary>
    private static ObservedCommunity Known() => ObservedCommunity.Empty with
    {
        CommunityId = "c-9",
        Contacts = new[] { Rep, Tech, "old@alpha.example.org" }.ToDictionary(
            e => e, e => new ObservedContact("hs-" + e.Split('.', '@')[0], e, new Dictionary<string, string?>()), StringComparer.Ordinal),
    };

    private static ObservedCommunity Numbered(ObservedCommunity observed) => observed with
    {
        Issues = observed.Issues.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => (p.Key, Issue: p.Value with { Number = i + 1, Url = FakeGitHub.IssueUrl(i + 1) }))
            .ToDictionary(p => p.Key, p => p.Issue, StringComparer.Ordinal),
    };

    private static (DesiredDelivery Delivery, ObservedIssue Phase3) Delivered()
    {
        var document = Document(Deployed("2026-11-20"));
        var delivery = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today).Deliveries.Single();
        return (delivery, new ObservedIssue(4, "[New Hub] phase 3", "", true, [], FakeGitHub.IssueUrl(4)));
    }

    /// <summary>A plan that notes open request #77 (asked for another set) with what is missing now.</summary>
    private static (CommunityPlan Plan, MissingInformationRequest Request) NoteOnOpenRequest()
    {
        var text = ManifestText.Valid().Replace(TechnicalContact, "", StringComparison.Ordinal);
        var applied = ObservedCommunity.AsApplied(Desired(Document(text)));
        var open = new ObservedRequest(77, ["onboarding-missing-alpha-old"]);
        var observed = applied with { OpenRequests = [open], TicketTags = new HashSet<string>(StringComparer.Ordinal) { "onboarding-missing-alpha-old" } };
        var plan = Planned(text, observed);
        var step = plan.Steps.ShouldHaveSingleItem().ShouldBeOfType<NoteMissingInformationRequest>();
        return (plan, step.Request);
    }
}

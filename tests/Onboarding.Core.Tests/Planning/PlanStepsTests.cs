using Onboarding.Core.Configuration;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Tests.Planning;

/// <summary>What the plan shows of each kind of step: its kind, service, target, key and changes, as a reviewer reads them.</summary>
public sealed class PlanStepsTests
{
    private const string Ana = "ana@alpha.example.org";

    private static readonly Uri Url = new("https://github.com/example-org/infrastructure/issues/12");

    private static readonly DesiredContact Contact = new(Ana, "Ana", "Lima", "ana-gh", ["Technical Contact"]);

    private static readonly TurnupIssue Phase1 = new(
        TurnupMarker.Turnup("alpha", "alpha", null, ["prod"], TurnupPhase.CloudAccount), "[New Hub] [Phase 1] Cloud - alpha (prod)", "body v2", ["new-hub", "community:alpha"], Ready: false, "NOT READY");

    private static readonly MissingInformationRequest Request = new(
        "onboarding-missing-alpha-abc", "Information needed for alpha", "<p>Please send</p>", ["rep@alpha.example.org", "rep2@alpha.example.org"],
        [new Blocker("technical_contacts", "Who is your technical contact?"), new Blocker("hubs[0].auth.admins", "Who administers the hub?")]);

    private static readonly DesiredEmail Email = new("onboarding-hub-ready-alpha-prod", "prod", Ana, ["bo@alpha.example.org"], "Your prod hub is ready", "<p>Hello</p>");

    private static readonly DesiredDelivery Delivery = new("prod", "<!-- delivered -->", "delivered", "<p>note</p>", "comment", new DateOnly(2026, 11, 24));

    [Fact]
    public void Steps_EveryKind_ReadAsTheReviewerSeesThem()
    {
        // Given one step of each kind (those that depend on what exists, both ways)
        var properties = new Dictionary<string, string> { ["name"] = "alpha", ["logo"] = "", ["long_name"] = "The alpha community" };
        var steps = new PlanStep[]
        {
            new CreateCommunity("alpha", properties),
            new UpdateCommunity("alpha", "c-9", properties, new Dictionary<string, string?> { ["name"] = "alpha", ["logo"] = null, ["long_name"] = "Alpha" }),
            new UpsertContact(Contact, null),
            new UpsertContact(Contact, new ObservedContact("hs-1", Ana, new Dictionary<string, string?> { ["email"] = Ana, ["firstname"] = "Ana", ["lastname"] = "Lime" })),
            new AddLabel("alpha", Ana, "Technical Contact"),
            new RemoveLabel("alpha", Ana, "Community Representative"),
            new AssociateDeal("alpha", "1001"),
            new CreateCompany("alpha", new Dictionary<string, string> { ["hub_urls"] = "https://a.example.org", ["grafana_url"] = "" }),
            new UpdateCompany("alpha", new ObservedCompany(42, "alpha", new Dictionary<string, string?> { ["hub_urls"] = "" }), new Dictionary<string, string> { ["hub_urls"] = "https://a.example.org" }),
            new CreateHelpdeskContact("alpha", Contact),
            new UpdateHelpdeskContact("alpha", Contact, new ObservedHelpdeskContact(7, Ana, "Ana L", 55), new ObservedCompany(42, "alpha", new Dictionary<string, string?>())),
            new OpenTurnupIssue(Phase1),
            new OpenTurnupIssue(Phase1 with { Id = TurnupMarker.Turnup("alpha", "alpha", "2026-11-24", ["prod"], TurnupPhase.SyncChat), Status = "task list" }),
            new OpenTurnupIssue(Phase1 with { Ready = true, Status = "READY" }),
            new UpdateTurnupIssue(Phase1, new ObservedIssue(12, Phase1.Title, "body v1", true, ["new-hub"], Url)),
            new UpdateTurnupIssue(Phase1 with { Ready = true, Status = "READY" }, new ObservedIssue(0, Phase1.Title, "body v1", true, ["new-hub", "Community:Alpha"], Url)),
            new OpenMissingInformationRequest(Request),
            new NoteMissingInformationRequest(Request, new ObservedRequest(77, ["onboarding-missing-alpha-old"])),
            new NoteMissingInformationRequest(Request, new ObservedRequest(0, [])),
            new ResolveMissingInformationRequest("alpha", new ObservedRequest(77, [])),
            new ResolveMissingInformationRequest("alpha", new ObservedRequest(0, [])),
            new SendHubAvailableEmail(Email),
            new AddDeliveryNote("alpha", Delivery, ["1001"]),
            new AddDeliveryComment("alpha", Delivery, new ObservedIssue(12, "[New Hub] [Phase 3] Hub - alpha (prod)", "", true, [], Url), "@example-org/bd"),
            new AddDeliveryComment("alpha", Delivery, new ObservedIssue(0, "[New Hub] [Phase 3] Hub - alpha (prod)", "", true, [], Url), "@example-org/bd"),
        };

        // When
        var lines = steps.Select(Line).ToList();

        // Then
        lines.ShouldBe([
            "Create hubspot | community alpha | hubspot:community:alpha | long_name: (none) -> The alpha community; name: (none) -> alpha",
            "Update hubspot | community alpha | hubspot:community:alpha | long_name: Alpha -> The alpha community",
            $"Create hubspot | contact {Ana} | hubspot:contact:{Ana} | email: (none) -> {Ana}; firstname: (none) -> Ana; lastname: (none) -> Lima",
            $"Update hubspot | contact {Ana} | hubspot:contact:{Ana} | lastname: Lime -> Lima",
            $"Associate hubspot | {Ana} as Technical Contact of alpha | hubspot:association:alpha:{Ana}:Technical Contact | label: (none) -> Technical Contact",
            $"Dissociate hubspot | {Ana} as Community Representative of alpha (the contact record stays) | hubspot:association:alpha:{Ana}:Community Representative | label: Community Representative -> (none)",
            "Associate hubspot | deal 1001 with alpha | hubspot:deal:alpha:1001 | deal: (none) -> 1001",
            "Create freshdesk | company alpha | freshdesk:company:alpha | name: (none) -> alpha; hub_urls: (none) -> https://a.example.org",
            "Update freshdesk | company alpha | freshdesk:company:alpha | hub_urls:  -> https://a.example.org",
            $"Create freshdesk | contact {Ana} | freshdesk:contact:{Ana} | name: (none) -> Ana Lima; email: (none) -> {Ana}; company: (none) -> alpha",
            $"Update freshdesk | contact {Ana} | freshdesk:contact:{Ana} | name: Ana L -> Ana Lima; company: (none) -> alpha",
            "OpenIssue github | [New Hub] [Phase 1] Cloud - alpha (prod) | github:issue:alpha:cluster:alpha:phase-1 | status: (none) -> NOT READY",
            "OpenIssue github | [New Hub] [Phase 1] Cloud - alpha (prod) | github:issue:alpha:cluster:alpha:request:2026-11-24:phase-0 | status: (none) -> task list",
            "OpenIssue github | [New Hub] [Phase 1] Cloud - alpha (prod) | github:issue:alpha:cluster:alpha:phase-1 | status: (none) -> READY",
            "UpdateIssue github | #12 [New Hub] [Phase 1] Cloud - alpha (prod) | github:issue:alpha:cluster:alpha:phase-1 | body: (as it is) -> NOT READY (+1 -1 lines); labels: (none) -> community:alpha",
            "UpdateIssue github | [New Hub] [Phase 1] Cloud - alpha (prod) | github:issue:alpha:cluster:alpha:phase-1 | body: (as it is) -> READY (+1 -1 lines)",
            "OpenTicket freshdesk | missing-information request to rep@alpha.example.org, rep2@alpha.example.org | freshdesk:ticket:onboarding-missing-alpha-abc | technical_contacts: (none) -> Who is your technical contact?; hubs[0].auth.admins: (none) -> Who administers the hub?",
            "AddNote freshdesk | note on the open missing-information request #77: what is missing now | freshdesk:ticket-note:onboarding-missing-alpha-abc | technical_contacts: (none) -> Who is your technical contact?; hubs[0].auth.admins: (none) -> Who administers the hub?",
            "AddNote freshdesk | note on the open missing-information request: what is missing now | freshdesk:ticket-note:onboarding-missing-alpha-abc | technical_contacts: (none) -> Who is your technical contact?; hubs[0].auth.admins: (none) -> Who administers the hub?",
            "Update freshdesk | missing-information request #77: nothing is missing any more, resolve it | freshdesk:ticket-resolve:alpha:77 | status: open -> resolved",
            "Update freshdesk | missing-information request: nothing is missing any more, resolve it | freshdesk:ticket-resolve:alpha:0 | status: open -> resolved",
            $"SendEmail freshdesk | hub-available email for prod to {Ana}, bo@alpha.example.org | freshdesk:email:onboarding-hub-ready-alpha-prod | subject: (none) -> Your prod hub is ready",
            "AddNote hubspot | delivery note for prod on alpha and its deals | hubspot:note:alpha:prod:delivered | note: (none) -> prod delivered",
            "AddNote github | delivery comment for BD on #12 [New Hub] [Phase 3] Hub - alpha (prod) | github:comment:alpha:prod:delivered | comment: (none) -> @example-org/bd",
            "AddNote github | delivery comment for BD on [New Hub] [Phase 3] Hub - alpha (prod) | github:comment:alpha:prod:delivered | comment: (none) -> @example-org/bd",
        ]);
    }

    [Fact]
    public void Steps_ThatSendText_CarryTheTitleBodyAndLabelsThatWillBeSent()
    {
        // Given
        var steps = new PlanStep[]
        {
            new OpenTurnupIssue(Phase1),
            new UpdateTurnupIssue(Phase1, new ObservedIssue(12, Phase1.Title, "body v1", true, [], Url)),
            new OpenMissingInformationRequest(Request),
            new NoteMissingInformationRequest(Request, new ObservedRequest(77, [])),
            new SendHubAvailableEmail(Email),
            new AddDeliveryNote("alpha", Delivery, []),
            new AddDeliveryComment("alpha", Delivery, new ObservedIssue(12, "t", "", true, [], Url), "@example-org/bd"),
            new AssociateDeal("alpha", "1001"),
        };

        // When
        var sent = steps.Select(s => $"{s.Title} | {s.Body} | {string.Join(",", s.Labels ?? ["(none)"])}").ToList();

        // Then
        sent.ShouldBe([
            "[New Hub] [Phase 1] Cloud - alpha (prod) | body v2 | new-hub,community:alpha",
            "[New Hub] [Phase 1] Cloud - alpha (prod) | body v2 | new-hub,community:alpha",
            "Information needed for alpha | <p>Please send</p> | onboarding-missing-alpha-abc",
            "Information needed for alpha | <p>Please send</p> | onboarding-missing-alpha-abc",
            "Your prod hub is ready | <p>Hello</p> | onboarding-hub-ready-alpha-prod",
            " | <p>note</p> | (none)",
            " | comment | (none)",
            " |  | (none)",
        ]);
    }

    [Fact]
    public void UpdateTurnupIssue_ClosedIssueWithItsLabel_ChangesNothing()
    {
        // Given a closed issue whose text is out of date: people are done with it
        var step = new UpdateTurnupIssue(Phase1, new ObservedIssue(12, Phase1.Title, "body v1", false, ["community:alpha"], Url));

        // Then
        step.BodyChanged.ShouldBeFalse();
        step.AddsCommunityLabel.ShouldBeFalse();
        step.Changes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Ana Lima", 42L, 42L, "")]
    [InlineData("Ana Lima", 55L, 42L, "company")]
    [InlineData("Ana Lima", 55L, null, "")]
    [InlineData("Ana", 42L, 42L, "name")]
    public void UpdateHelpdeskContact_NameAndCompany_ChangeOnlyWhenTheyDiffer(string name, long contactCompany, long? companyId, string changed)
    {
        // Given a Freshdesk contact of a company, and the community's company (its id unknown in an offline plan)
        var step = new UpdateHelpdeskContact("alpha", Contact, new ObservedHelpdeskContact(7, Ana, name, contactCompany), new ObservedCompany(companyId, "alpha", new Dictionary<string, string?>()));

        // Then
        string.Join(",", step.Changes.Select(c => c.Field)).ShouldBe(changed);
    }

    [Fact]
    public void PlaceOnBoard_AsPlannedWithoutTheServices_SaysTheIterationIsChosenAtApply()
    {
        // Given an offline plan (no board read) of a project with iterations
        var project = new BoardSettings("example-org", 1) { IterationField = "Iteration" };
        var step = new PlaceOnBoard(Phase1, null, project, null, "Refined", null, OnBoard: false);

        // Then
        step.Target.ShouldBe("[New Hub] [Phase 1] Cloud - alpha (prod) on example-org project 1");
        step.Key.ShouldBe("github:project:example-org/1:github:issue:alpha:cluster:alpha:phase-1");
        step.Changes.ShouldBe([
            new FieldChange("project", null, "example-org project 1"),
            new FieldChange("status", null, "Refined"),
            new FieldChange("iteration", null, "the next one that has not started (read at apply)"),
        ]);
    }

    [Fact]
    public void PlaceOnBoard_NoIterationToCome_SaysSoUnlessTheItemIsAlreadyOnTheBoard()
    {
        // Given the board read, with an iteration field but no iteration to come, for an issue #12 not yet on it and one on it
        var board = new ObservedBoard("PVT_1", "Engineering", new Uri("https://github.com/orgs/example-org/projects/1"), true, "S", new Dictionary<string, string>(), "IT", []);
        var project = new BoardSettings("example-org", 1) { IterationField = "Iteration" };
        var existing = new ObservedIssue(12, Phase1.Title, "", true, [], Url);
        var adding = new PlaceOnBoard(Phase1, existing, project, board, "Refined", null, OnBoard: false);
        var finishing = adding with { OnBoard = true };
        var withoutIterations = adding with { Project = new BoardSettings("example-org", 1), Board = board with { IterationFieldId = null } };

        // Then
        adding.Target.ShouldBe("#12 [New Hub] [Phase 1] Cloud - alpha (prod) on the Engineering board (example-org project 1)");
        adding.Changes.Select(c => $"{c.Field}: {c.After}").ShouldBe([
            "project: the Engineering board (example-org project 1)",
            "status: Refined",
            "iteration: none: the project plans no iteration that has not started",
        ]);
        finishing.Changes.Select(c => c.Field).ShouldBe(["status"]);
        withoutIterations.Changes.Select(c => c.Field).ShouldBe(["project", "status"]);
    }

    [Fact]
    public void FieldChange_Between_ListsWhatDiffersByFieldName()
    {
        // Given wanted values against a new record and an existing one (an unset value reads as empty)
        var wanted = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["c"] = "" };

        // When
        var created = FieldChange.Between(wanted, null);
        var updated = FieldChange.Between(wanted, new Dictionary<string, string?> { ["a"] = "1", ["b"] = "3", ["c"] = null });

        // Then
        created.ShouldBe([new FieldChange("a", null, "1"), new FieldChange("b", null, "2")]);
        updated.ShouldBe([new FieldChange("b", "3", "2")]);
    }

    private static string Line(PlanStep step) =>
        $"{step.Kind} {step.Service} | {step.Target} | {step.Key} | {string.Join("; ", step.Changes.Select(c => $"{c.Field}: {c.Before ?? "(none)"} -> {c.After ?? "(none)"}"))}";
}

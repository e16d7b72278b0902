using Onboarding.Testing;
using Onboarding.Core.Planning;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Planning;

public sealed class HubAvailableEmailTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void Build_HubDeployedRecently_OneEmailToTheTechnicalContacts()
    {
        // Given a hub that went live ten days ago
        var document = Document(Deployed("2026-11-14"));

        // When
        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today);

        // Then one message, keyed by its tag, saying where and how to sign in
        var email = desired.Emails.ShouldHaveSingleItem();
        email.Key.ShouldBe("onboarding-hub-ready-alpha-prod");
        email.Tag.ShouldBe(HelpdeskTags.HubReady("alpha", "prod"));
        email.HtmlBody.ShouldEndWith("<p>Reference: onboarding-hub-ready-alpha-prod</p>");
        email.To.ShouldBe("tech.one@alpha.example.org");
        email.Subject.ShouldBe("Your prod hub is ready (The alpha community)");
        email.HtmlBody.ShouldContain("<a href=\"https://alpha.hubs.example.org\">");
        email.HtmlBody.ShouldContain("with their GitHub account, as members of alpha-org");
        email.HtmlBody.ShouldContain("rep-one");
    }

    [Fact]
    public void Build_HubDeployedLongAgo_NotAnnounced()
    {
        var document = Document(Deployed("2026-09-01"));

        DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today).Emails.ShouldBeEmpty();
    }

    [Fact]
    public void Build_HostileLongName_EmailStaysInert()
    {
        // Validation refuses markup in a long name (PlainFieldsTests); the email is inert even should some get past it.
        var valid = Document(Deployed("2026-11-20"));
        var document = valid with { Community = valid.Community with { LongName = "<script>alert(1)</script> [x](javascript:alert(1)) @everyone" } };

        var html = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today).Emails.Single().HtmlBody;

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("href=\"javascript", Case.Insensitive);
        html.ShouldContain("&lt;script&gt;");
    }

    [Fact]
    public void Plan_EmailAlreadySent_NotSentAgain()
    {
        var document = Document(Deployed("2026-11-14"));
        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today);

        var first = Planner.Plan(document, desired, ObservedCommunity.Empty, Allowed(document), Settings);
        var again = Planner.Plan(document, desired, ObservedCommunity.AsApplied(desired), Allowed(document), Settings);

        first.Steps.Count(s => s.Kind == StepKind.SendEmail).ShouldBe(1);
        again.Steps.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_DeployedHubOfANewCommunity_CommunityFirstThenTheEmailThenBd()
    {
        // Given a deployed hub in a manifest applied for the first time (as after an import)
        var document = Document(Deployed("2026-11-20"));
        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today);

        // When
        var steps = Planner.Plan(document, desired, ObservedCommunity.Empty, Allowed(document), Settings).Steps;

        // Then the note's community is created before it, and the community hears of its hub before BD does
        steps.Where(s => s is CreateCommunity or SendHubAvailableEmail or AddDeliveryNote).Select(s => s.GetType().Name)
            .ShouldBe([nameof(CreateCommunity), nameof(SendHubAvailableEmail), nameof(AddDeliveryNote)]);
        steps.OfType<AddDeliveryNote>().Single().Deals.ShouldBe(["1001"]);
    }

    [Fact]
    public void Plan_EmailSentUnderTheEarlierTag_NotSentAgain()
    {
        // Given a hub deployed recently, whose email an earlier version sent, tagged with the readable key
        var document = Document(Deployed("2026-11-20"));
        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today);
        var sentEarlier = ObservedCommunity.AsApplied(desired) with { TicketTags = new HashSet<string> { desired.Emails.Single().Key } };

        // When
        var plan = Planner.Plan(document, desired, sentEarlier, Allowed(document), Settings);

        // Then
        plan.Steps.ShouldNotContain(s => s is SendHubAvailableEmail);
    }
}

using Onboarding.Core.Planning;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Planning;

public sealed class HubAvailableEmailTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static string Deployed(string date, string longName = "The alpha community") => ManifestText.Valid()
        .Replace("The alpha community", longName, StringComparison.Ordinal)
        .Replace("status: requested", $"status: deployed\n    deployed: {date}\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal);

    [Fact]
    public void Build_HubDeployedRecently_OneEmailToTheTechnicalContacts()
    {
        // Given a hub that went live ten days ago
        var document = Document(Deployed("2026-11-14"));

        // When
        var desired = DesiredStateBuilder.Build(document, Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates, Today);

        // Then one message, keyed by its tag, saying where and how to sign in
        var email = desired.Emails.ShouldHaveSingleItem();
        email.Tag.ShouldBe("onboarding-hub-ready-alpha-prod");
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
        var document = Document(Deployed("2026-11-20", "\"<script>alert(1)</script> [x](javascript:alert(1)) @everyone\""));

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
}

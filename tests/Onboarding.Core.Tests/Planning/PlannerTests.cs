using Onboarding.Core.Planning;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Planning;

public sealed class PlannerTests
{
    [Fact]
    public void Plan_NothingThere_CreatesInApplyOrder()
    {
        // Given a new community and empty services
        var document = Document(ManifestText.Valid());

        // When
        var plan = Plan(document, ObservedCommunity.Empty);

        // Then HubSpot first, then Freshdesk, then the four turnup issues, each with a stable key
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
            "github OpenIssue github:issue:alpha:prod:phase-0",
            "github OpenIssue github:issue:alpha:prod:phase-1",
            "github OpenIssue github:issue:alpha:prod:phase-2",
            "github OpenIssue github:issue:alpha:prod:phase-3",
        ]);
        plan.IsRenewal.ShouldBeFalse();
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
        // Given the four issues as an earlier version opened them, without the community's label, phase 0 closed
        var document = Document(ManifestText.Valid());
        var applied = ObservedCommunity.AsApplied(Desired(document));
        var observed = applied with
        {
            Issues = applied.Issues.ToDictionary(
                p => p.Key,
                p => p.Value with { Labels = [.. p.Value.Labels.Where(l => l != "community:alpha")], Open = !p.Key.EndsWith("phase-0", StringComparison.Ordinal) }),
        };

        // When
        var plan = Plan(document, observed);

        // Then each gets the label and nothing else, so listing by the label finds them from now on
        plan.Steps.Select(s => $"{s.Kind} {s.Key} {string.Join(",", s.Changes.Select(c => $"{c.Field}={c.After}"))}").ShouldBe([
            "UpdateIssue github:issue:alpha:prod:phase-0 labels=community:alpha",
            "UpdateIssue github:issue:alpha:prod:phase-1 labels=community:alpha",
            "UpdateIssue github:issue:alpha:prod:phase-2 labels=community:alpha",
            "UpdateIssue github:issue:alpha:prod:phase-3 labels=community:alpha",
        ]);
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
}

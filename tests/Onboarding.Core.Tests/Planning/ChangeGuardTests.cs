using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Planning;

public sealed class ChangeGuardTests
{
    private const string TechContact = """
        technical_contacts:
          - name: Tech One
            email: tech.one@alpha.example.org
        """;

    [Fact]
    public void Evaluate_OneCommunityChangedAmongFour_NeedsNoApproval()
    {
        // Given one renamed community in a repository of four
        var (input, plan) = Changed(ManifestText.Valid(), ManifestText.Valid().Replace("The alpha community", "The Alpha Lab", StringComparison.Ordinal));

        // When
        var verdict = ChangeGuard.Evaluate([(input, plan)], totalCommunities: 4);

        // Then
        verdict.NeedsApproval.ShouldBeFalse();
        verdict.Message.ShouldBeNull();
        verdict.Touched.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_FourOfFifteenCommunitiesChanged_IsLargeAndHoldsAll()
    {
        // Given four new communities in a repository of fifteen (4/15 is more than a quarter)
        var changes = new[] { New("alpha"), New("beta"), New("gamma"), New("delta") };

        // When
        var verdict = ChangeGuard.Evaluate(changes, totalCommunities: 15);

        // Then
        verdict.TooLarge.ShouldBeTrue();
        verdict.Held.ShouldBe(["communities/alpha.yaml", "communities/beta.yaml", "communities/delta.yaml", "communities/gamma.yaml"]);
        verdict.Message.ShouldBe("This change touches 4 of 15 communities (more than a quarter of them); apply will refuse it unless the pull request " +
            "carries the label 'onboarding:approve-large-change' or apply runs with --allow-large-change.");
    }

    [Fact]
    public void Evaluate_FourOfSixteenCommunitiesChanged_IsExactlyAQuarterAndPasses()
    {
        var verdict = ChangeGuard.Evaluate([New("alpha"), New("beta"), New("gamma"), New("delta")], totalCommunities: 16);

        verdict.NeedsApproval.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_ThreeOfThree_IsASmallBatchNotALargeChange()
    {
        // Given the three example communities imported at once: a few communities are never a large change
        var verdict = ChangeGuard.Evaluate([New("alpha"), New("beta"), New("gamma")], totalCommunities: 3);

        verdict.TooLarge.ShouldBeFalse();
        verdict.Touched.ShouldBe(3);
    }

    [Fact]
    public void Evaluate_PersonDropped_HoldsOnlyThatCommunity()
    {
        // Given alpha drops its technical contact, and beta is new, in a repository of ten
        var (input, plan) = Changed(ManifestText.Valid(), ManifestText.Valid().Replace(TechContact + "\n", "", StringComparison.Ordinal));

        // When
        var verdict = ChangeGuard.Evaluate([(input, plan), New("beta")], totalCommunities: 10);

        // Then
        verdict.TooLarge.ShouldBeFalse();
        verdict.Held.ShouldBe(["communities/alpha.yaml"]);
        verdict.Removals.ShouldBe([new GuardedRemoval("alpha", "communities/alpha.yaml", "person", "tech.one@alpha.example.org")]);
        verdict.Message!.ShouldStartWith("This change removes 1 person (tech.one@alpha.example.org) and touches 2 of 10 communities; apply will refuse it");
        verdict.HeldWords().ShouldBe("communities/alpha.yaml (removes 1 person (tech.one@alpha.example.org))");
    }

    [Fact]
    public void Evaluate_HubAndDealDropped_AreRemovalsEvenThoughApplyDeletesNothing()
    {
        // Given alpha with two deals and two hubs, then with one of each
        var before = ManifestText.Valid().Replace("deals: [\"1001\"]", "deals: [\"1001\", \"1002\"]", StringComparison.Ordinal) + """
              - name: staging
                domain: staging.alpha.hubs.example.org
                status: requested
                requested: 2026-01-15
                auth:
                  method: github
                  organizations: [alpha-org]
                  admins: [rep-one]
                resources: ["r5.xlarge:4"]

            """;
        var (input, plan) = Changed(before, ManifestText.Valid());

        // When
        var verdict = ChangeGuard.Evaluate([(input, plan)], totalCommunities: 20);

        // Then
        verdict.Removals.Select(r => $"{r.Kind} {r.What}").ShouldBe(["hub staging", "deal 1002"]);
        verdict.Summary.ShouldBe("removes 1 hub (staging), 1 deal (1002) and touches 1 of 20 communities");
    }

    [Fact]
    public void Evaluate_PersonAlreadyDissociated_NothingLeftToApprove()
    {
        // Given the services already reflect the removal (an approved apply ran): the plan has no step left
        var after = Document(ManifestText.Valid().Replace(TechContact + "\n", "", StringComparison.Ordinal));
        var plan = Plan(after, ObservedCommunity.AsApplied(Desired(after)));

        // When the nightly run over every manifest judges it (no previous version)
        var verdict = ChangeGuard.Evaluate([(new PlanInput(after, null), plan)], totalCommunities: 1);

        // Then
        verdict.NeedsApproval.ShouldBeFalse();
        verdict.Touched.ShouldBe(0);
    }

    [Fact]
    public void Evaluate_DealDroppedButNothingToApply_StillTouchesAndHoldsTheCommunity()
    {
        // Given the services already as the new manifest wants them, and a deal dropped since the previous version
        var old = Document(ManifestText.Valid().Replace("deals: [\"1001\"]", "deals: [\"1001\", \"1002\"]", StringComparison.Ordinal));
        var head = Document(ManifestText.Valid());
        var plan = Plan(head, ObservedCommunity.AsApplied(Desired(head)));

        // When
        var verdict = ChangeGuard.Evaluate([(new PlanInput(head, old), plan)], totalCommunities: 1);

        // Then
        plan.HasChanges.ShouldBeFalse();
        verdict.Touched.ShouldBe(1);
        verdict.Held.ShouldBe(["communities/alpha.yaml"]);
        verdict.Summary.ShouldBe("removes 1 deal (1002) and touches 1 of 1 community");
    }

    [Fact]
    public void Evaluate_FewerCommunitiesCountedThanTouched_CountsTheTouched()
    {
        // Given two new communities judged against a count that missed them
        var verdict = ChangeGuard.Evaluate([New("alpha"), New("beta")], totalCommunities: 1);

        // Then
        verdict.Total.ShouldBe(2);
        verdict.Summary.ShouldBe("touches 2 of 2 communities");
    }

    [Fact]
    public void Evaluate_PeopleLosingRoles_EachCountedOnceInEmailOrder()
    {
        // Given one person losing two roles and another losing one, steps in no particular order
        var document = Document(ManifestText.Valid());
        var plan = Plan(document, ObservedCommunity.AsApplied(Desired(document))) with
        {
            Steps =
            [
                new RemoveLabel("alpha", "zed@alpha.example.org", "Technical Contact"),
                new RemoveLabel("alpha", "amy@alpha.example.org", "Community Representative"),
                new RemoveLabel("alpha", "zed@alpha.example.org", "Community Representative"),
            ],
        };

        // When
        var verdict = ChangeGuard.Evaluate([(new PlanInput(document, null), plan)], totalCommunities: 10);

        // Then
        verdict.Removals.Select(r => r.What).ShouldBe(["amy@alpha.example.org", "zed@alpha.example.org"]);
        verdict.Summary.ShouldBe("removes 2 people (amy@alpha.example.org, zed@alpha.example.org) and touches 1 of 10 communities");
    }

    [Fact]
    public void HeldWords_LargeChangeWithARemoval_SaysWhatEachHeldManifestRemoves()
    {
        // Given four of fifteen communities changed, alpha also dropping its technical contact
        var changes = new[] { Changed(ManifestText.Valid(), ManifestText.Valid().Replace(TechContact + "\n", "", StringComparison.Ordinal)), New("beta"), New("gamma"), New("delta") };

        // When
        var verdict = ChangeGuard.Evaluate(changes, totalCommunities: 15);

        // Then every touched manifest is held, each with what it removes
        verdict.TooLarge.ShouldBeTrue();
        verdict.HeldWords().ShouldBe("communities/alpha.yaml (removes 1 person (tech.one@alpha.example.org)), communities/beta.yaml, communities/delta.yaml, communities/gamma.yaml");
        verdict.Message!.ShouldStartWith("This change removes 1 person (tech.one@alpha.example.org) and touches 4 of 15 communities (more than a quarter of them); apply will refuse it");
    }

    [Fact]
    public void Evaluate_ThreeOfFive_MoreThanAQuarterButASmallBatch_NeedsNoApproval()
    {
        // Given three of five communities changed (more than a quarter, but a small batch)
        var verdict = ChangeGuard.Evaluate([New("alpha"), New("beta"), New("gamma")], totalCommunities: 5);

        // Then
        verdict.TooLarge.ShouldBeFalse();
        verdict.NeedsApproval.ShouldBeFalse();
        verdict.Held.ShouldBeEmpty();
    }

    private static (PlanInput, CommunityPlan) Changed(string before, string after)
    {
        var old = Document(before);
        var head = Document(after);
        return (new PlanInput(head, old), Plan(head, ObservedCommunity.AsApplied(Desired(old))));
    }

    private static (PlanInput, CommunityPlan) New(string name)
    {
        var head = Document(ManifestText.Valid(name, "1001", $"{name}.hubs.example.org"), $"communities/{name}.yaml");
        return (new PlanInput(head, null), Plan(head, ObservedCommunity.Empty));
    }
}

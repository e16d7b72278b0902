using Onboarding.Core.Drift;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Testing;
using static Onboarding.Core.Tests.Planning.PlanningFixture;

namespace Onboarding.Core.Tests.Drift;

public sealed class DriftFinderTests
{
    private const long CompanyId = 7;
    private const string Rep = "rep.one@alpha.example.org";

    /// <summary>The services as apply left them, with the Freshdesk ids a live read has, and the representative's
    /// Freshdesk contact as given.</summary>
    private static ObservedCommunity Applied(ManifestDocument document, string repName, long? repCompany)
    {
        var applied = ObservedCommunity.AsApplied(Desired(document));
        return applied with
        {
            Company = applied.Company! with { Id = CompanyId },
            HelpdeskContacts = applied.HelpdeskContacts.ToDictionary(
                p => p.Key,
                p => p.Key == Rep ? p.Value with { Id = 1, Name = repName, CompanyId = repCompany } : p.Value with { Id = 2, CompanyId = CompanyId }),
        };
    }

    [Fact]
    public void ForCommunity_HelpdeskContactRenamed_ReportsTheNameOnly()
    {
        // Given a Freshdesk contact of the community's company whose name someone changed
        var document = Document(ManifestText.Valid());
        var plan = Plan(document, Applied(document, "Rep Uno", CompanyId));

        // When
        var drift = DriftFinder.ForCommunity(plan, document, Settings);

        // Then the name is the difference, and the contact is not said to be outside the company
        drift.ShouldHaveSingleItem().Difference.ShouldBe("Freshdesk's contact rep.one@alpha.example.org differs: name \"Rep Uno\" instead of \"Rep One\".");
    }

    [Fact]
    public void ForCommunity_HelpdeskContactOfAnotherCompany_SaysSo()
    {
        var document = Document(ManifestText.Valid());
        var plan = Plan(document, Applied(document, "Rep One", 99));

        var drift = DriftFinder.ForCommunity(plan, document, Settings);

        drift.ShouldHaveSingleItem().Difference.ShouldBe("Freshdesk's contact rep.one@alpha.example.org differs: not of company alpha.");
    }

    [Fact]
    public void ForCommunity_CompanyMissing_IsTheOneFreshdeskDifference()
    {
        // Given the company deleted in Freshdesk, its contacts still there
        var document = Document(ManifestText.Valid());
        var plan = Plan(document, Applied(document, "Rep One", CompanyId) with { Company = null });

        // When
        var drift = DriftFinder.ForCommunity(plan, document, Settings);

        // Then the missing company is reported once, not once more per contact
        drift.Select(d => d.Kind).ShouldBe([DriftKind.CompanyMissing]);
    }
}

using System.Text;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Turnup;
using Onboarding.Core.Validation;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Planning;

/// <summary>Turns manifest text into the documents, deal facts and plans the planning tests work on.</summary>
internal static class PlanningFixture
{
    public static readonly OnboardingSettings Settings = new();

    public static ManifestDocument Document(string text, string path = "communities/alpha.yaml")
    {
        var result = new ManifestValidator().Validate([new SourceFile(path, Encoding.UTF8.GetBytes(text))], Validate.Today);
        result.Errors().ShouldBeEmpty();
        return result.Documents.Single();
    }

    /// <summary><see cref="ManifestText.Valid"/> with its hub deployed on <paramref name="date"/>.</summary>
    public static string Deployed(string date, string longName = "The alpha community") => ManifestText.Valid()
        .Replace("The alpha community", longName, StringComparison.Ordinal)
        .Replace("status: requested", $"status: deployed\n    deployed: {date}\n    url: https://alpha.hubs.example.org", StringComparison.Ordinal);

    public static IReadOnlyList<DealFact> Allowed(ManifestDocument document) =>
        [.. document.Community.Deals.Select(d => new DealFact(d, "Deal " + d, "Closed Won", Exists: true, InAllowedStage: true))];

    public static IReadOnlyList<DealFact> Lost(ManifestDocument document) =>
        [.. document.Community.Deals.Select(d => new DealFact(d, "Deal " + d, "Closed Lost", Exists: true, InAllowedStage: false))];

    public static DesiredCommunity Desired(ManifestDocument document, IReadOnlyList<DealFact>? deals = null) =>
        DesiredStateBuilder.Build(document, deals ?? Allowed(document), dealsChecked: true, Settings, TurnupFixtures.Templates);

    public static CommunityPlan Plan(ManifestDocument document, ObservedCommunity observed, IReadOnlyList<DealFact>? deals = null)
    {
        deals ??= Allowed(document);
        return Planner.Plan(document, Desired(document, deals), observed, deals, Settings);
    }
}

using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;
using Onboarding.Testing;

namespace Onboarding.Core.Tests;

public sealed class ExamplesTests
{
    [Fact]
    public void Examples_AllValid_WithoutWarnings()
    {
        // Given every manifest in communities/
        var files = Directory.GetFiles(RepositoryFiles.PathOf("communities"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceFile("communities/" + Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToList();

        // When
        var result = new ManifestValidator().Validate(files, Validate.Today);

        // Then
        files.Count.ShouldBeGreaterThanOrEqualTo(3);
        result.Lines().ShouldBeEmpty();
        result.Documents.Count.ShouldBe(files.Count);
    }

    [Fact]
    public void Examples_CoverTheThreeShapes()
    {
        var communities = Directory.GetFiles(RepositoryFiles.PathOf("communities"), "*.yaml")
            .Select(f => new ManifestValidator().Validate([new SourceFile("communities/" + Path.GetFileName(f), File.ReadAllBytes(f))], Validate.Today).Documents.Single().Community)
            .ToList();

        communities.ShouldContain(c => c.Cloud.Provider == "aws" && c.Hubs.Select(h => h.Name).Order().SequenceEqual(new[] { "prod", "staging" }) && c.Hubs.All(h => h.Auth!.Method == "github"));
        communities.ShouldContain(c => c.Cloud.Provider == "gcp" && c.Hubs.Any(h => h.Auth!.Method == "cilogon" && h.Gpu != null));
        communities.ShouldContain(c => c.Deals.Count == 2 && c.Hubs.Any(h => h.Status == HubStatus.Deployed));
    }

    [Fact]
    public void Generated_ThousandManifests_AllValid()
    {
        var files = Enumerable.Range(0, 1000)
            .Select(n => new SourceFile($"communities/c{n:D6}.yaml", Encoding.UTF8.GetBytes(ManifestText.Generated(n))))
            .ToList();

        var result = new ManifestValidator().Validate(files, Validate.Today);

        result.Lines().ShouldBeEmpty();
    }
}

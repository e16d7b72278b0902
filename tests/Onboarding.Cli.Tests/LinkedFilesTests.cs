using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// A manifest or the configuration that is a symbolic link, or lies outside the repository, is refused with a located
/// sentence and never read (#13, finding 10): a pull request could otherwise make CI read any file of the runner.
/// Real files and links on disk.
/// </summary>
public sealed class LinkedFilesTests : IDisposable
{
    private const string Secret = "SECRET-OUTSIDE-THE-REPOSITORY";

    private readonly TempGitRepository _repo = new();

    private readonly string _outside = Path.Combine(Path.GetTempPath(), "onboarding-outside-" + Guid.NewGuid().ToString("N")[..12]);

    public LinkedFilesTests()
    {
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "alpha.yaml"), ManifestText.Valid().Replace("The alpha community", Secret, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_outside, "onboarding.yaml"), $"github:\n  repository: {Secret}\n");
        _repo.Write("communities/beta.yaml", ManifestText.Valid("beta", "2002", "beta.hubs.example.org"));
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void Validate_ManifestIsALinkToAFileOutside_RefusedUnread()
    {
        // Given communities/alpha.yaml, a link to a file outside the repository
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "communities", "alpha.yaml"), Path.Combine(_outside, "alpha.yaml"));

        // When
        var (exit, output, error) = CliRun.InRepository(_repo, "validate");

        // Then
        exit.ShouldNotBe(0);
        (output + error).ShouldContain("communities/alpha.yaml:1:1: error: it is a symbolic link, so it was not read");
        (output + error).ShouldNotContain(Secret);
    }

    [Fact]
    public void Validate_ManifestIsALinkInsideTheRepository_RefusedToo()
    {
        // Given a link to another manifest of the repository: a link is refused wherever it points
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "communities", "alpha.yaml"), "beta.yaml");

        // When
        var (exit, output, error) = CliRun.InRepository(_repo, "validate", "communities/alpha.yaml");

        // Then
        exit.ShouldNotBe(0);
        (output + error).ShouldContain("communities/alpha.yaml:1:1: error: it is a symbolic link, so it was not read");
    }

    [Fact]
    public void Validate_FolderOfManifestsIsALink_RefusedUnread()
    {
        // Given a folder of the repository that is a link to a folder outside it
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "linked"), _outside);

        // When
        var (exit, output, error) = CliRun.InRepository(_repo, "validate", "linked");

        // Then
        exit.ShouldNotBe(0);
        (output + error).ShouldContain("linked/alpha.yaml:1:1: error: linked is a symbolic link, so it was not read");
        (output + error).ShouldNotContain(Secret);
    }

    [Fact]
    public void Validate_ManifestOutsideTheRepository_RefusedUnread()
    {
        // Given a path that leaves the repository
        var path = Path.GetRelativePath(_repo.Root, Path.Combine(_outside, "alpha.yaml")).Replace('\\', '/');

        // When
        var (exit, output, error) = CliRun.InRepository(_repo, "validate", path);

        // Then
        exit.ShouldNotBe(0);
        (output + error).ShouldContain($"{path}:1:1: error: it lies outside the repository, so it was not read");
        (output + error).ShouldNotContain(Secret);
    }

    [Fact]
    public void Validate_ConfigurationIsALink_RefusedUnread()
    {
        // Given onboarding.yaml, a link to a file outside the repository
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "onboarding.yaml"), Path.Combine(_outside, "onboarding.yaml"));

        // When
        var (exit, output, error) = CliRun.InRepository(_repo, "validate");

        // Then
        exit.ShouldNotBe(0);
        (output + error).ShouldContain("onboarding.yaml:1:1: error: it is a symbolic link, so it was not read");
        (output + error).ShouldNotContain(Secret);
    }
}

using System.Text;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox.GitHub;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>Where a run's turnup templates come from: the repository, else the copy, else the built-in samples; the plan's sentence says which.</summary>
public sealed class TurnupTemplateSourceTests
{
    private const string Repository = "example-org/infrastructure";
    private static readonly TurnupTemplateFiles Files = new();

    [Fact]
    public async Task ReadAsync_RepositoryHasEveryTemplate_FillsInFromTheRepositorysAsTheyAreNow()
    {
        // Given the repository's phase 3 template retitled by the organisation, and a copy of the samples
        var repository = new FakeRepository(Samples());
        repository.Files[".github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml"] = Retitled(SampleTemplates.HubSetup);

        // When
        var load = await ReadAsync(repository, Copy());

        // Then the repository's own template is used, and the sentence says so
        load.Origin.ShouldBe(TurnupTemplateOrigin.Repository);
        load.Templates.HubSetup!.Title.ShouldStartWith("[Setup by the organisation]");
        load.Templates.Source.ShouldBe("The turnup issues are filled in from the templates in example-org/infrastructure's .github/ISSUE_TEMPLATE/, as they are now.");
        load.RepositoryFiles.Select(f => f.FileName).ShouldBe(Files.ByKey.Select(f => f.FileName));
        load.NotFromRepository.ShouldBeNull();
    }

    [Fact]
    public async Task ReadAsync_NoRepository_FillsInFromTheCopyAndSaysWhy()
    {
        // Given no credentials, and a copy whose phase 3 template was retitled
        var copy = Copy();
        copy[SampleTemplates.HubSetup] = new SourceFile($"{Files.Copy}/{SampleTemplates.HubSetup}", Retitled(SampleTemplates.HubSetup));

        // When
        var load = await ReadAsync(null, copy);

        // Then
        load.Origin.ShouldBe(TurnupTemplateOrigin.Copy);
        load.Templates.HubSetup!.Title.ShouldStartWith("[Setup by the organisation]");
        load.Templates.Source.ShouldBe(
            "The turnup issues are filled in from the copy of the templates in .github/turnup-templates/, because example-org/infrastructure was not read: " +
            "no credentials were given; 'onboarding templates refresh' brings the copy up to date.");
        load.RepositoryFiles.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_RepositoryLacksATemplate_TheCopyServesEveryPhaseAndTheFileIsNamed()
    {
        // Given a repository without the decommission template and with a retitled phase 3
        var repository = new FakeRepository(Samples());
        repository.Files.Remove(".github/ISSUE_TEMPLATE/06_decommission-hub.md");
        repository.Files[".github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml"] = Retitled(SampleTemplates.HubSetup);

        // When
        var load = await ReadAsync(repository, Copy());

        // Then one source serves every phase: the copy's phase 3 too, not a mix
        load.Origin.ShouldBe(TurnupTemplateOrigin.Copy);
        load.Templates.HubSetup!.Title.ShouldStartWith("[New Hub] [Phase 3]");
        load.Templates.Source.ShouldContain("because example-org/infrastructure has no .github/ISSUE_TEMPLATE/06_decommission-hub.md (or the token cannot see the repository)");
    }

    [Fact]
    public async Task ReadAsync_RepositoryRefuses_TheCopyServesWithGitHubsSentence()
    {
        // Given a token GitHub refuses
        var repository = new FakeRepository(Samples()) { Refusal = new ServiceException("github", "read a file", 403, "Could not read the template: GitHub refused it (Resource not accessible by integration).") };

        // When
        var load = await ReadAsync(repository, Copy());

        // Then
        load.Origin.ShouldBe(TurnupTemplateOrigin.Copy);
        load.Templates.Source.ShouldContain("because example-org/infrastructure's templates could not be read (Could not read the template: GitHub refused it (Resource not accessible by integration))");
    }

    [Fact]
    public async Task ReadAsync_RepositoryTemplateDoesNotRead_TheCopyServesAndTheLineIsNamed()
    {
        // Given the repository's phase 2 template broken by an edit
        var repository = new FakeRepository(Samples());
        repository.Files[".github/ISSUE_TEMPLATE/04_new-hub_phase-2.yaml"] = Encoding.UTF8.GetBytes("name: Phase 2\ndescription: broken\nbody: []\nbody: []\n");

        // When
        var load = await ReadAsync(repository, Copy());

        // Then
        load.Origin.ShouldBe(TurnupTemplateOrigin.Copy);
        load.Templates.Cluster.ShouldNotBeNull();
        load.Templates.Source.ShouldContain("because example-org/infrastructure's .github/ISSUE_TEMPLATE/04_new-hub_phase-2.yaml does not read (line ");
    }

    [Fact]
    public async Task ReadAsync_NeitherRepositoryNorCompleteCopy_TheBuiltInSamplesAndEveryReason()
    {
        // Given no credentials and a copy without its phase 0 template
        var copy = Copy();
        copy.Remove(SampleTemplates.SyncChat);

        // When
        var load = await ReadAsync(null, copy);

        // Then
        load.Origin.ShouldBe(TurnupTemplateOrigin.BuiltIn);
        load.Templates.SyncChat.ShouldNotBeNull();
        load.Templates.Source.ShouldBe(
            "The turnup issues are filled in from the sample templates built into the program, because example-org/infrastructure was not read: " +
            "no credentials were given, and the copy in .github/turnup-templates/ has no 02_new-hub_phase-0.md.");
    }

    [Fact]
    public void CopyChanges_RepositoryAgainstCopy_EachFileAddedChangedOrUnchanged()
    {
        // Given the repository's templates, one retitled, against a copy that lacks phase 0
        var copy = Copy();
        copy.Remove(SampleTemplates.SyncChat);
        var repositoryFiles = Samples()
            .Select(f => new SourceFile(f.Key, f.Key.EndsWith(SampleTemplates.HubSetup, StringComparison.Ordinal) ? Retitled(SampleTemplates.HubSetup) : f.Value))
            .ToList();

        // When
        var changes = TurnupTemplateSource.CopyChanges(repositoryFiles, copy);

        // Then
        changes.ShouldBe([
            (SampleTemplates.SyncChat, TemplateCopyChange.Added),
            (SampleTemplates.CloudAccount, TemplateCopyChange.Unchanged),
            (SampleTemplates.Cluster, TemplateCopyChange.Unchanged),
            (SampleTemplates.HubSetup, TemplateCopyChange.Changed),
            (SampleTemplates.Decommission, TemplateCopyChange.Unchanged),
        ]);
        TurnupTemplateSource.CopySentence(".github/turnup-templates", changes).ShouldBe(
            "The copy of the turnup templates in .github/turnup-templates/ was brought up to date: 05_new-hub_phase-3.yaml changed; 02_new-hub_phase-0.md added. " +
            "Commit it, so that runs without credentials use these templates too.");
    }

    private static Task<TurnupTemplateLoad> ReadAsync(IRepositoryFiles? repository, IReadOnlyDictionary<string, SourceFile> copy) =>
        TurnupTemplateSource.ReadAsync(repository, Repository, "no credentials were given", Files, copy, TurnupFixtures.Templates, TestContext.Current.CancellationToken);

    /// <summary>The samples as the repository holds them, by path.</summary>
    private static Dictionary<string, byte[]> Samples() =>
        SampleTemplates.FileNames.ToDictionary(n => $".github/ISSUE_TEMPLATE/{n}", SampleTemplates.Content, StringComparer.Ordinal);

    /// <summary>A copy of the samples, by file name.</summary>
    private static Dictionary<string, SourceFile> Copy() =>
        SampleTemplates.FileNames.ToDictionary(n => n, n => new SourceFile($"{Files.Copy}/{n}", SampleTemplates.Content(n)), StringComparer.Ordinal);

    private static byte[] Retitled(string fileName)
    {
        var text = Encoding.UTF8.GetString(SampleTemplates.Content(fileName));
        var edited = text.Replace("title: '[New Hub] [Phase 3]", "title: '[Setup by the organisation]", StringComparison.Ordinal);
        edited.ShouldNotBe(text);
        return Encoding.UTF8.GetBytes(edited);
    }

    private sealed class FakeRepository(Dictionary<string, byte[]> files) : IRepositoryFiles
    {
        public Dictionary<string, byte[]> Files { get; } = files;

        public ServiceException? Refusal { get; init; }

        public Task<byte[]?> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
            Refusal is not null ? Task.FromException<byte[]?>(Refusal) : Task.FromResult(Files.GetValueOrDefault(path));
    }
}

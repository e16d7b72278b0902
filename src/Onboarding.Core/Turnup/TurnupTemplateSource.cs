using System.Globalization;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Turnup;

/// <summary>Where a run's turnup templates came from.</summary>
public enum TurnupTemplateOrigin
{
    /// <summary>The infrastructure repository's <c>.github/ISSUE_TEMPLATE/</c>, read by this run.</summary>
    Repository,

    /// <summary>The copy this repository keeps (<c>turnup.templates.copy</c>).</summary>
    Copy,

    /// <summary>The sample templates built into the program: neither the repository nor the copy had them all.</summary>
    BuiltIn,
}

/// <summary>The templates a run fills its turnup issues in from, and the repository's files when it read them.</summary>
/// <param name="RepositoryFiles">The templates as the repository has them (empty unless <paramref name="Origin"/> is
/// <see cref="TurnupTemplateOrigin.Repository"/>), by file name, to refresh the copy with.</param>
public sealed record TurnupTemplateLoad(TurnupTemplateSet Templates, TurnupTemplateOrigin Origin, IReadOnlyList<SourceFile> RepositoryFiles)
{
    /// <summary>Why the repository's templates were not used, as a clause ("example-org/infrastructure has no …"); null when they were.</summary>
    public string? NotFromRepository { get; init; }
}

/// <summary>What refreshing the copy does to one file.</summary>
public enum TemplateCopyChange
{
    Unchanged,
    Added,
    Changed,
}

/// <summary>
/// Finds the turnup templates the way every command does: the infrastructure repository's own, read through the
/// contents API; when it cannot be read (no credentials, a file it does not have, a template that does not read), the
/// copy kept in this repository; when the copy lacks one too, the samples built into the program. One source serves
/// all phases, so an issue is never filled in from a mix of old and new templates. The sentence that says which is
/// <see cref="TurnupTemplateSet.Source"/>.
/// </summary>
public static class TurnupTemplateSource
{
    /// <param name="repository">The infrastructure repository's files; null when this run cannot read it.</param>
    /// <param name="repositoryName">owner/name, for the sentences.</param>
    /// <param name="notRead">Why <paramref name="repository"/> is null, as the end of a sentence ("no credentials were given").</param>
    /// <param name="copy">The copy's files that exist, by file name.</param>
    /// <param name="builtIn">The samples built into the program.</param>
    public static async Task<TurnupTemplateLoad> ReadAsync(
        IRepositoryFiles? repository,
        string repositoryName,
        string notRead,
        TurnupTemplateFiles files,
        IReadOnlyDictionary<string, SourceFile> copy,
        TurnupTemplateSet builtIn,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(builtIn);
        var folder = TurnupTemplateFiles.RepositoryFolder;
        var phases = Phases(files);
        string why;
        if (repository is null)
        {
            why = $"{repositoryName} was not read: {notRead}";
        }
        else
        {
            var (read, failure) = await ReadRepositoryAsync(repository, repositoryName, phases, cancellationToken);
            if (read is not null)
            {
                var (set, problems) = TurnupTemplateSet.Read(
                    $"The turnup issues are filled in from the templates in {repositoryName}'s {folder}/, as they are now.",
                    read);
                if (FirstError(problems) is not { } problem)
                    return new TurnupTemplateLoad(set, TurnupTemplateOrigin.Repository, [.. read.Values]);
                why = $"{repositoryName}'s {problem.File} does not read ({ProblemText(problem)})";
            }
            else
            {
                why = failure!;
            }
        }

        var notFromRepository = why;
        var copyFolder = files.Copy.TrimEnd('/');
        var missing = phases.Where(p => !copy.ContainsKey(p.FileName)).Select(p => p.FileName).ToList();
        if (missing.Count == 0)
        {
            var (set, problems) = TurnupTemplateSet.Read(
                $"The turnup issues are filled in from the copy of the templates in {copyFolder}/, because {why}; 'onboarding templates refresh' brings the copy up to date.",
                phases.ToDictionary(p => p.Phase, p => copy[p.FileName]));
            if (FirstError(problems) is not { } problem)
                return new TurnupTemplateLoad(set, TurnupTemplateOrigin.Copy, []) { NotFromRepository = why };
            why += $", and the copy's {problem.File} does not read ({ProblemText(problem)})";
        }
        else
        {
            why += $", and the copy in {copyFolder}/ has no {string.Join(", ", missing)}";
        }

        return new TurnupTemplateLoad(
            builtIn with { Source = $"The turnup issues are filled in from the sample templates built into the program, because {why}." },
            TurnupTemplateOrigin.BuiltIn,
            []) { NotFromRepository = notFromRepository };
    }

    /// <summary>What writing <paramref name="repositoryFiles"/> into the copy changes, file by file, in their order.</summary>
    public static IReadOnlyList<(string FileName, TemplateCopyChange Change)> CopyChanges(
        IReadOnlyList<SourceFile> repositoryFiles, IReadOnlyDictionary<string, SourceFile> copy)
    {
        ArgumentNullException.ThrowIfNull(repositoryFiles);
        ArgumentNullException.ThrowIfNull(copy);
        return [.. repositoryFiles.Select(f => (f.FileName,
            !copy.TryGetValue(f.FileName, out var kept) ? TemplateCopyChange.Added
            : kept.Content.AsSpan().SequenceEqual(f.Content) ? TemplateCopyChange.Unchanged
            : TemplateCopyChange.Changed))];
    }

    /// <summary>A sentence on what a refresh of the copy did (or, with <paramref name="written"/> false, would do).</summary>
    public static string CopySentence(string copyFolder, IReadOnlyList<(string FileName, TemplateCopyChange Change)> changes, bool written = true)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var folder = copyFolder.TrimEnd('/') + "/";
        var added = changes.Where(c => c.Change == TemplateCopyChange.Added).Select(c => c.FileName).ToList();
        var changed = changes.Where(c => c.Change == TemplateCopyChange.Changed).Select(c => c.FileName).ToList();
        if (added.Count + changed.Count == 0)
            return $"The copy of the turnup templates in {folder} is up to date.";
        var parts = new List<string>();
        if (changed.Count > 0)
            parts.Add($"{string.Join(", ", changed)} changed");
        if (added.Count > 0)
            parts.Add($"{string.Join(", ", added)} added");
        return written
            ? $"The copy of the turnup templates in {folder} was brought up to date: {string.Join("; ", parts)}. Commit it, so that runs without credentials use these templates too."
            : $"The copy of the turnup templates in {folder} is behind the infrastructure repository's: {string.Join("; ", parts)}. Pull-request plans fill the turnup issues in from the copy, so run `onboarding templates refresh` and commit it.";
    }

    /// <summary>Every phase with the file name the configuration gives its template.</summary>
    public static IReadOnlyList<(TurnupPhase Phase, string FileName)> Phases(TurnupTemplateFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return
        [
            (TurnupPhase.SyncChat, files.SyncChat),
            (TurnupPhase.CloudAccount, files.CloudAccount),
            (TurnupPhase.Cluster, files.Cluster),
            (TurnupPhase.HubSetup, files.HubSetup),
            (TurnupPhase.Decommission, files.Decommission),
        ];
    }

    private static async Task<(Dictionary<TurnupPhase, SourceFile>? Files, string? Failure)> ReadRepositoryAsync(
        IRepositoryFiles repository, string repositoryName, IReadOnlyList<(TurnupPhase Phase, string FileName)> phases, CancellationToken cancellationToken)
    {
        var read = new Dictionary<TurnupPhase, SourceFile>();
        foreach (var (phase, fileName) in phases)
        {
            var path = $"{TurnupTemplateFiles.RepositoryFolder}/{fileName}";
            byte[]? bytes;
            try
            {
                bytes = await repository.ReadFileAsync(path, cancellationToken);
            }
            catch (ServiceException e)
            {
                return (null, $"{repositoryName}'s templates could not be read ({e.Message.TrimEnd('.')})");
            }

            if (bytes is null)
                return (null, $"{repositoryName} has no {path} (or the token cannot see the repository)");
            read[phase] = new SourceFile(path, bytes);
        }

        return (read, null);
    }

    private static Problem? FirstError(IReadOnlyList<Problem> problems) => problems.FirstOrDefault(p => p.Severity == Severity.Error);

    private static string ProblemText(Problem problem) =>
        string.Create(CultureInfo.InvariantCulture, $"line {problem.Location.Line}: {problem.Message.TrimEnd('.')}");
}

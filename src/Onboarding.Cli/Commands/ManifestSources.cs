using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary>Turns the paths a user typed into manifest files: directories expand to their *.yaml and *.yml files.</summary>
internal static class ManifestSources
{
    public const string DefaultDirectory = "communities";

    /// <returns>The files, or the sentence that explains the usage error.</returns>
    public static (IReadOnlyList<SourceFile> Files, string? UsageError) Collect(CliContext context, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            paths = [DefaultDirectory];
        var files = new List<SourceFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in paths)
        {
            var path = Normalize(given);
            IEnumerable<string> candidates;
            if (context.Files.DirectoryExists(path))
            {
                candidates = context.Files.ListFiles(path)
                    .Select(Normalize)
                    .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal));
            }
            else if (context.Files.FileExists(path))
            {
                candidates = [path];
            }
            else if (path.StartsWith('-'))
            {
                return ([], $"there is no option {path}; run 'onboarding --help' for the options.");
            }
            else
            {
                return ([], $"{path}: no such file or directory.");
            }

            foreach (var file in candidates)
            {
                if (!seen.Add(file))
                    continue;
                if (context.Files.NotInRepository(file) is { } reason)
                    return ([], Refused(file, reason));
                var (head, length) = context.Files.ReadHead(file, YamlReader.MaxBytes + 1);
                files.Add(new SourceFile(file, head, length));
            }
        }

        return files.Count == 0
            ? ([], $"No manifests (*.yaml) found in {string.Join(", ", paths.Select(Normalize))}.")
            : (files, null);
    }

    /// <summary>The located sentence for a manifest or configuration file that is not read (<see cref="IFileSystem.NotInRepository"/>).</summary>
    public static string Refused(string file, string reason) =>
        Problem.Error(file, SourceLocation.Start, "",
            $"{reason}, so it was not read: manifests are read only as regular files inside the repository.").ToString();

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
            normalized = normalized[2..];
        return normalized.Length > 1 ? normalized.TrimEnd('/') : normalized;
    }

    /// <summary>Every manifest, each as if nothing had been applied yet (plan without --base, apply --all or a new branch).</summary>
    public static ChangedManifests Every(ValidationResult validation) =>
        new([.. validation.Documents.Select(d => new PlanInput(d, null))], [], validation.Documents.Count);

    /// <summary>
    /// The manifests changed between the commits <paramref name="from"/> and <paramref name="to"/>, each validated now and
    /// with its version at <paramref name="from"/>, so plan and apply see hubs, people and deals a change dropped.
    /// </summary>
    public static async Task<ChangedManifests> ChangedAsync(
        CliContext context, string from, string to, ValidationResult validation, CancellationToken cancellationToken)
    {
        var changes = await context.Git.ChangedFilesAsync(from, to, DefaultDirectory, cancellationToken);
        var inputs = new List<PlanInput>();
        var removed = new List<string>();
        foreach (var change in changes)
        {
            if (change.Kind == GitChangeKind.Deleted)
                removed.Add(change.Path);
            else if (await ChangedInputAsync(context, from, change, validation, cancellationToken) is { } input)
                inputs.Add(input);
        }

        return new ChangedManifests(inputs, removed, changes.Count);
    }

    /// <summary>
    /// One changed manifest: its validated version now, and its version at <paramref name="from"/> when the change
    /// modified it (null when added, or not valid there). Null when the manifest is not among the validated documents.
    /// </summary>
    private static async Task<PlanInput?> ChangedInputAsync(
        CliContext context, string from, GitChange change, ValidationResult validation, CancellationToken cancellationToken)
    {
        if (validation.Documents.FirstOrDefault(d => d.Path == change.Path) is not { } head)
            return null;
        var before = change.Kind == GitChangeKind.Modified && await context.Git.ShowAsync(from, change.Path, cancellationToken) is { } bytes
            ? new ManifestValidator().Validate([new SourceFile(change.Path, bytes)], context.Today).Documents is [var document, ..] ? document : null
            : null;
        return new PlanInput(head, before);
    }
}

/// <summary>What plan and apply compare.</summary>
/// <param name="Inputs">Each manifest to plan, now and before the change.</param>
/// <param name="Removed">Manifests the change deleted.</param>
/// <param name="FileCount">How many manifest files the change touched, removed ones included.</param>
internal sealed record ChangedManifests(IReadOnlyList<PlanInput> Inputs, IReadOnlyList<string> Removed, int FileCount)
{
    /// <summary>One note per removed manifest: a file going away never deletes anything in the services.</summary>
    public IEnumerable<string> RemovalNotes => Removed.Select(path =>
        $"{path} was removed. Nothing is deleted in HubSpot, Freshdesk or GitHub because a file went away; remove records by hand if that is intended.");
}

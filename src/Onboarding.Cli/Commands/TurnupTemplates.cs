using System.Text;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox.GitHub;

namespace Onboarding.Cli.Commands;

/// <summary>
/// Where plan, apply and drift get the issue templates the turnup issues are filled in from
/// (<see cref="TurnupTemplateSource"/>): the infrastructure repository's own, else the copy this repository keeps
/// (<c>turnup.templates.copy</c>), else the samples built into the program. Also writes the copy, and reads the folder
/// of templates <c>--turnup-templates DIR</c> puts into the sandbox's repository.
/// </summary>
internal static class TurnupTemplates
{
    /// <summary>The most files <c>--turnup-templates DIR</c> takes (GitHub's own template chooser is meant for a handful).</summary>
    public const int MaxFolderFiles = 50;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="repository">The infrastructure repository's files; null when the run has no credentials for it.</param>
    /// <param name="notRead">Why <paramref name="repository"/> is null, ending a sentence.</param>
    public static Task<TurnupTemplateLoad> LoadAsync(
        CliContext context, OnboardingSettings settings, IRepositoryFiles? repository, CancellationToken cancellationToken,
        string notRead = "no credentials were given (pull-request checks are given none)") =>
        TurnupTemplateSource.ReadAsync(
            repository, settings.GitHub.InfrastructureRepository, notRead, settings.Turnup.Templates,
            ReadCopy(context, settings.Turnup.Templates), SampleTemplates.Load(), cancellationToken);

    /// <summary>The copy's files that are there (and inside the repository), by file name.</summary>
    public static IReadOnlyDictionary<string, SourceFile> ReadCopy(CliContext context, TurnupTemplateFiles files)
    {
        var copy = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var (_, fileName) in TurnupTemplateSource.Phases(files))
        {
            var path = $"{files.Copy.TrimEnd('/')}/{fileName}";
            if (!context.Files.FileExists(path) || context.Files.NotInRepository(path) is not null)
                continue;
            var (head, length) = context.Files.ReadHead(path, YamlReader.MaxBytes + 1);
            copy[fileName] = new SourceFile(path, head, length);
        }

        return copy;
    }

    /// <summary>
    /// Writes the templates the repository has into the copy, only the files that differ, and says what changed.
    /// </summary>
    /// <exception cref="IOException">The copy's folder is not inside the repository, or a file could not be written.</exception>
    public static string RefreshCopy(CliContext context, TurnupTemplateFiles files, TurnupTemplateLoad load)
    {
        if (load.Origin != TurnupTemplateOrigin.Repository)
            throw new InvalidOperationException("Only templates read from the repository refresh the copy.");
        var folder = files.Copy.TrimEnd('/');
        var changes = TurnupTemplateSource.CopyChanges(load.RepositoryFiles, ReadCopy(context, files));
        foreach (var (fileName, change) in changes.Where(c => c.Change != TemplateCopyChange.Unchanged))
        {
            var path = $"{folder}/{fileName}";
            if (context.Files.NotInRepository(path) is { } why)
                throw new IOException($"The copy of the turnup templates was not written to {path}: {why} (turnup.templates.copy names a folder inside this repository).");
            var bytes = load.RepositoryFiles.Single(f => f.FileName == fileName).Content;
            // Read as templates already, so they are UTF-8 text.
            context.Files.WriteAllText(path, StrictUtf8.GetString(bytes));
        }

        return TurnupTemplateSource.CopySentence(folder, changes);
    }

    /// <summary>
    /// <c>--turnup-templates DIR</c> read for <paramref name="command"/>: true with the folder's templates (null when the
    /// option was not given), or false after saying on the error stream why the folder cannot be used.
    /// </summary>
    public static bool TryFolder(CliContext context, string command, string? directory, out IReadOnlyList<(string Name, string Text)>? files)
    {
        files = null;
        if (directory is null)
            return true;
        var (read, problem) = ReadFolder(context, directory);
        if (read is null)
        {
            context.Error.WriteLine($"onboarding {command}: {problem}");
            return false;
        }

        files = read;
        return true;
    }

    /// <summary>
    /// The issue templates in <paramref name="directory"/> (its .md, .yml and .yaml files, not its subfolders), for the
    /// sandbox's repository; null with a sentence when there are none to take.
    /// </summary>
    public static (IReadOnlyList<(string Name, string Text)>? Files, string? Problem) ReadFolder(CliContext context, string directory)
    {
        if (!context.Files.DirectoryExists(directory))
            return (null, $"--turnup-templates: {directory} is not a folder.");
        var files = new List<(string, string)>();
        foreach (var path in context.Files.ListFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (Path.GetExtension(name).ToLowerInvariant() is not (".md" or ".yml" or ".yaml"))
                continue;
            if (files.Count == MaxFolderFiles)
                return (null, $"--turnup-templates: {directory} holds more than {MaxFolderFiles} templates; give the folder of the turnup templates only.");
            var (head, length) = context.Files.ReadHead(path, YamlReader.MaxBytes + 1);
            if (length > YamlReader.MaxBytes)
                return (null, $"--turnup-templates: {path} is larger than {YamlReader.MaxBytes / 1024} KiB; an issue template is not.");
            try
            {
                files.Add((name, StrictUtf8.GetString(head)));
            }
            catch (DecoderFallbackException)
            {
                return (null, $"--turnup-templates: {path} is not UTF-8 text, as an issue template is.");
            }
        }

        return files.Count == 0
            ? (null, $"--turnup-templates: {directory} holds no issue template (.md, .yml or .yaml file).")
            : (files, null);
    }
}

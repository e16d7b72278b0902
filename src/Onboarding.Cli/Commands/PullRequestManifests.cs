using Onboarding.Core.Manifests;
using Onboarding.Core.Services.GitHub;
using Onboarding.Services.GitHub;

namespace Onboarding.Cli.Commands;

/// <summary>
/// The manifests a pull request changes, read through GitHub's API as data (the live plan of a pull request): its
/// changed files are listed, and each changed manifest is read at the head commit as bytes. Nothing of the pull request
/// is checked out or run; the checkout (the default branch) supplies the program, the schema, the settings and the
/// manifests the pull request does not touch.
/// </summary>
/// <param name="Head">The pull request, and the commit its files were read at.</param>
/// <param name="Changed">Each added or changed manifest, as it is at the head.</param>
/// <param name="Removed">Manifests the pull request deletes (a renamed one's old path too, as git without renames sees it).</param>
/// <param name="Refused">A located sentence for each changed manifest that was not read (a path that is not plain, a link).</param>
/// <param name="SettingsChanged">Whether the pull request changes the configuration file, which the live plan does not use.</param>
internal sealed record PullRequestManifests(
    PullRequestHead Head, IReadOnlyList<SourceFile> Changed, IReadOnlyList<string> Removed, IReadOnlyList<Problem> Refused, bool SettingsChanged)
{
    /// <summary>How many manifest files the pull request touches, removed ones included.</summary>
    public int FileCount => Changed.Count + Removed.Count + Refused.Count;

    /// <summary>The listing is cut at 3,000 files by GitHub; such a pull request is not planned live.</summary>
    public static string TooManyFiles(int number) =>
        $"Pull request #{number} changes {PullRequestFiles.MaxListed:N0} files or more, and GitHub lists only the first {PullRequestFiles.MaxListed:N0}: the live plan cannot see every manifest it changes. The offline plan of the Validate workflow covers it; split the pull request to get a live plan.";

    /// <summary>Reads pull request <paramref name="number"/>: where its head is, its changed files, and each changed manifest at the head.</summary>
    /// <returns>The manifests, or null with a sentence when the pull request cannot be planned live.</returns>
    public static async Task<(PullRequestManifests? Manifests, string? Problem)> ReadAsync(
        GitHubClient client, int number, string configPath, CancellationToken cancellationToken)
    {
        var head = await client.GetPullRequestHeadAsync(number, cancellationToken);
        if (head.FromFork)
            return (null, $"Pull request #{number} comes from the fork {head.HeadRepository}: a live plan reads only pull requests from this repository's own branches, so it keeps the offline plan.");
        var listing = await client.ListPullRequestFilesAsync(number, cancellationToken);
        if (!listing.Complete)
            return (null, TooManyFiles(number));

        var changed = new List<SourceFile>();
        var removed = new List<string>();
        var refused = new List<Problem>();
        var settingsChanged = false;
        foreach (var file in listing.Files)
        {
            if (file.Path == configPath || file.PreviousPath == configPath)
                settingsChanged = true;
            if (file.PreviousPath is { } before && IsManifestPath(before) && before != file.Path)
                removed.Add(before);
            if (!IsPlain(file.Path))
            {
                if (file.Path.StartsWith(ManifestSources.DefaultDirectory + "/", StringComparison.Ordinal) || file.Path.Contains("..", StringComparison.Ordinal))
                    refused.Add(Refusal(file.Path, "its path is not a plain path inside communities/ (it has an empty, '.' or '..' part, a backslash or a control character)"));
                continue;
            }

            if (!IsManifestPath(file.Path))
                continue;
            if (file.Status == "removed")
            {
                removed.Add(file.Path);
                continue;
            }

            if (file.Status == "unchanged")
                continue;
            var read = await client.ReadFileAtAsync(file.Path, head.HeadSha, YamlReader.MaxBytes + 1, cancellationToken);
            if (read is null)
                refused.Add(Refusal(file.Path, $"GitHub has no such file at the pull request's head commit {Short(head.HeadSha)}"));
            else if (read.Kind != "file")
                refused.Add(Refusal(file.Path, $"it is a {KindWords(read.Kind)} at the pull request's head, not a regular file"));
            else
                changed.Add(new SourceFile(file.Path, read.Content, read.Length));
        }

        return (new PullRequestManifests(head, changed, [.. removed.Distinct(StringComparer.Ordinal)], refused, settingsChanged), null);
    }

    /// <summary>The checkout's manifests with the pull request's changes laid over them: what merging would leave in communities/.</summary>
    public IReadOnlyList<SourceFile> Over(IReadOnlyList<SourceFile> checkout)
    {
        var gone = new HashSet<string>(Removed.Concat(Changed.Select(c => c.Path)).Concat(Refused.Select(r => r.File)), StringComparer.Ordinal);
        return [.. checkout.Where(f => !gone.Contains(f.Path)), .. Changed];
    }

    /// <summary>The notes the plan starts with: what was read, and what of the pull request the live plan does not use.</summary>
    public IEnumerable<string> Notes(string configPath)
    {
        yield return $"Pull request #{Head.Number} at {Short(Head.HeadSha)}: {FileCount} manifest file(s) changed, read through GitHub's API as data and validated with the default branch's schema and rules; nothing of the pull request was checked out or run.";
        if (SettingsChanged)
            yield return $"The pull request changes {configPath}; the live plan uses the default branch's {configPath}, so that change is not in it (validate and the offline plan check it).";
    }

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];

    private static string KindWords(string kind) => kind switch
    {
        "symlink" => "symbolic link",
        "dir" => "folder",
        _ => kind,
    };

    private static Problem Refusal(string path, string reason) =>
        Problem.Error(path, SourceLocation.Start, "", $"{reason}, so it was not read: manifests are read only as regular files inside communities/.");

    /// <summary>A manifest is a .yaml or .yml file directly in communities/, as validate reads the folder.</summary>
    private static bool IsManifestPath(string path) =>
        path.StartsWith(ManifestSources.DefaultDirectory + "/", StringComparison.Ordinal)
        && path.IndexOf('/', ManifestSources.DefaultDirectory.Length + 1) < 0
        && (path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal));

    /// <summary>A relative path of plain parts: none empty, '.' or '..', no backslash, no control character.</summary>
    private static bool IsPlain(string path) =>
        path.Length > 0
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Any(char.IsControl)
        && path.Split('/').All(part => part is not ("" or "." or ".."));
}

using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Onboarding.Cli.Infrastructure;

/// <summary>Git through the git command line (CliWrap), in <paramref name="workingDirectory"/>.</summary>
public sealed class GitCli(string workingDirectory) : IGitRepository
{
    public async Task<string> MergeBaseAsync(string baseRef, string head, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["merge-base", baseRef, head], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new GitException(
                $"git does not know '{baseRef}' here; fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0) or pass another --base.");
        }

        return result.StandardOutput.Trim();
    }

    public async Task<IReadOnlyList<GitChange>> ChangedFilesAsync(string from, string to, string directory, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["diff", "--name-status", "--no-renames", "-z", from, to, "--", directory], cancellationToken);
        if (result.ExitCode != 0)
            throw new GitException($"git could not compare {from} with {to}: {FirstLine(result.StandardError)}");

        var fields = result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var changes = new List<GitChange>();
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var kind = fields[i][0] switch
            {
                'A' => GitChangeKind.Added,
                'D' => GitChangeKind.Deleted,
                _ => GitChangeKind.Modified,
            };
            changes.Add(new GitChange(fields[i + 1], kind));
        }

        return [.. changes.OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    public async Task<byte[]?> ShowAsync(string commit, string path, CancellationToken cancellationToken = default)
    {
        using var output = new MemoryStream();
        var result = await CliWrap.Cli.Wrap("git")
            .WithArguments(["show", $"{commit}:{path}"])
            .WithWorkingDirectory(workingDirectory)
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        return result.ExitCode == 0 ? output.ToArray() : null;
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastChangedAsync(
        string commit, IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var wanted = paths.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return times;

        // git simplifies a history with merges path by path, so one walk for all paths could follow another parent of a
        // merge than a walk for one path. A history without merges has one answer either way: it is read in one walk
        // for every path git names as it was given (an apply of every community took one process per manifest).
        var merges = await RunAsync(["rev-list", "-1", "--merges", commit], cancellationToken);
        if (merges.ExitCode != 0)
            return times;
        var inOneWalk = merges.StandardOutput.Trim().Length == 0 ? wanted.Where(IsAsGitNamesIt).ToHashSet(StringComparer.Ordinal) : [];
        if (inOneWalk.Count > 0)
        {
            // -z: one record per commit, "\u0001date\0\nname\0name\0...", with names as they are (not quoted).
            var log = await RunAsync(
                ["--literal-pathspecs", "log", "-z", "--relative", "--no-renames", "--name-only", "--format=%x01%cI", commit, "--", .. inOneWalk],
                cancellationToken);
            if (log.ExitCode != 0)
                return times;
            foreach (var record in log.StandardOutput.Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = record.Split('\0');
                if (!TryParseDate(fields[0], out var at))
                    continue;
                foreach (var name in fields.Skip(1))
                {
                    var path = name.StartsWith('\n') ? name[1..] : name;
                    if (inOneWalk.Contains(path))
                        times.TryAdd(path, at);
                }
            }
        }

        foreach (var path in wanted.Where(p => !inOneWalk.Contains(p)))
        {
            var result = await RunAsync(["--literal-pathspecs", "log", "-1", "--format=%cI", commit, "--", path], cancellationToken);
            if (result.ExitCode == 0 && TryParseDate(result.StandardOutput.Trim(), out var at))
                times[path] = at;
        }

        return times;
    }

    /// <summary>
    /// A path as git lists it in a log relative to the working folder (no "." or ".." parts, not absolute): only such a
    /// path is found by name in a log of several.
    /// </summary>
    private static bool IsAsGitNamesIt(string path) =>
        !Path.IsPathRooted(path) && !path.Contains('\\', StringComparison.Ordinal) && path.Split('/').All(part => part is not ("" or "." or ".."));

    private static bool TryParseDate(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at);

    private async Task<BufferedCommandResult> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await CliWrap.Cli.Wrap("git")
                .WithArguments(arguments)
                .WithWorkingDirectory(workingDirectory)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitException("git is not installed or not on the PATH; plan and apply need it to find the changed manifests.", e);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

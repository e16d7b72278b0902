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

    public async Task<DateTimeOffset?> LastChangedAsync(string commit, string path, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["log", "-1", "--format=%cI", commit, "--", path], cancellationToken);
        var text = result.StandardOutput.Trim();
        return result.ExitCode == 0 && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? at
            : null;
    }

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

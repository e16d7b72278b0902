using System.Diagnostics;

namespace Onboarding.Testing;

/// <summary>A real git repository in a temporary folder, for tests of what plan and apply read from git.</summary>
public sealed class TempGitRepository : IDisposable
{
    public TempGitRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "onboarding-tests-" + Guid.NewGuid().ToString("N")[..12]);
        // A new repository is a handful of files; written here rather than by git init and git config, because tests
        // make hundreds of repositories and each git process costs the test run processor time.
        var git = Path.Combine(Root, ".git");
        foreach (var folder in new[] { "objects", "refs/heads", "refs/tags" })
            Directory.CreateDirectory(Path.Combine(git, folder));
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(
            Path.Combine(git, "config"),
            "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n" +
            "[user]\n\temail = tests@example.org\n\tname = Onboarding Tests\n[commit]\n\tgpgsign = false\n");
    }

    public string Root { get; }

    public TempGitRepository Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public TempGitRepository Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        return this;
    }

    /// <summary>Commits everything and returns the commit id.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
        return Head();
    }

    /// <summary>The commit checked out: read from the repository's files where git keeps it (a fresh repository packs no refs).</summary>
    public string Head()
    {
        var head = File.ReadAllText(Path.Combine(Root, ".git", "HEAD")).Trim();
        if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            return head;
        var reference = Path.Combine(Root, ".git", head["ref: ".Length..]);
        return File.Exists(reference) ? File.ReadAllText(reference).Trim() : Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Commits everything as made <paramref name="at"/> (author and committer date) and returns the commit id.</summary>
    public string Commit(string message, DateTimeOffset at)
    {
        _date = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return Commit(message);
        }
        finally
        {
            _date = null;
        }
    }

    private string? _date;

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        if (_date is not null)
        {
            start.Environment["GIT_AUTHOR_DATE"] = _date;
            start.Environment["GIT_COMMITTER_DATE"] = _date;
        }

        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed may still hold a file open; the temporary folder is cleaned by the system later.
        }
    }
}

namespace Onboarding.Cli.Infrastructure;

public enum GitChangeKind
{
    Added,
    Modified,
    Deleted,
}

public sealed record GitChange(string Path, GitChangeKind Kind);

/// <summary>The git questions plan and apply ask, behind an interface so Core stays free of processes.</summary>
public interface IGitRepository
{
    /// <summary>The commit where <paramref name="baseRef"/> and <paramref name="head"/> diverged (what a pull request is compared with).</summary>
    Task<string> MergeBaseAsync(string baseRef, string head, CancellationToken cancellationToken = default);

    /// <summary>Files under <paramref name="directory"/> that differ between two commits; a rename is a delete and an add.</summary>
    Task<IReadOnlyList<GitChange>> ChangedFilesAsync(string from, string to, string directory, CancellationToken cancellationToken = default);

    /// <summary>A file's bytes at a commit, or null when it did not exist there.</summary>
    Task<byte[]?> ShowAsync(string commit, string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the last commit that changed each of <paramref name="paths"/>, up to <paramref name="commit"/>, was made (its
    /// committer date). A path git cannot date (never committed, or this is no repository) is absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LastChangedAsync(string commit, IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());
}

/// <summary>Git refused: an unknown ref, or not a repository. The message is a sentence for the user.</summary>
public sealed class GitException : Exception
{
    public GitException()
    {
    }

    public GitException(string message)
        : base(message)
    {
    }

    public GitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

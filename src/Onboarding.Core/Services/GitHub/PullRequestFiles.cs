namespace Onboarding.Core.Services.GitHub;

/// <summary>An open pull request of the manifests repository, as the live plan reads it: where its head is.</summary>
/// <param name="HeadSha">The commit its files are read at.</param>
/// <param name="HeadRepository">owner/name of the repository the head branch is in (a fork's differs from the base's).</param>
/// <param name="BaseRepository">owner/name of the repository it asks to merge into.</param>
public sealed record PullRequestHead(int Number, string HeadSha, string HeadRepository, string BaseRepository)
{
    public bool FromFork => !string.Equals(HeadRepository, BaseRepository, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One changed file of a pull request, as GitHub lists it (<c>GET /repos/{o}/{r}/pulls/{n}/files</c>).</summary>
/// <param name="Status">added, removed, modified, renamed, copied, changed or unchanged.</param>
/// <param name="PreviousPath">For a renamed file, its path before.</param>
public sealed record PullRequestFile(string Path, string Status, string? PreviousPath = null);

/// <summary>The changed files of a pull request; <paramref name="Complete"/> is false when GitHub lists only the first 3,000.</summary>
public sealed record PullRequestFiles(IReadOnlyList<PullRequestFile> Files, bool Complete)
{
    /// <summary>GitHub lists at most this many files of a pull request.</summary>
    public const int MaxListed = 3000;
}

/// <summary>
/// A file read at a commit through the contents API. <paramref name="Content"/> holds at most the bytes asked for;
/// <paramref name="Length"/> is the file's whole size. <paramref name="Kind"/>: file, or what stands at the path instead
/// (dir, symlink, submodule).
/// </summary>
public sealed record FileAtCommit(string Kind, byte[] Content, long Length);

using Octokit;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using PullRequestFile = Onboarding.Core.Services.GitHub.PullRequestFile;

namespace Onboarding.Services.GitHub;

/// <summary>
/// A pull request's changed files and their contents at its head, read as data (the live plan of a pull request: the
/// program never checks the pull request's code out).
/// </summary>
public sealed partial class GitHubClient
{
    /// <summary>Where pull request <paramref name="number"/>'s head is; a <see cref="ServiceException"/> when there is no such pull request.</summary>
    public Task<PullRequestHead> GetPullRequestHeadAsync(int number, CancellationToken cancellationToken = default) =>
        CallAsync($"read pull request #{number} in {Repo}", idempotent: true, async () =>
        {
            var pull = await _github.PullRequest.Get(_options.Owner, _options.Repository, number);
            return new PullRequestHead(number, pull.Head?.Sha ?? "", pull.Head?.Repository?.FullName ?? "", pull.Base?.Repository?.FullName ?? Repo);
        }, cancellationToken);

    /// <summary>Every changed file GitHub lists (at most <see cref="PullRequestFiles.MaxListed"/>, 100 a page).</summary>
    public Task<PullRequestFiles> ListPullRequestFilesAsync(int number, CancellationToken cancellationToken = default) =>
        CallAsync($"list the files of pull request #{number} in {Repo}", idempotent: true, async () =>
        {
            // GitHub stops at 3,000 files: a listing that long may have left some out.
            var options = new ApiOptions { PageSize = PageSize, PageCount = PullRequestFiles.MaxListed / PageSize, StartPage = 1 };
            var files = await _github.PullRequest.Files(_options.Owner, _options.Repository, number, options);
            return new PullRequestFiles(
                [.. files.Select(f => new PullRequestFile(f.FileName, f.Status, string.IsNullOrEmpty(f.PreviousFileName) ? null : f.PreviousFileName))],
                files.Count < PullRequestFiles.MaxListed);
        }, cancellationToken);

    /// <summary>
    /// The file at <paramref name="path"/> as of commit <paramref name="reference"/>, its content cut at
    /// <paramref name="maxBytes"/>; null when GitHub answers 404. A symbolic link GitHub follows to its target is told
    /// by the path of its answer, and comes back as a symlink with no content.
    /// </summary>
    public Task<FileAtCommit?> ReadFileAtAsync(string path, string reference, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return CallAsync($"read {path} at {reference[..Math.Min(12, reference.Length)]} in {Repo}", idempotent: true, async () =>
        {
            IReadOnlyList<RepositoryContent> entries;
            try
            {
                entries = await _github.Repository.Content.GetAllContentsByRef(_options.Owner, _options.Repository, path, reference);
            }
            catch (NotFoundException)
            {
                return null;
            }

            if (entries.Count != 1 || !string.Equals(entries[0].Path, path, StringComparison.Ordinal))
                return new FileAtCommit(entries.Count == 1 ? "symlink" : "dir", [], 0);
            var entry = entries[0];
            var kind = entry.Type.StringValue;
            if (entry.Type.Value != ContentType.File)
                return new FileAtCommit(kind, [], entry.Size);
            if (entry.Size > maxBytes)
                return new FileAtCommit(kind, [], entry.Size);
            if (!string.Equals(entry.Encoding, "base64", StringComparison.OrdinalIgnoreCase) || entry.EncodedContent is null)
                throw new ServiceException(ServiceName, "read a file", 200, $"Could not read {path} in {Repo}: GitHub gave its content as '{entry.Encoding}', not base64.");
            try
            {
                var bytes = Convert.FromBase64String(entry.EncodedContent);
                return new FileAtCommit(kind, bytes.Length > maxBytes ? bytes[..maxBytes] : bytes, bytes.LongLength);
            }
            catch (FormatException e)
            {
                throw new ServiceException(ServiceName, "read a file", 200, $"Could not read {path} in {Repo}: GitHub's answer did not hold valid base64 content.", e);
            }
        }, cancellationToken);
    }
}

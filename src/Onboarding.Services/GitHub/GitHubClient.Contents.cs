using Octokit;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Services.GitHub;

/// <summary><see cref="IRepositoryFiles"/>: a file of the repository through the contents API (base64 in JSON).</summary>
public sealed partial class GitHubClient
{
    public Task<byte[]?> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = path.Trim('/');
        return CallAsync($"read {path} in {Repo}", idempotent: true, async () =>
        {
            IReadOnlyList<RepositoryContent> entries;
            try
            {
                entries = await _github.Repository.Content.GetAllContents(_options.Owner, _options.Repository, path);
            }
            catch (NotFoundException)
            {
                return null;
            }

            // A folder answers with its entries; a file with itself, its content base64 in lines of 60.
            if (entries.Count != 1 || entries[0].Type.Value != ContentType.File || !string.Equals(entries[0].Path, path, StringComparison.Ordinal))
                return null;
            var file = entries[0];
            if (!string.Equals(file.Encoding, "base64", StringComparison.OrdinalIgnoreCase) || file.EncodedContent is null)
            {
                // GitHub leaves the content out ("encoding": "none") for a file over 1 MB.
                throw new ServiceException(ServiceName, "read a file", 200,
                    $"Could not read {path} in {Repo}: GitHub gave its content as '{file.Encoding}', not base64 (a file over 1 MB is given without its content).");
            }

            try
            {
                return (byte[]?)Convert.FromBase64String(file.EncodedContent);
            }
            catch (FormatException e)
            {
                throw new ServiceException(ServiceName, "read a file", 200, $"Could not read {path} in {Repo}: GitHub's answer did not hold valid base64 content.", e);
            }
        }, cancellationToken);
    }
}

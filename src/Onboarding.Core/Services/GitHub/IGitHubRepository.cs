namespace Onboarding.Core.Services.GitHub;

/// <summary>
/// The infrastructure repository itself (not its issues): what the token may do in it, its labels and its files, for
/// <c>doctor</c> (reads) and <c>setup</c> (creates missing labels).
/// </summary>
public interface IGitHubRepository
{
    /// <summary>The repository and the token's permissions in it; a repository the token cannot see is a <see cref="ServiceException"/> with status 404.</summary>
    Task<RepositoryAccess> ReadAccessAsync(CancellationToken cancellationToken = default);

    /// <summary>The names of every label of the repository (all pages).</summary>
    Task<IReadOnlyList<string>> ListLabelNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether a file exists at <paramref name="path"/> on the default branch.</summary>
    Task<bool> FileExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Creates a label; one that exists is a <see cref="ServiceException"/> (422).</summary>
    Task CreateLabelAsync(string name, string color, string? description, CancellationToken cancellationToken = default);
}

/// <param name="CanPush">The token may push (write): without it GitHub drops the labels it sets on issues.</param>
public sealed record RepositoryAccess(string FullName, bool CanPush);

namespace Onboarding.Core.Services.GitHub;

/// <summary>
/// Files of the one infrastructure repository (the repository is configured, not passed), read through GitHub's
/// contents API at its default branch. A failure other than "no such file" is a <see cref="ServiceException"/>.
/// </summary>
public interface IRepositoryFiles
{
    /// <summary>
    /// The bytes of the file at <paramref name="path"/> (from the repository's root); null when GitHub answers 404 (no
    /// such file, or a repository the token cannot see) or the path is a folder.
    /// </summary>
    Task<byte[]?> ReadFileAsync(string path, CancellationToken cancellationToken = default);
}

using Octokit;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;

namespace Onboarding.Services.GitHub;

/// <summary><see cref="IGitHubRepository"/>: the infrastructure repository itself, for doctor and setup.</summary>
public sealed partial class GitHubClient : IGitHubRepository
{
    public Task<RepositoryAccess> ReadAccessAsync(CancellationToken cancellationToken = default) =>
        CallAsync($"read {Repo}", idempotent: true, async () =>
        {
            var repository = await _github.Repository.Get(_options.Owner, _options.Repository);
            return new RepositoryAccess(repository.FullName, repository.Permissions?.Push == true);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListLabelNamesAsync(CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<string>>($"list the labels of {Repo}", idempotent: true, async () =>
        {
            var labels = await _github.Issue.Labels.GetAllForRepository(_options.Owner, _options.Repository, new ApiOptions { PageSize = PageSize });
            return [.. labels.Select(l => l.Name)];
        }, cancellationToken);

    public async Task<bool> FileExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return await CallAsync($"read {path} in {Repo}", idempotent: true, async () =>
            {
                var contents = await _github.Repository.Content.GetAllContents(_options.Owner, _options.Repository, path);
                return contents.Count > 0;
            }, cancellationToken);
        }
        catch (ServiceException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public Task CreateLabelAsync(string name, string color, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // Not repeated blindly: a label made by an attempt whose answer was lost is then "already_exists" (422), which setup takes as done.
        return CallAsync($"create the label {name} in {Repo}", idempotent: false,
            () => _github.Issue.Labels.Create(_options.Owner, _options.Repository, new NewLabel(name, color) { Description = description }), cancellationToken);
    }
}

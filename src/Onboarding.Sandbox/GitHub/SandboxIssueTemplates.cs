using System.Text;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// The issue templates in the sandbox's infrastructure repository (<c>.github/ISSUE_TEMPLATE/</c>): the samples
/// (<see cref="SampleTemplates"/>) when it is seeded, or an organisation's own put in their place, so its real templates
/// can be tried on a laptop without copying them anywhere.
/// </summary>
public static class SandboxIssueTemplates
{
    /// <summary>The sample templates as files of the repository.</summary>
    public static IReadOnlyList<GitHubFileSeed> SampleFiles { get; } =
        [.. SampleTemplates.FileNames.Select(n => new GitHubFileSeed($"{SampleTemplates.Folder}/{n}", Encoding.UTF8.GetString(SampleTemplates.Content(n))))];

    /// <summary>
    /// Replaces every file in the default branch's <c>.github/ISSUE_TEMPLATE/</c> of <paramref name="ownerAndName"/> with
    /// <paramref name="files"/>, as one commit would.
    /// </summary>
    /// <exception cref="ArgumentException">The store has no such repository, or a file name is not a plain name.</exception>
    public static void ReplaceIssueTemplates(this GitHubStore store, string ownerAndName, IReadOnlyList<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Any(f => f.Name.Length == 0 || f.Name.Contains('/', StringComparison.Ordinal) || f.Name.Contains('\\', StringComparison.Ordinal) || f.Name is "." or ".."))
            throw new ArgumentException("A template is a file name, without folders.", nameof(files));
        store.Change(state =>
        {
            var repo = state.Repositories.FirstOrDefault(r => string.Equals($"{r.Owner}/{r.Name}", ownerAndName, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"The sandbox has no repository {ownerAndName}.", nameof(ownerAndName));
            var prefix = SampleTemplates.Folder + "/";
            repo.Files.RemoveAll(f => f.Branch == repo.DefaultBranch && f.Path.StartsWith(prefix, StringComparison.Ordinal));
            foreach (var (name, text) in files)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                repo.Files.Add(new GitHubFileState { Branch = repo.DefaultBranch, Path = prefix + name, Content = Convert.ToBase64String(bytes), Sha = GitHubJson.BlobSha(bytes) });
            }

            var branch = repo.Branches.First(b => b.Name == repo.DefaultBranch);
            branch.HeadSha = GitHubStore.NextCommitSha(state, repo);
            repo.PushedAt = store.Time.GetUtcNow();
        });
    }
}

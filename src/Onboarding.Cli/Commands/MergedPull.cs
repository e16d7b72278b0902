using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Apply;
using Onboarding.Core.Services.GitHub;
using Onboarding.Services;
using Onboarding.Services.GitHub;

namespace Onboarding.Cli.Commands;

/// <summary>
/// The manifests repository of the workflow (GITHUB_REPOSITORY, with its own GITHUB_TOKEN) and the pull request merged
/// as the commit apply runs for, looked up once however many questions apply asks of it (its label, its plan comment,
/// where the outcome goes).
/// </summary>
internal sealed class MergedPull : IDisposable
{
    private Task<MergedPullRequest?>? _found;

    private MergedPull(GitHubClient client, string repository, string commit)
    {
        Client = client;
        Repository = repository;
        Commit = commit;
    }

    public GitHubClient Client { get; }

    /// <summary>owner/name.</summary>
    public string Repository { get; }

    /// <summary>The commit apply runs for (the push's last, or the merge commit).</summary>
    public string Commit { get; }

    public string ShortCommit => Commit[..Math.Min(12, Commit.Length)];

    /// <summary>Null when the trigger names no commit or the workflow gave no token or repository.</summary>
    public static MergedPull? Open(CliContext context, ApplyTrigger trigger)
    {
        var commit = trigger.To;
        var token = context.Environment.Get(ServiceAccess.GitHubTokenVariable);
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        if (string.IsNullOrEmpty(commit) || commit == "HEAD" || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(repository))
            return null;
        return new MergedPull(WorkflowGitHub.Client(context, repository, token), repository, commit);
    }

    /// <summary>The merged pull request, or null for a direct push; asked of GitHub once.</summary>
    public Task<MergedPullRequest?> FindAsync(CancellationToken cancellationToken) =>
        _found ??= Client.FindMergedPullRequestAsync(Commit, cancellationToken);

    public void Dispose() => Client.Dispose();
}

using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Services.GitHub;
using Onboarding.Services;
using Onboarding.Services.GitHub;

namespace Onboarding.Cli.Commands;

/// <summary>The repository a workflow runs in, on the GitHub the runner names (GITHUB_API_URL; api.github.com when unset).</summary>
internal static class WorkflowGitHub
{
    /// <param name="repository">owner/name, as GITHUB_REPOSITORY gives it.</param>
    public static GitHubClient Client(CliContext context, string repository, string token)
    {
        var api = context.Environment.Get("GITHUB_API_URL") is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : new Uri("https://api.github.com/");
        var (owner, name) = ServiceConnections.SplitRepository(repository);
        return new GitHubClient(new GitHubClientOptions(GitHubClientOptions.DefaultEndpoint(api), owner, name, token), context.Clock);
    }

    /// <summary>
    /// One comment per marker on an issue or pull request: written the first time, edited when its body changes. Only a
    /// comment the token's own account wrote is onboarding's; one with the marker by anyone else is left alone, and a
    /// sentence for each is returned (a warning for the run's log).
    /// </summary>
    /// <param name="keep">Given the body of onboarding's comment as it is, true to leave it as it is.</param>
    public static async Task<IReadOnlyList<string>> KeepCommentAsync(
        GitHubClient client, int number, string marker, string body, CancellationToken cancellationToken, Func<string, bool>? keep = null)
    {
        var own = await client.GetOwnLoginAsync(cancellationToken);
        var marked = (await client.ListCommentsAsync(number, cancellationToken)).Where(c => c.Body.Contains(marker, StringComparison.Ordinal)).ToList();
        var existing = marked.FirstOrDefault(c => Authorship.IsOwn(c.Author, own));
        if (existing is null)
            await client.CreateCommentAsync(number, body, cancellationToken);
        else if (existing.Body != body && keep?.Invoke(existing.Body) != true)
            await client.UpdateCommentAsync(existing.Id, body, cancellationToken);
        return [.. marked.Where(c => !Authorship.IsOwn(c.Author, own)).Select(c => Authorship.Ignored($"A comment on #{number} ({c.HtmlUrl})", "written", c.Author, own))];
    }
}

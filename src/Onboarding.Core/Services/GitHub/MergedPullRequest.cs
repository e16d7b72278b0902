namespace Onboarding.Core.Services.GitHub;

/// <summary>A merged pull request of the manifests repository, with its labels as they are now.</summary>
public sealed record MergedPullRequest(int Number, IReadOnlyList<string> Labels, Uri HtmlUrl);

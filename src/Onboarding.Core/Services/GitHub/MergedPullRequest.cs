namespace Onboarding.Core.Services.GitHub;

/// <summary>A merged pull request of the manifests repository, with its labels as they are now.</summary>
public sealed record MergedPullRequest(int Number, IReadOnlyList<string> Labels, Uri HtmlUrl)
{
    /// <summary>The login of the account that opened it (<c>user.login</c>); empty when not known.</summary>
    public string Author { get; init; } = "";

    /// <summary>The issue it was made from by <c>from-issue</c> (its branch <c>onboarding/issue-N</c> in this repository, not a fork); null otherwise.</summary>
    public int? FromIssue { get; init; }
}

/// <summary>A label added to (<paramref name="Added"/>) or removed from an issue or pull request, by <paramref name="Actor"/> (a login).</summary>
public sealed record LabelEvent(bool Added, string Label, string Actor, DateTimeOffset At);

/// <summary>
/// What an account may do in a repository, as GitHub answers it: <paramref name="Permission"/> is admin, write, read or
/// none (maintain counts as write, triage as read); <paramref name="Role"/> is the role's own name (admin, maintain,
/// write, triage, read, or a custom role).
/// </summary>
public sealed record CollaboratorAccess(string Login, string Permission, string Role)
{
    /// <summary>Write, maintain or admin: may merge, so may approve.</summary>
    public bool MayWrite =>
        Permission is "admin" or "write" || Role is "admin" or "maintain" or "write";
}

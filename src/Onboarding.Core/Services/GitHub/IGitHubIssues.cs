namespace Onboarding.Core.Services.GitHub;

/// <summary>
/// The issues of the one infrastructure repository onboarding works in (the repository is configured, not passed).
/// Every failure the caller cannot fix by retrying is a <see cref="ServiceException"/> with a plain sentence.
/// </summary>
/// <remarks>
/// Issues the program opens carry a hidden marker (an HTML comment) in their body. GitHub's search index lags writes
/// by seconds to minutes, so <see cref="SearchIssuesByMarkerAsync"/> may miss an issue made moments ago; apply uses
/// <see cref="FindIssuesByMarkerAsync"/> (every issue with a label, read directly) when it must not miss one.
/// Pull requests are never returned as issues.
/// <para>Anyone who can comment can write any text, hidden markers included, so a marker proves nothing about who wrote
/// it: the lookups by marker return only what the token's own account (<see cref="GetOwnLoginAsync"/>) wrote, and
/// callers that read markers from a listing check <see cref="IssueRef.Author"/> the same way (<see cref="Authorship"/>).</para>
/// </remarks>
public interface IGitHubIssues
{
    /// <summary>Every issue (open and closed, all pages) that has <paramref name="label"/>.</summary>
    Task<IReadOnlyList<IssueRef>> ListIssuesByLabelAsync(string label, CancellationToken cancellationToken = default);

    /// <summary>
    /// The login of the account the token acts as: a user's login, or an app's bot (<c>&lt;slug&gt;[bot]</c>, also
    /// <c>github-actions[bot]</c> for a workflow's own token). Everything onboarding writes has this author.
    /// </summary>
    Task<string> GetOwnLoginAsync(CancellationToken cancellationToken = default);

    /// <summary>Issues with <paramref name="label"/> whose body contains <paramref name="marker"/>, opened by the token's own account; reads the issues directly, so it never lags.</summary>
    Task<IReadOnlyList<IssueRef>> FindIssuesByMarkerAsync(string marker, string label, CancellationToken cancellationToken = default);

    /// <summary>Issues whose body contains <paramref name="marker"/>, opened by the token's own account, through GitHub's search: one request, but blind to changes newer than the index.</summary>
    Task<IReadOnlyList<IssueRef>> SearchIssuesByMarkerAsync(string marker, CancellationToken cancellationToken = default);

    Task<IssueRef> GetIssueAsync(int number, CancellationToken cancellationToken = default);

    /// <summary>Opens an issue. Not retried after a server error (it may exist): on a <see cref="ServiceException"/>, look it up by marker before trying again.</summary>
    Task<IssueRef> CreateIssueAsync(NewIssue issue, CancellationToken cancellationToken = default);

    /// <summary>Changes what <paramref name="change"/> sets; null members stay as they are.</summary>
    Task<IssueRef> UpdateIssueAsync(int number, IssueChange change, CancellationToken cancellationToken = default);

    /// <summary>Every comment of an issue or pull request, oldest first.</summary>
    Task<IReadOnlyList<CommentRef>> ListCommentsAsync(int number, CancellationToken cancellationToken = default);

    /// <summary>Every comment on every issue and pull request of the repository (100 a page, oldest first); with
    /// <paramref name="since"/>, only those updated since then.</summary>
    Task<IReadOnlyList<CommentRef>> ListRepositoryCommentsAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default);

    Task<CommentRef> CreateCommentAsync(int number, string body, CancellationToken cancellationToken = default);

    Task<CommentRef> UpdateCommentAsync(long commentId, string body, CancellationToken cancellationToken = default);

    /// <summary>The first comment on the issue or pull request written by the token's own account whose body contains <paramref name="marker"/>, or null.</summary>
    Task<CommentRef?> FindCommentByMarkerAsync(int number, string marker, CancellationToken cancellationToken = default);
}

/// <summary>An issue as onboarding sees it. <paramref name="State"/> is "open" or "closed".</summary>
public sealed record IssueRef(int Number, string Title, string Body, string State, IReadOnlyList<string> Labels, Uri HtmlUrl)
{
    /// <summary>GitHub's node id (what GraphQL, and so a project, names the issue by); null when not known.</summary>
    public string? NodeId { get; init; }

    /// <summary>The login of the account that opened the issue (<c>user.login</c>); empty when not known.</summary>
    public string Author { get; init; } = "";

    /// <summary>The logins the issue is assigned to.</summary>
    public IReadOnlyList<string> Assignees { get; init; } = [];
}

public sealed record NewIssue(string Title, string Body, IReadOnlyList<string> Labels)
{
    /// <summary>Logins to assign; one GitHub cannot assign is left off (the issue opens without it), so compare with the answer's <see cref="IssueRef.Assignees"/>.</summary>
    public IReadOnlyList<string> Assignees { get; init; } = [];
}

/// <summary>What to change on an issue; null leaves a field as it is. <see cref="Labels"/> replaces the whole set.</summary>
public sealed record IssueChange(string? Title = null, string? Body = null, IssueState? State = null, IReadOnlyList<string>? Labels = null);

public enum IssueState
{
    Open,
    Closed,
}

public sealed record CommentRef(long Id, int IssueNumber, string Body, string Author, Uri HtmlUrl);

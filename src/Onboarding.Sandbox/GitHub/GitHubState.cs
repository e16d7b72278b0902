namespace Onboarding.Sandbox.GitHub;

/// <summary>The whole state of the GitHub emulator: a plain object graph that System.Text.Json writes and reads back.</summary>
public sealed class GitHubState
{
    /// <summary>Next id for users, repositories, issues, comments and labels (one sequence, like GitHub's database ids).</summary>
    public long NextId { get; set; } = 1001;

    /// <summary>Counts commits, so every commit sha differs.</summary>
    public long CommitCounter { get; set; }

    public List<GitHubUserState> Users { get; set; } = [];

    public List<GitHubTokenState> Tokens { get; set; } = [];

    public List<GitHubRepositoryState> Repositories { get; set; } = [];

    /// <summary>Organisations' projects (the current kind), reached through GraphQL.</summary>
    public List<GitHubProjectState> Projects { get; set; } = [];
}

public sealed class GitHubUserState
{
    public long Id { get; set; }

    public string Login { get; set; } = "";

    /// <summary>"User" or "Organization".</summary>
    public string Type { get; set; } = "User";
}

public sealed class GitHubTokenState
{
    public string Token { get; set; } = "";

    public string Login { get; set; } = "";

    public bool CanWrite { get; set; } = true;

    public bool CanPush { get; set; } = true;

    public GitHubProjectAccess ProjectAccess { get; set; } = GitHubProjectAccess.Write;
}

public sealed class GitHubRepositoryState
{
    public long Id { get; set; }

    public string Owner { get; set; } = "";

    public string Name { get; set; } = "";

    public bool Private { get; set; }

    public string DefaultBranch { get; set; } = "main";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset PushedAt { get; set; }

    /// <summary>Issues and pull requests share one number sequence.</summary>
    public int NextNumber { get; set; } = 1;

    public List<GitHubBranchState> Branches { get; set; } = [];

    public List<GitHubLabelState> Labels { get; set; } = [];

    public List<GitHubIssueState> Issues { get; set; } = [];

    public List<GitHubCommentState> Comments { get; set; } = [];

    public List<GitHubFileState> Files { get; set; } = [];

    /// <summary>Accounts given a role in the repository (besides its owner, who is admin).</summary>
    public List<GitHubCollaboratorState> Collaborators { get; set; } = [];

    /// <summary>Commit statuses, oldest first.</summary>
    public List<GitHubStatusState> Statuses { get; set; } = [];
}

public sealed class GitHubStatusState
{
    public long Id { get; set; }

    public string Sha { get; set; } = "";

    /// <summary>error, failure, pending or success.</summary>
    public string State { get; set; } = "";

    public string? Description { get; set; }

    public string? TargetUrl { get; set; }

    public string Context { get; set; } = "default";

    public string Creator { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class GitHubCollaboratorState
{
    public string Login { get; set; } = "";

    /// <summary>admin, maintain, write, triage or read.</summary>
    public string Role { get; set; } = "write";
}

public sealed class GitHubBranchState
{
    public string Name { get; set; } = "";

    public string HeadSha { get; set; } = "";
}

public sealed class GitHubLabelState
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string Color { get; set; } = "ededed";

    public string? Description { get; set; }

    public bool Default { get; set; }
}

/// <summary>An issue, or a pull request (then <see cref="PullRequest"/> is set): GitHub treats every pull request as an issue too.</summary>
public sealed class GitHubIssueState
{
    public long Id { get; set; }

    public int Number { get; set; }

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    public string State { get; set; } = "open";

    public string? StateReason { get; set; }

    public List<string> Labels { get; set; } = [];

    /// <summary>The logins it is assigned to.</summary>
    public List<string> Assignees { get; set; } = [];

    public string Author { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public bool Locked { get; set; }

    public GitHubPullRequestState? PullRequest { get; set; }

    /// <summary>What happened to the issue's labels, oldest first (served as its events).</summary>
    public List<GitHubIssueEventState> Events { get; set; } = [];

    /// <summary>What the search index holds, newest last; a version counts from its <see cref="GitHubSearchVersion.VisibleAt"/>.</summary>
    public List<GitHubSearchVersion> SearchIndex { get; set; } = [];
}

/// <summary>A label added to (<c>labeled</c>) or removed from (<c>unlabeled</c>) an issue or pull request, and by whom.</summary>
public sealed class GitHubIssueEventState
{
    public long Id { get; set; }

    public string Event { get; set; } = "labeled";

    public string Actor { get; set; } = "";

    public string Label { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class GitHubSearchVersion
{
    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public string State { get; set; } = "open";

    public List<string> Labels { get; set; } = [];

    public DateTimeOffset VisibleAt { get; set; }
}

public sealed class GitHubPullRequestState
{
    public long Id { get; set; }

    public string HeadRef { get; set; } = "";

    public string HeadSha { get; set; } = "";

    /// <summary>The fork the head branch is in (owner/name); null when it is a branch of the repository itself.</summary>
    public string? HeadRepository { get; set; }

    public string BaseRef { get; set; } = "main";

    public string BaseSha { get; set; } = "";

    public bool Merged { get; set; }

    public DateTimeOffset? MergedAt { get; set; }

    public string? MergedBy { get; set; }

    public string? MergeCommitSha { get; set; }

    public List<GitHubPullFileState> Files { get; set; } = [];

    /// <summary>Reviews, oldest first.</summary>
    public List<GitHubReviewState> Reviews { get; set; } = [];
}

/// <summary>A review of a pull request: who gave it, on which commit, and what it says.</summary>
public sealed class GitHubReviewState
{
    public long Id { get; set; }

    public string Reviewer { get; set; } = "";

    /// <summary>APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING.</summary>
    public string State { get; set; } = "PENDING";

    public string Body { get; set; } = "";

    public string CommitId { get; set; } = "";

    /// <summary>Null while pending.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
}

public sealed class GitHubPullFileState
{
    public string Filename { get; set; } = "";

    public string Status { get; set; } = "modified";

    public int Additions { get; set; }

    public int Deletions { get; set; }

    public string? Patch { get; set; }

    public string? PreviousFilename { get; set; }

    public string Sha { get; set; } = "";
}

public sealed class GitHubCommentState
{
    public long Id { get; set; }

    public int IssueNumber { get; set; }

    public string Body { get; set; } = "";

    public string Author { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class GitHubFileState
{
    public string Branch { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>The file's bytes, base64 (no line breaks).</summary>
    public string Content { get; set; } = "";

    /// <summary>Git blob sha of the content.</summary>
    public string Sha { get; set; } = "";
}

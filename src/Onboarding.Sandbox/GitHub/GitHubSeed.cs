namespace Onboarding.Sandbox.GitHub;

/// <summary>What the GitHub emulator starts with. <c>new GitHubSeed()</c> gives one infrastructure repository with the turnup labels and one token.</summary>
public sealed record GitHubSeed
{
    public IReadOnlyList<GitHubRepositorySeed> Repositories { get; init; } = [new GitHubRepositorySeed()];

    public IReadOnlyList<GitHubTokenSeed> Tokens { get; init; } =
    [
        new GitHubTokenSeed(DefaultToken, "onboarding-bot"),
        new GitHubTokenSeed(NoProjectToken, "onboarding-bot") { ProjectAccess = GitHubProjectAccess.None },
        new GitHubTokenSeed(NoPushToken, "outside-collaborator") { CanPush = false },
    ];

    /// <summary>The organisations' projects; by default the team's board, example-org project 1.</summary>
    public IReadOnlyList<GitHubProjectSeed> Projects { get; init; } = [new GitHubProjectSeed()];

    /// <summary>Primary ("core") budget per token per window; GitHub gives a personal token 5,000 an hour.</summary>
    public int RateLimit { get; init; } = 5000;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Requests without a token share a budget per client address (60 an hour on GitHub).</summary>
    public int AnonymousRateLimit { get; init; } = 60;

    /// <summary>The search API has its own budget: 30 requests a minute for a token.</summary>
    public int SearchRateLimit { get; init; } = 30;

    public TimeSpan SearchRateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// GitHub answers an exhausted primary budget with 403 (sometimes 429), <c>X-RateLimit-Remaining: 0</c> and the reset time.
    /// </summary>
    public int PrimaryRateLimitStatus { get; init; } = 403;

    /// <summary>
    /// GitHub's secondary limits on content-creating requests (issues, comments, pull requests) per user: at most this
    /// many a minute and <see cref="ContentCreationPerHour"/> an hour; over either, 403 "secondary rate limit".
    /// </summary>
    public int ContentCreationPerMinute { get; init; } = 80;

    public int ContentCreationPerHour { get; init; } = 500;

    /// <summary>How long a created or edited issue takes to show up (as it now is) in <c>GET /search/issues</c>.</summary>
    public TimeSpan SearchIndexLag { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The token the sandbox hands to the program by default.</summary>
    public const string DefaultToken = "ghp_sandboxOnboardingToken000000000000";

    /// <summary>A token of the same user that may write issues but has no access to projects (no <c>read:project</c> scope).</summary>
    public const string NoProjectToken = "ghp_sandboxNoProjectToken0000000000000";

    /// <summary>A token of a user who may open issues and comment but has no push access: GitHub drops the labels it sets.</summary>
    public const string NoPushToken = "ghp_sandboxNoPushToken000000000000000000";
}

/// <summary>A token and the user it authenticates. A token without <see cref="CanWrite"/> gets 403 on every write, like a read-only fine-grained token.</summary>
public sealed record GitHubTokenSeed(string Token, string Login, bool CanWrite = true)
{
    /// <summary>
    /// Push (write) access to the repositories. Without it, GitHub still opens issues and comments (201) but silently
    /// drops the labels of a new issue or a PATCH, and refuses the label endpoints.
    /// </summary>
    public bool CanPush { get; init; } = true;

    public GitHubProjectAccess ProjectAccess { get; init; } = GitHubProjectAccess.Write;
}

public sealed record GitHubRepositorySeed
{
    public string Owner { get; init; } = "example-org";

    public string Name { get; init; } = "infrastructure";

    /// <summary>A private repository answers 404 to requests without a token; a public one can be read without one.</summary>
    public bool Private { get; init; }

    public string DefaultBranch { get; init; } = "main";

    public IReadOnlyList<GitHubLabelSeed> Labels { get; init; } = DefaultLabels;

    public IReadOnlyList<GitHubIssueSeed> Issues { get; init; } = [];

    public IReadOnlyList<GitHubPullRequestSeed> PullRequests { get; init; } = [];

    public IReadOnlyList<GitHubFileSeed> Files { get; init; } = [];

    /// <summary>
    /// Accounts with a role in the repository (its owner is admin, and a token's account with push access has write).
    /// By default the BD team's lead maintains it, so a label that lead adds approves a pull request.
    /// </summary>
    public IReadOnlyList<GitHubCollaboratorSeed> Collaborators { get; init; } = [new GitHubCollaboratorSeed(GitHubPullRequestSeed.DefaultLabeller, "maintain")];

    public static IReadOnlyList<GitHubLabelSeed> DefaultLabels { get; } =
    [
        new("new-hub", "0e8a16", "New Hub Turnup"),
        new("onboarding", "1d76db", "Opened by community onboarding"),
        new("phase-0", "c5def5", "Sync chat to refine phases"),
        new("phase-1", "bfd4f2", "Cloud account setup"),
        new("phase-2", "d4c5f9", "Cluster setup"),
        new("phase-3", "f9d0c4", "Hub setup"),
        new("bug", "d73a4a", "Something isn't working", Default: true),
        new("enhancement", "a2eeef", "New feature or request", Default: true),
    ];
}

public sealed record GitHubLabelSeed(string Name, string Color = "ededed", string? Description = null, bool Default = false);

public sealed record GitHubIssueSeed(string Title, string? Body = null)
{
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>"open" or "closed".</summary>
    public string State { get; init; } = "open";

    public string Author { get; init; } = "onboarding-bot";

    public IReadOnlyList<string> Comments { get; init; } = [];
}

public sealed record GitHubPullRequestSeed(string Title, string? Body = null)
{
    public string HeadRef { get; init; } = "update-community";

    public string BaseRef { get; init; } = "main";

    /// <summary>The fork the head branch is in (owner/name); null for a branch of the repository itself.</summary>
    public string? HeadRepository { get; init; }

    public string State { get; init; } = "open";

    public bool Merged { get; init; }

    /// <summary>The commit the merge made on the base branch (a merged pull request's <c>merge_commit_sha</c>); made up when not given.</summary>
    public string? MergeCommitSha { get; init; }

    public string Author { get; init; } = "bd-colleague";

    /// <summary>Labels it carries, each added by <see cref="LabelledBy"/> when it was opened (its labeled events say so).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public string LabelledBy { get; init; } = DefaultLabeller;

    /// <summary>Later label changes, in order, after <see cref="Labels"/>: each adds or removes a label as its actor.</summary>
    public IReadOnlyList<GitHubLabelEventSeed> LabelEvents { get; init; } = [];

    /// <summary>Who labels pull requests unless told otherwise: the BD team's lead, a maintainer of the repository.</summary>
    public const string DefaultLabeller = "bd-lead";

    public IReadOnlyList<GitHubPullFileSeed> Files { get; init; } = [];

    public IReadOnlyList<string> Comments { get; init; } = [];
}

/// <summary>An account's role in a repository: admin, maintain, write, triage or read.</summary>
public sealed record GitHubCollaboratorSeed(string Login, string Role);

/// <summary><paramref name="Actor"/> adds <paramref name="Label"/> to the pull request, or removes it (<paramref name="Added"/> false).</summary>
public sealed record GitHubLabelEventSeed(string Label, string Actor, bool Added = true);

/// <summary>One changed file of a pull request. <paramref name="Status"/>: added, removed, modified, renamed, copied, changed, unchanged.</summary>
public sealed record GitHubPullFileSeed(
    string Filename,
    string Status = "modified",
    int Additions = 1,
    int Deletions = 0,
    string? Patch = null,
    string? PreviousFilename = null);

/// <summary>A file in the repository; <paramref name="Branch"/> defaults to the default branch.</summary>
public sealed record GitHubFileSeed(string Path, string Content, string? Branch = null);

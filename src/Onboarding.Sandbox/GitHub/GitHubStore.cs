using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.GitHub;

/// <summary>Who is calling: a token's user, or nobody (no Authorization header).</summary>
public sealed record GitHubCaller(string? Login, bool CanWrite)
{
    public static GitHubCaller Anonymous { get; } = new(null, false) { ProjectAccess = GitHubProjectAccess.None };

    public GitHubProjectAccess ProjectAccess { get; init; } = GitHubProjectAccess.Write;

    /// <summary>Push (write) access to the repositories; without it GitHub opens issues and comments but silently drops labels.</summary>
    public bool CanPush { get; init; } = true;

    /// <summary>The token's scopes as GitHub lists them (<c>X-OAuth-Scopes</c>).</summary>
    public IReadOnlyList<string> Scopes =>
        [.. CanWrite ? ["repo"] : Array.Empty<string>(), .. ProjectAccess switch { GitHubProjectAccess.Write => ["project"], GitHubProjectAccess.Read => ["read:project"], _ => Array.Empty<string>() }];
}

/// <summary>
/// The GitHub emulator's state (<see cref="GitHubState"/>) behind one lock, how it is built from the seed, and what its
/// resource stores share: finding a repository or issue, rendering one, reading request fields, the search index. The
/// stores are <see cref="GitHubIssues"/>, <see cref="GitHubComments"/>, <see cref="GitHubLabels"/>,
/// <see cref="GitHubSearch"/>, <see cref="GitHubPulls"/> and <see cref="GitHubContents"/>.
/// </summary>
public sealed class GitHubStore : ServiceStore<GitHubState>
{
    public const int MaxBodyLength = 65536;

    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };

    /// <param name="state">What <see cref="ImportJson"/> read; null builds the state from the seed.</param>
    public GitHubStore(GitHubSeed? seed = null, TimeProvider? time = null, GitHubState? state = null)
        : this(time ?? TimeProvider.System, seed ?? new GitHubSeed(), state)
    {
    }

    private GitHubStore(TimeProvider time, GitHubSeed seed, GitHubState? state)
        : base(state is null ? Build(seed, time.GetUtcNow()) : Adopt(seed, state), time, StateJson)
    {
        Seed = seed;
        SearchIndexLag = seed.SearchIndexLag;
    }

    public GitHubSeed Seed { get; }

    /// <summary>Index lag applied to every create and edit; tests may change it.</summary>
    public TimeSpan SearchIndexLag { get; set; }

    /// <summary>Reads what <see cref="ServiceStore{TState}.ExportJson"/> wrote; pass the result to the store or emulator constructor.</summary>
    /// <exception cref="JsonException">The text is not a saved GitHub state.</exception>
    public static GitHubState ImportJson(string json) =>
        JsonSerializer.Deserialize<GitHubState>(json, StateJson) ?? throw new JsonException("The GitHub state is empty.");

    public GitHubTokenState? Authenticate(string token) => Read(state =>
    {
        var found = state.Tokens.FirstOrDefault(t => string.Equals(t.Token, token, StringComparison.Ordinal));
        return found is null ? null : new GitHubTokenState { Token = found.Token, Login = found.Login, CanWrite = found.CanWrite, CanPush = found.CanPush, ProjectAccess = found.ProjectAccess };
    });

    // ---------------------------------------------------------------- shared by the resource stores (under the lock)

    /// <summary>The index takes the issue as it is now, visible after the lag.</summary>
    internal void Index(GitHubIssueState issue, DateTimeOffset at) => Index(issue, at, SearchIndexLag);

    internal GitHubUserState UserOf(string login) =>
        State.Users.FirstOrDefault(u => string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase))
        // From the login by a fixed digest, so that the id stays the same after the sandbox restarts, as a GitHub user's
        // does (string.GetHashCode differs from process to process).
        ?? new GitHubUserState { Id = 90000 + (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(login.ToUpperInvariant()))) % 10000), Login = login };

    internal string Association(GitHubRepositoryState repo, string login)
    {
        if (string.Equals(repo.Owner, login, StringComparison.OrdinalIgnoreCase))
            return "OWNER";
        return State.Tokens.Any(t => t.CanWrite && string.Equals(t.Login, login, StringComparison.OrdinalIgnoreCase)) ? "MEMBER" : "NONE";
    }

    internal GitHubRepositoryState Repo(GitHubCaller caller, string owner, string name)
    {
        var repo = State.Repositories.FirstOrDefault(r =>
            string.Equals(r.Owner, owner, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        if (repo is null || (repo.Private && caller.Login is null))
            throw GitHubProblem.NotFound();
        return repo;
    }

    internal static GitHubIssueState IssueIn(GitHubRepositoryState repo, int number) =>
        repo.Issues.FirstOrDefault(i => i.Number == number) ?? throw GitHubProblem.NotFound();

    internal JsonObject RenderIssue(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue) =>
        GitHubJson.Issue(urls, repo, issue, UserOf, Association(repo, issue.Author));

    internal JsonObject RenderComment(GitHubUrls urls, GitHubRepositoryState repo, GitHubCommentState comment) =>
        GitHubJson.Comment(urls, repo, IssueIn(repo, comment.IssueNumber), comment, UserOf, Association(repo, comment.Author));

    internal static EmulatorResponse Page<T>(IReadOnlyList<T> all, int page, int perPage, Func<T, JsonNode> render)
    {
        var items = new JsonArray();
        foreach (var item in all.Skip((page - 1) * perPage).Take(perPage))
            items.Add(render(item));
        return new EmulatorResponse(200, items) { Page = new ListPage(page, perPage, all.Count) };
    }

    internal static string? ReadString(JsonObject body, string name, string resource)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
            return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
            return text;
        if (node is JsonValue number && number.TryGetValue<long>(out var n))
            return n.ToString(CultureInfo.InvariantCulture);
        throw GitHubProblem.Invalid((resource, name, "invalid", null));
    }

    internal static List<string>? ReadLabels(JsonNode? node, string resource)
    {
        if (node is null)
            return null;
        if (node is not JsonArray array)
            throw GitHubProblem.Invalid((resource, "labels", "invalid", null));
        var names = new List<string>();
        foreach (var item in array)
        {
            var name = item switch
            {
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                JsonObject obj when obj["name"] is JsonValue v && v.TryGetValue<string>(out var text) => text,
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(name))
                throw GitHubProblem.Invalid(("Label", "name", "missing_field", null));
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                names.Add(name.Trim());
        }

        return names;
    }

    internal static void CheckBody(string? body, string resource)
    {
        if (body is { Length: > MaxBodyLength })
            throw GitHubProblem.Invalid((resource, "body", "custom", $"body is too long (maximum is {MaxBodyLength} characters)"));
    }

    /// <summary>Label names as the repository spells them.</summary>
    internal static List<string> Canonical(GitHubRepositoryState repo, IEnumerable<string> names) =>
        [.. names.Select(n => repo.Labels.First(l => string.Equals(l.Name, n, StringComparison.OrdinalIgnoreCase)).Name)];

    // ---------------------------------------------------------------- the state a seed describes

    // Tokens are configuration, not data: a kept state answers to the tokens the seed (and the printed endpoints) give.
    private static GitHubState Adopt(GitHubSeed seed, GitHubState state)
    {
        state.Tokens.Clear();
        foreach (var token in seed.Tokens)
        {
            state.Tokens.Add(new GitHubTokenState { Token = token.Token, Login = token.Login, CanWrite = token.CanWrite, CanPush = token.CanPush, ProjectAccess = token.ProjectAccess });
            EnsureUser(state, token.Login, "User");
        }

        return state;
    }

    private static GitHubState Build(GitHubSeed seed, DateTimeOffset now)
    {
        var state = new GitHubState();
        foreach (var token in seed.Tokens)
        {
            state.Tokens.Add(new GitHubTokenState { Token = token.Token, Login = token.Login, CanWrite = token.CanWrite, CanPush = token.CanPush, ProjectAccess = token.ProjectAccess });
            EnsureUser(state, token.Login, "User");
        }

        var created = now.AddDays(-30);
        foreach (var projectSeed in seed.Projects)
        {
            EnsureUser(state, projectSeed.Owner, "Organization");
            state.Projects.Add(GitHubGraphQL.NewProject(state, projectSeed, created, DateOnly.FromDateTime(now.UtcDateTime)));
        }

        foreach (var repoSeed in seed.Repositories)
        {
            EnsureUser(state, repoSeed.Owner, "Organization");
            var repo = new GitHubRepositoryState
            {
                Id = state.NextId++,
                Owner = repoSeed.Owner,
                Name = repoSeed.Name,
                Private = repoSeed.Private,
                DefaultBranch = repoSeed.DefaultBranch,
                CreatedAt = created,
                PushedAt = created,
            };
            repo.Branches.Add(new GitHubBranchState { Name = repoSeed.DefaultBranch, HeadSha = NextCommitSha(state, repo) });
            state.Repositories.Add(repo);
            foreach (var label in repoSeed.Labels)
                repo.Labels.Add(new GitHubLabelState { Id = state.NextId++, Name = label.Name, Color = label.Color, Description = label.Description, Default = label.Default });
            foreach (var collaborator in repoSeed.Collaborators)
            {
                EnsureUser(state, collaborator.Login, "User");
                repo.Collaborators.Add(new GitHubCollaboratorState { Login = collaborator.Login, Role = collaborator.Role });
            }

            foreach (var file in repoSeed.Files)
            {
                var branch = file.Branch ?? repo.DefaultBranch;
                if (repo.Branches.All(b => b.Name != branch))
                    repo.Branches.Add(new GitHubBranchState { Name = branch, HeadSha = NextCommitSha(state, repo) });
                var bytes = Encoding.UTF8.GetBytes(file.Content);
                repo.Files.Add(new GitHubFileState { Branch = branch, Path = file.Path.Trim('/'), Content = Convert.ToBase64String(bytes), Sha = GitHubJson.BlobSha(bytes) });
            }

            var at = created.AddDays(1);
            foreach (var issueSeed in repoSeed.Issues)
            {
                EnsureUser(state, issueSeed.Author, "User");
                var issue = NewIssue(state, repo, issueSeed.Title, issueSeed.Body, issueSeed.Author, at);
                EnsureLabels(state, repo, issueSeed.Labels);
                issue.Labels.AddRange(issueSeed.Labels);
                if (issueSeed.State == "closed")
                {
                    issue.State = "closed";
                    issue.StateReason = "completed";
                    issue.ClosedAt = at;
                    issue.ClosedBy = issueSeed.Author;
                }

                AddSeedComments(state, repo, issue, issueSeed.Comments, issueSeed.Author, at);
                Index(issue, at, seed.SearchIndexLag);
                at = at.AddMinutes(1);
            }

            foreach (var pullSeed in repoSeed.PullRequests)
            {
                EnsureUser(state, pullSeed.Author, "User");
                var issue = NewIssue(state, repo, pullSeed.Title, pullSeed.Body, pullSeed.Author, at);
                EnsureLabels(state, repo, pullSeed.Labels);
                ChangeLabels(state, issue, [.. pullSeed.Labels], pullSeed.LabelledBy, at);
                foreach (var change in pullSeed.LabelEvents)
                {
                    EnsureLabels(state, repo, [change.Label]);
                    ChangeLabels(state, issue, change.Added
                        ? [.. issue.Labels.Where(l => !string.Equals(l, change.Label, StringComparison.OrdinalIgnoreCase)), change.Label]
                        : [.. issue.Labels.Where(l => !string.Equals(l, change.Label, StringComparison.OrdinalIgnoreCase))], change.Actor, at);
                }
                // A head branch seeded with files is the pull request's head commit: its files are read at that sha.
                // A fork's head commit is in the fork, not in this repository's branches.
                var headSha = (pullSeed.HeadRepository is null ? repo.Branches.FirstOrDefault(b => b.Name == pullSeed.HeadRef && b.Name != repo.DefaultBranch)?.HeadSha : null)
                    ?? GitHubJson.Sha($"{repo.Owner}/{repo.Name} head {issue.Number}");
                if (pullSeed.HeadRepository is { } fork)
                    EnsureUser(state, fork.Split('/')[0], "User");
                var pull = new GitHubPullRequestState
                {
                    Id = state.NextId++,
                    HeadRef = pullSeed.HeadRef,
                    HeadSha = headSha,
                    HeadRepository = pullSeed.HeadRepository,
                    BaseRef = pullSeed.BaseRef,
                    BaseSha = repo.Branches.FirstOrDefault(b => b.Name == pullSeed.BaseRef)?.HeadSha ?? GitHubJson.Sha(pullSeed.BaseRef),
                };
                foreach (var file in pullSeed.Files)
                {
                    pull.Files.Add(new GitHubPullFileState
                    {
                        Filename = file.Filename,
                        Status = file.Status,
                        Additions = file.Additions,
                        Deletions = file.Deletions,
                        Patch = file.Patch,
                        PreviousFilename = file.PreviousFilename,
                        Sha = GitHubJson.Sha($"{headSha}:{file.Filename}"),
                    });
                }

                if (pullSeed.Merged || pullSeed.State == "closed")
                {
                    issue.State = "closed";
                    issue.ClosedAt = at;
                    if (pullSeed.Merged)
                    {
                        pull.Merged = true;
                        pull.MergedAt = at;
                        pull.MergedBy = repoSeed.Owner;
                        pull.MergeCommitSha = pullSeed.MergeCommitSha ?? GitHubJson.Sha($"{headSha} merge");
                    }
                }

                issue.PullRequest = pull;
                AddSeedComments(state, repo, issue, pullSeed.Comments, pullSeed.Author, at);
                Index(issue, at, seed.SearchIndexLag);
                at = at.AddMinutes(1);
            }
        }

        return state;
    }

    private static void AddSeedComments(GitHubState state, GitHubRepositoryState repo, GitHubIssueState issue, IReadOnlyList<string> bodies, string author, DateTimeOffset at)
    {
        foreach (var body in bodies)
            repo.Comments.Add(new GitHubCommentState { Id = state.NextId++, IssueNumber = issue.Number, Body = body, Author = author, CreatedAt = at, UpdatedAt = at });
    }

    /// <summary>
    /// Sets the issue's labels to <paramref name="wanted"/> and records a labeled event for each label added and an
    /// unlabeled event for each removed, by <paramref name="actor"/>, as GitHub does. True when the labels changed.
    /// </summary>
    internal static bool ChangeLabels(GitHubState state, GitHubIssueState issue, List<string> wanted, string actor, DateTimeOffset at)
    {
        var removed = issue.Labels.Where(l => !wanted.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();
        var added = wanted.Where(l => !issue.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var label in removed)
            issue.Events.Add(new GitHubIssueEventState { Id = state.NextId++, Event = "unlabeled", Actor = actor, Label = label, CreatedAt = at });
        foreach (var label in added)
            issue.Events.Add(new GitHubIssueEventState { Id = state.NextId++, Event = "labeled", Actor = actor, Label = label, CreatedAt = at });
        var changed = !wanted.SequenceEqual(issue.Labels, StringComparer.OrdinalIgnoreCase);
        issue.Labels = wanted;
        return changed;
    }

    /// <summary>
    /// The role an account has in the repository: admin for its owner, a collaborator's own role, write for the account
    /// of a token with push access, otherwise read in a public repository and none in a private one.
    /// </summary>
    internal string RoleOf(GitHubRepositoryState repo, string login)
    {
        if (string.Equals(repo.Owner, login, StringComparison.OrdinalIgnoreCase))
            return "admin";
        if (repo.Collaborators.FirstOrDefault(c => string.Equals(c.Login, login, StringComparison.OrdinalIgnoreCase)) is { } collaborator)
            return collaborator.Role;
        if (State.Tokens.Any(t => t.CanPush && string.Equals(t.Login, login, StringComparison.OrdinalIgnoreCase)))
            return "write";
        return repo.Private ? "none" : "read";
    }

    internal static GitHubIssueState NewIssue(GitHubState state, GitHubRepositoryState repo, string title, string? body, string author, DateTimeOffset at)
    {
        var issue = new GitHubIssueState
        {
            Id = state.NextId++,
            Number = repo.NextNumber++,
            Title = title,
            Body = body,
            Author = author,
            CreatedAt = at,
            UpdatedAt = at,
        };
        repo.Issues.Add(issue);
        return issue;
    }

    private static void EnsureUser(GitHubState state, string login, string type)
    {
        if (state.Users.All(u => !string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase)))
            state.Users.Add(new GitHubUserState { Id = state.NextId++, Login = login, Type = type });
    }

    internal static string NextCommitSha(GitHubState state, GitHubRepositoryState repo) =>
        GitHubJson.Sha($"{repo.Owner}/{repo.Name} commit {++state.CommitCounter}");

    /// <summary>Adds labels an issue names but the repository lacks, as GitHub does for a user with push access.</summary>
    internal static void EnsureLabels(GitHubState state, GitHubRepositoryState repo, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (repo.Labels.All(l => !string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
                repo.Labels.Add(new GitHubLabelState { Id = state.NextId++, Name = name, Color = "ededed" });
        }
    }

    private static void Index(GitHubIssueState issue, DateTimeOffset at, TimeSpan lag) =>
        issue.SearchIndex.Add(new GitHubSearchVersion
        {
            Title = issue.Title,
            Body = issue.Body ?? "",
            State = issue.State,
            Labels = [.. issue.Labels],
            VisibleAt = at + lag,
        });
}

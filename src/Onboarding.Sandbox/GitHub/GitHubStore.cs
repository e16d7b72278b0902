using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.GitHub;

/// <summary>Who is calling: a token's user, or nobody (no Authorization header).</summary>
public sealed record GitHubCaller(string? Login, bool CanWrite)
{
    public static GitHubCaller Anonymous { get; } = new(null, false);
}

/// <summary>One answer of the store: status, JSON body, and whether state changed.</summary>
public sealed record GitHubResult(int Status, JsonNode Body)
{
    public string? Location { get; init; }

    public bool Changed { get; init; }

    /// <summary>For list answers: how many items there are over all pages.</summary>
    public int? Total { get; init; }
}

/// <summary>Filters of <c>GET /repos/{owner}/{repo}/issues</c>.</summary>
public sealed record GitHubIssueQuery(
    string State = "open",
    IReadOnlyList<string>? Labels = null,
    string Sort = "created",
    string Direction = "desc",
    DateTimeOffset? Since = null,
    int Page = 1,
    int PerPage = 30);

/// <summary>The GitHub emulator's state and every operation on it. Thread-safe; the whole state is one <see cref="GitHubState"/>.</summary>
public sealed class GitHubStore
{
    public const int MaxBodyLength = 65536;
    public const int MaxTitleLength = 256;
    public const int MaxSearchResults = 1000;

    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly GitHubState _state;

    /// <param name="state">What <see cref="ImportJson"/> read; null builds the state from the seed.</param>
    public GitHubStore(GitHubSeed? seed = null, TimeProvider? time = null, GitHubState? state = null)
    {
        Seed = seed ?? new GitHubSeed();
        _time = time ?? TimeProvider.System;
        _state = state is null ? Build(Seed, _time.GetUtcNow()) : Adopt(Seed, state);
    }

    public GitHubSeed Seed { get; }

    /// <summary>Index lag applied to every create and edit; tests may change it.</summary>
    public TimeSpan SearchIndexLag { get; set; }

    private DateTimeOffset Now => _time.GetUtcNow();

    // ---------------------------------------------------------------- state

    /// <summary>The whole state as JSON, to keep a sandbox GitHub between runs; start a store from it with <see cref="ImportJson"/>.</summary>
    public string ExportJson()
    {
        lock (_gate)
        {
            return JsonSerializer.Serialize(_state, StateJson);
        }
    }

    /// <summary>Reads what <see cref="ExportJson"/> wrote; pass the result to the store or emulator constructor.</summary>
    /// <exception cref="JsonException">The text is not a saved GitHub state.</exception>
    public static GitHubState ImportJson(string json) =>
        JsonSerializer.Deserialize<GitHubState>(json, StateJson) ?? throw new JsonException("The GitHub state is empty.");

    /// <summary>Runs <paramref name="read"/> on the live state under the lock (tests and the sandbox read through this).</summary>
    public T Read<T>(Func<GitHubState, T> read)
    {
        lock (_gate)
        {
            return read(_state);
        }
    }

    public GitHubTokenState? Authenticate(string token)
    {
        lock (_gate)
        {
            var found = _state.Tokens.FirstOrDefault(t => string.Equals(t.Token, token, StringComparison.Ordinal));
            return found is null ? null : new GitHubTokenState { Token = found.Token, Login = found.Login, CanWrite = found.CanWrite };
        }
    }

    // Tokens are configuration, not data: a kept state answers to the tokens the seed (and the printed endpoints) give.
    private GitHubState Adopt(GitHubSeed seed, GitHubState state)
    {
        SearchIndexLag = seed.SearchIndexLag;
        state.Tokens.Clear();
        foreach (var token in seed.Tokens)
        {
            state.Tokens.Add(new GitHubTokenState { Token = token.Token, Login = token.Login, CanWrite = token.CanWrite });
            EnsureUser(state, token.Login, "User");
        }

        return state;
    }

    private GitHubState Build(GitHubSeed seed, DateTimeOffset now)
    {
        SearchIndexLag = seed.SearchIndexLag;
        var state = new GitHubState();
        foreach (var token in seed.Tokens)
        {
            state.Tokens.Add(new GitHubTokenState { Token = token.Token, Login = token.Login, CanWrite = token.CanWrite });
            EnsureUser(state, token.Login, "User");
        }

        var created = now.AddDays(-30);
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
                Index(issue, at);
                at = at.AddMinutes(1);
            }

            foreach (var pullSeed in repoSeed.PullRequests)
            {
                EnsureUser(state, pullSeed.Author, "User");
                var issue = NewIssue(state, repo, pullSeed.Title, pullSeed.Body, pullSeed.Author, at);
                EnsureLabels(state, repo, pullSeed.Labels);
                issue.Labels.AddRange(pullSeed.Labels);
                var headSha = GitHubJson.Sha($"{repo.Owner}/{repo.Name} head {issue.Number}");
                var pull = new GitHubPullRequestState
                {
                    Id = state.NextId++,
                    HeadRef = pullSeed.HeadRef,
                    HeadSha = headSha,
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
                Index(issue, at);
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

    private static GitHubIssueState NewIssue(GitHubState state, GitHubRepositoryState repo, string title, string? body, string author, DateTimeOffset at)
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

    private static string NextCommitSha(GitHubState state, GitHubRepositoryState repo) =>
        GitHubJson.Sha($"{repo.Owner}/{repo.Name} commit {++state.CommitCounter}");

    /// <summary>Adds labels an issue names but the repository lacks, as GitHub does for a user with push access.</summary>
    private static void EnsureLabels(GitHubState state, GitHubRepositoryState repo, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (repo.Labels.All(l => !string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
                repo.Labels.Add(new GitHubLabelState { Id = state.NextId++, Name = name, Color = "ededed" });
        }
    }

    /// <summary>The index takes the issue as it is now, visible after the lag.</summary>
    private void Index(GitHubIssueState issue, DateTimeOffset at) =>
        issue.SearchIndex.Add(new GitHubSearchVersion
        {
            Title = issue.Title,
            Body = issue.Body ?? "",
            State = issue.State,
            Labels = [.. issue.Labels],
            VisibleAt = at + SearchIndexLag,
        });

    // ---------------------------------------------------------------- helpers

    private GitHubUserState UserOf(string login) =>
        _state.Users.FirstOrDefault(u => string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase))
        ?? new GitHubUserState { Id = 90000 + Math.Abs(login.GetHashCode(StringComparison.Ordinal) % 10000), Login = login };

    private string Association(GitHubRepositoryState repo, string login)
    {
        if (string.Equals(repo.Owner, login, StringComparison.OrdinalIgnoreCase))
            return "OWNER";
        return _state.Tokens.Any(t => t.CanWrite && string.Equals(t.Login, login, StringComparison.OrdinalIgnoreCase)) ? "MEMBER" : "NONE";
    }

    private GitHubRepositoryState Repo(GitHubCaller caller, string owner, string name)
    {
        var repo = _state.Repositories.FirstOrDefault(r =>
            string.Equals(r.Owner, owner, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        if (repo is null || (repo.Private && caller.Login is null))
            throw GitHubProblem.NotFound();
        return repo;
    }

    private static GitHubIssueState IssueIn(GitHubRepositoryState repo, int number) =>
        repo.Issues.FirstOrDefault(i => i.Number == number) ?? throw GitHubProblem.NotFound();

    private JsonObject RenderIssue(GitHubUrls urls, GitHubRepositoryState repo, GitHubIssueState issue) =>
        GitHubJson.Issue(urls, repo, issue, UserOf, Association(repo, issue.Author));

    private JsonObject RenderComment(GitHubUrls urls, GitHubRepositoryState repo, GitHubCommentState comment) =>
        GitHubJson.Comment(urls, repo, IssueIn(repo, comment.IssueNumber), comment, UserOf, Association(repo, comment.Author));

    private static GitHubResult Page<T>(IReadOnlyList<T> all, int page, int perPage, Func<T, JsonNode> render)
    {
        var items = new JsonArray();
        foreach (var item in all.Skip((page - 1) * perPage).Take(perPage))
            items.Add(render(item));
        return new GitHubResult(200, items) { Total = all.Count };
    }

    private static string? ReadString(JsonObject body, string name, string resource)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
            return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
            return text;
        if (node is JsonValue number && number.TryGetValue<long>(out var n))
            return n.ToString(CultureInfo.InvariantCulture);
        throw GitHubProblem.Invalid((resource, name, "invalid", null));
    }

    private static List<string>? ReadLabels(JsonNode? node, string resource)
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

    private static void CheckBody(string? body, string resource)
    {
        if (body is { Length: > MaxBodyLength })
            throw GitHubProblem.Invalid((resource, "body", "custom", $"body is too long (maximum is {MaxBodyLength} characters)"));
    }

    /// <summary>Label names as the repository spells them.</summary>
    private static List<string> Canonical(GitHubRepositoryState repo, IEnumerable<string> names) =>
        [.. names.Select(n => repo.Labels.First(l => string.Equals(l.Name, n, StringComparison.OrdinalIgnoreCase)).Name)];

    // ---------------------------------------------------------------- issues

    public GitHubResult ListIssues(GitHubUrls urls, GitHubCaller caller, string owner, string name, GitHubIssueQuery query)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            IEnumerable<GitHubIssueState> issues = repo.Issues;
            if (query.State != "all")
                issues = issues.Where(i => i.State == query.State);
            if (query.Labels is { Count: > 0 } labels)
                issues = issues.Where(i => labels.All(l => i.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)));
            if (query.Since is { } since)
                issues = issues.Where(i => i.UpdatedAt >= since);
            Func<GitHubIssueState, object> key = query.Sort switch
            {
                "updated" => i => i.UpdatedAt,
                "comments" => i => repo.Comments.Count(c => c.IssueNumber == i.Number),
                _ => i => i.CreatedAt,
            };
            var ordered = query.Direction == "asc"
                ? issues.OrderBy(key).ThenBy(i => i.Number)
                : issues.OrderByDescending(key).ThenByDescending(i => i.Number);
            return Page(ordered.ToList(), query.Page, query.PerPage, i => RenderIssue(urls, repo, i));
        }
    }

    public GitHubResult GetIssue(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var issue = IssueIn(repo, number);
            return new GitHubResult(200, GitHubJson.IssueWithClosedBy(urls, repo, issue, UserOf, Association(repo, issue.Author)));
        }
    }

    public GitHubResult CreateIssue(GitHubUrls urls, GitHubCaller caller, string owner, string name, JsonObject body)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var title = ReadString(body, "title", "Issue");
            if (string.IsNullOrWhiteSpace(title))
                throw GitHubProblem.Invalid(("Issue", "title", "missing_field", null));
            if (title.Length > MaxTitleLength)
                throw GitHubProblem.Invalid(("Issue", "title", "custom", $"title is too long (maximum is {MaxTitleLength} characters)"));
            var text = ReadString(body, "body", "Issue");
            CheckBody(text, "Issue");
            var labels = ReadLabels(body["labels"], "Issue") ?? [];
            var now = Now;
            EnsureLabels(_state, repo, labels);
            var issue = NewIssue(_state, repo, title, text, caller.Login!, now);
            issue.Labels.AddRange(Canonical(repo, labels));
            Index(issue, now);
            var json = GitHubJson.IssueWithClosedBy(urls, repo, issue, UserOf, Association(repo, issue.Author));
            return new GitHubResult(201, json) { Location = (string)json["url"]!, Changed = true };
        }
    }

    public GitHubResult UpdateIssue(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, JsonObject body)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var issue = IssueIn(repo, number);
            var changed = false;
            if (body.ContainsKey("title"))
            {
                var title = ReadString(body, "title", "Issue");
                if (title is not null)
                {
                    if (string.IsNullOrWhiteSpace(title))
                        throw GitHubProblem.Invalid(("Issue", "title", "missing_field", null));
                    if (title.Length > MaxTitleLength)
                        throw GitHubProblem.Invalid(("Issue", "title", "custom", $"title is too long (maximum is {MaxTitleLength} characters)"));
                    changed |= issue.Title != title;
                    issue.Title = title;
                }
            }

            if (body.ContainsKey("body"))
            {
                var text = ReadString(body, "body", "Issue");
                CheckBody(text, "Issue");
                changed |= issue.Body != text;
                issue.Body = text;
            }

            var state = ReadString(body, "state", "Issue");
            if (state is not null && state != "open" && state != "closed")
                throw GitHubProblem.Invalid(("Issue", "state", "invalid", null));
            var reason = ReadString(body, "state_reason", "Issue");
            if (reason is not null && reason is not ("completed" or "not_planned" or "duplicate" or "reopened"))
                throw GitHubProblem.Invalid(("Issue", "state_reason", "invalid", null));
            var now = Now;
            if (state is not null && state != issue.State)
            {
                changed = true;
                issue.State = state;
                if (state == "closed")
                {
                    issue.StateReason = reason is null or "reopened" ? "completed" : reason;
                    issue.ClosedAt = now;
                    issue.ClosedBy = caller.Login;
                }
                else
                {
                    issue.StateReason = "reopened";
                    issue.ClosedAt = null;
                }
            }

            if (body.ContainsKey("labels"))
            {
                var labels = ReadLabels(body["labels"], "Issue") ?? [];
                EnsureLabels(_state, repo, labels);
                var canonical = Canonical(repo, labels);
                changed |= !canonical.SequenceEqual(issue.Labels, StringComparer.OrdinalIgnoreCase);
                issue.Labels = canonical;
            }

            if (changed)
            {
                issue.UpdatedAt = now;
                Index(issue, now);
            }

            return new GitHubResult(200, GitHubJson.IssueWithClosedBy(urls, repo, issue, UserOf, Association(repo, issue.Author))) { Changed = changed };
        }
    }

    // ---------------------------------------------------------------- comments

    public GitHubResult ListComments(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, DateTimeOffset? since, int page, int perPage)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            IssueIn(repo, number);
            var comments = repo.Comments
                .Where(c => c.IssueNumber == number && (since is null || c.UpdatedAt >= since))
                .OrderBy(c => c.Id)
                .ToList();
            return Page(comments, page, perPage, c => RenderComment(urls, repo, c));
        }
    }

    public GitHubResult CreateComment(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, JsonObject body)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var issue = IssueIn(repo, number);
            var text = ReadString(body, "body", "IssueComment");
            if (string.IsNullOrEmpty(text))
                throw GitHubProblem.Invalid(("IssueComment", "body", "missing_field", null));
            CheckBody(text, "IssueComment");
            var now = Now;
            var comment = new GitHubCommentState { Id = _state.NextId++, IssueNumber = number, Body = text, Author = caller.Login!, CreatedAt = now, UpdatedAt = now };
            repo.Comments.Add(comment);
            issue.UpdatedAt = now;
            var json = RenderComment(urls, repo, comment);
            return new GitHubResult(201, json) { Location = (string)json["url"]!, Changed = true };
        }
    }

    public GitHubResult GetComment(GitHubUrls urls, GitHubCaller caller, string owner, string name, long id)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var comment = repo.Comments.FirstOrDefault(c => c.Id == id) ?? throw GitHubProblem.NotFound();
            return new GitHubResult(200, RenderComment(urls, repo, comment));
        }
    }

    public GitHubResult UpdateComment(GitHubUrls urls, GitHubCaller caller, string owner, string name, long id, JsonObject body)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var comment = repo.Comments.FirstOrDefault(c => c.Id == id) ?? throw GitHubProblem.NotFound();
            var text = ReadString(body, "body", "IssueComment");
            if (string.IsNullOrEmpty(text))
                throw GitHubProblem.Invalid(("IssueComment", "body", "missing_field", null));
            CheckBody(text, "IssueComment");
            var changed = comment.Body != text;
            if (changed)
            {
                comment.Body = text;
                comment.UpdatedAt = Now;
            }

            return new GitHubResult(200, RenderComment(urls, repo, comment)) { Changed = changed };
        }
    }

    // ---------------------------------------------------------------- labels

    public GitHubResult ListLabels(GitHubUrls urls, GitHubCaller caller, string owner, string name, int page, int perPage)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            return Page(repo.Labels, page, perPage, l => GitHubJson.Label(urls, repo, l));
        }
    }

    public GitHubResult GetLabel(GitHubUrls urls, GitHubCaller caller, string owner, string name, string label)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var found = repo.Labels.FirstOrDefault(l => string.Equals(l.Name, label, StringComparison.OrdinalIgnoreCase)) ?? throw GitHubProblem.NotFound();
            return new GitHubResult(200, GitHubJson.Label(urls, repo, found));
        }
    }

    public GitHubResult CreateLabel(GitHubUrls urls, GitHubCaller caller, string owner, string name, JsonObject body)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var labelName = ReadString(body, "name", "Label")?.Trim();
            if (string.IsNullOrEmpty(labelName))
                throw GitHubProblem.Invalid(("Label", "name", "missing_field", null));
            var color = (ReadString(body, "color", "Label") ?? "ededed").TrimStart('#');
            if (color.Length != 6 || !color.All(Uri.IsHexDigit))
                throw GitHubProblem.Invalid(("Label", "color", "invalid", null));
            var description = ReadString(body, "description", "Label");
            if (description is { Length: > 100 })
                throw GitHubProblem.Invalid(("Label", "description", "custom", "description is too long (maximum is 100 characters)"));
            if (repo.Labels.Any(l => string.Equals(l.Name, labelName, StringComparison.OrdinalIgnoreCase)))
                throw GitHubProblem.Invalid(("Label", "name", "already_exists", null));
            var label = new GitHubLabelState { Id = _state.NextId++, Name = labelName, Color = color.ToLowerInvariant(), Description = description };
            repo.Labels.Add(label);
            var json = GitHubJson.Label(urls, repo, label);
            return new GitHubResult(201, json) { Location = (string)json["url"]!, Changed = true };
        }
    }

    public GitHubResult ListIssueLabels(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, int page, int perPage)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var issue = IssueIn(repo, number);
            var labels = issue.Labels.Select(n => repo.Labels.First(l => string.Equals(l.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
            return Page(labels, page, perPage, l => GitHubJson.Label(urls, repo, l));
        }
    }

    /// <summary>POST adds to the issue's labels, PUT replaces them. The body is <c>{"labels": [...]}</c> or a bare array.</summary>
    public GitHubResult ChangeIssueLabels(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, JsonNode? body, bool replace)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var issue = IssueIn(repo, number);
            var names = ReadLabels(body is JsonObject obj ? obj["labels"] : body, "Label") ?? [];
            if (!replace && names.Count == 0)
                throw GitHubProblem.Invalid(("Label", "labels", "missing_field", null));
            EnsureLabels(_state, repo, names);
            var wanted = replace
                ? Canonical(repo, names)
                : [.. issue.Labels, .. Canonical(repo, names).Where(n => !issue.Labels.Contains(n, StringComparer.OrdinalIgnoreCase))];
            var changed = !wanted.SequenceEqual(issue.Labels, StringComparer.OrdinalIgnoreCase);
            if (changed)
            {
                issue.Labels = wanted;
                issue.UpdatedAt = Now;
                Index(issue, issue.UpdatedAt);
            }

            var items = new JsonArray();
            foreach (var label in issue.Labels)
                items.Add(GitHubJson.Label(urls, repo, repo.Labels.First(l => string.Equals(l.Name, label, StringComparison.OrdinalIgnoreCase))));
            return new GitHubResult(200, items) { Changed = changed };
        }
    }

    // ---------------------------------------------------------------- search

    public GitHubResult SearchIssues(GitHubUrls urls, GitHubCaller caller, string? q, string? sort, string order, int page, int perPage)
    {
        if (string.IsNullOrWhiteSpace(q))
            throw GitHubProblem.Invalid(("Search", "q", "missing", null));
        if ((page - 1) * perPage >= MaxSearchResults)
            throw GitHubProblem.Of(422, "Only the first 1000 search results are available");
        var query = GitHubSearchQuery.Parse(q);
        lock (_gate)
        {
            var now = Now;
            var hits = new List<(GitHubRepositoryState Repo, GitHubIssueState Issue)>();
            foreach (var repo in _state.Repositories)
            {
                if (repo.Private && caller.Login is null)
                    continue;
                if (query.Repos.Count > 0 && !query.Repos.Contains($"{repo.Owner}/{repo.Name}", StringComparer.OrdinalIgnoreCase))
                    continue;
                foreach (var issue in repo.Issues)
                {
                    var indexed = Indexed(issue, now);
                    if (indexed is not null && query.Matches(indexed, issue.PullRequest is not null))
                        hits.Add((repo, issue));
                }
            }

            Func<(GitHubRepositoryState Repo, GitHubIssueState Issue), object> key = sort switch
            {
                "created" => h => h.Issue.CreatedAt,
                "comments" => h => h.Repo.Comments.Count(c => c.IssueNumber == h.Issue.Number),
                _ => h => h.Issue.UpdatedAt,
            };
            var ordered = (order == "asc" ? hits.OrderBy(key) : hits.OrderByDescending(key)).ToList();
            var items = new JsonArray();
            foreach (var (repo, issue) in ordered.Skip((page - 1) * perPage).Take(perPage))
                items.Add(GitHubJson.SearchItem(urls, repo, issue, UserOf, Association(repo, issue.Author)));
            var body = new JsonObject
            {
                ["total_count"] = ordered.Count,
                ["incomplete_results"] = false,
                ["search_type"] = "lexical",
                ["items"] = items,
            };
            return new GitHubResult(200, body) { Total = Math.Min(ordered.Count, MaxSearchResults) };
        }
    }

    /// <summary>The newest version the index has caught up with; older ones are dropped once a newer one is visible.</summary>
    private static GitHubSearchVersion? Indexed(GitHubIssueState issue, DateTimeOffset now)
    {
        var visible = issue.SearchIndex.FindLastIndex(v => v.VisibleAt <= now);
        if (visible < 0)
            return null;
        if (visible > 0)
            issue.SearchIndex.RemoveRange(0, visible);
        return issue.SearchIndex[0];
    }

    // ---------------------------------------------------------------- pulls

    public GitHubResult GetPull(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var issue = IssueIn(repo, number);
            if (issue.PullRequest is null)
                throw GitHubProblem.NotFound();
            return new GitHubResult(200, GitHubJson.PullRequest(urls, repo, issue, UserOf, Association(repo, issue.Author)));
        }
    }

    /// <summary>
    /// <c>GET /repos/{owner}/{repo}/pulls</c>: open, closed or all pull requests, optionally onto one base branch, by
    /// creation or last update (GitHub's default direction is desc for created and asc otherwise).
    /// </summary>
    public GitHubResult ListPulls(GitHubUrls urls, GitHubCaller caller, string owner, string name, string state, string? baseRef, string sort, string? direction, int page, int perPage)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var pulls = repo.Issues.Where(i => i.PullRequest is not null && (state == "all" || i.State == state) && (baseRef is null || i.PullRequest.BaseRef == baseRef));
            Func<GitHubIssueState, DateTimeOffset> key = sort == "updated" ? i => i.UpdatedAt : i => i.CreatedAt;
            var descending = direction is null ? sort == "created" : direction == "desc";
            var ordered = (descending ? pulls.OrderByDescending(key).ThenByDescending(i => i.Number) : pulls.OrderBy(key).ThenBy(i => i.Number)).ToList();
            return Page(ordered, page, perPage, i => GitHubJson.PullRequestSimple(urls, repo, i, UserOf, Association(repo, i.Author)));
        }
    }

    public GitHubResult ListPullFiles(GitHubUrls urls, GitHubCaller caller, string owner, string name, int number, int page, int perPage)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var issue = IssueIn(repo, number);
            var pull = issue.PullRequest ?? throw GitHubProblem.NotFound();
            return Page(pull.Files, page, perPage, f => GitHubJson.PullFile(urls, repo, pull, f));
        }
    }

    // ---------------------------------------------------------------- contents

    public GitHubResult GetContent(GitHubUrls urls, GitHubCaller caller, string owner, string name, string path, string? reference)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            var branch = reference ?? repo.DefaultBranch;
            if (repo.Branches.All(b => b.Name != branch))
                throw GitHubProblem.Of(404, $"No commit found for the ref {branch}");
            path = path.Trim('/');
            var file = repo.Files.FirstOrDefault(f => f.Branch == branch && f.Path == path);
            if (file is not null)
            {
                var size = Convert.FromBase64String(file.Content).Length;
                return new GitHubResult(200, GitHubJson.ContentEntry(urls, repo, branch, file.Path, "file", file.Sha, size, file.Content));
            }

            var prefix = path.Length == 0 ? "" : path + "/";
            var children = repo.Files
                .Where(f => f.Branch == branch && f.Path.StartsWith(prefix, StringComparison.Ordinal))
                .Select(f => f.Path[prefix.Length..])
                .ToList();
            if (children.Count == 0)
                throw GitHubProblem.NotFound();
            var entries = new JsonArray();
            foreach (var child in children.Select(c => c.Split('/')[0]).Distinct().Order(StringComparer.Ordinal))
            {
                var childPath = prefix + child;
                var childFile = repo.Files.FirstOrDefault(f => f.Branch == branch && f.Path == childPath);
                entries.Add(childFile is not null
                    ? GitHubJson.ContentEntry(urls, repo, branch, childPath, "file", childFile.Sha, Convert.FromBase64String(childFile.Content).Length, null)
                    : GitHubJson.ContentEntry(urls, repo, branch, childPath, "dir", GitHubJson.Sha($"{branch}:{childPath}"), 0, null));
            }

            return new GitHubResult(200, entries);
        }
    }

    public GitHubResult PutContent(GitHubUrls urls, GitHubCaller caller, string owner, string name, string path, JsonObject body)
    {
        lock (_gate)
        {
            var repo = Repo(caller, owner, name);
            path = path.Trim('/');
            var message = ReadString(body, "message", "Commit");
            if (message is null)
                throw GitHubProblem.Of(422, "Invalid request.\n\n\"message\" wasn't supplied.");
            var content = ReadString(body, "content", "Commit");
            if (content is null)
                throw GitHubProblem.Of(422, "Invalid request.\n\n\"content\" wasn't supplied.");
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(content);
            }
            catch (FormatException)
            {
                throw GitHubProblem.Of(422, "content is not valid Base64");
            }

            var branchName = ReadString(body, "branch", "Commit") ?? repo.DefaultBranch;
            var branch = repo.Branches.FirstOrDefault(b => b.Name == branchName) ?? throw GitHubProblem.Of(404, $"Branch {branchName} not found");
            var sha = ReadString(body, "sha", "Commit");
            var existing = repo.Files.FirstOrDefault(f => f.Branch == branchName && f.Path == path);
            if (existing is not null && sha is null)
                throw GitHubProblem.Of(422, "Invalid request.\n\n\"sha\" wasn't supplied.");
            if (existing is not null && sha != existing.Sha)
                throw GitHubProblem.Of(409, $"{path} does not match {sha}");
            var blob = GitHubJson.BlobSha(bytes);
            var parent = branch.HeadSha;
            branch.HeadSha = NextCommitSha(_state, repo);
            var now = Now;
            repo.PushedAt = now;
            var created = existing is null;
            if (existing is null)
            {
                existing = new GitHubFileState { Branch = branchName, Path = path };
                repo.Files.Add(existing);
            }

            existing.Content = Convert.ToBase64String(bytes);
            existing.Sha = blob;
            var entry = GitHubJson.ContentEntry(urls, repo, branchName, path, "file", blob, bytes.Length, null);
            var author = UserOf(caller.Login!);
            var person = new JsonObject { ["name"] = author.Login, ["email"] = $"{author.Id}+{author.Login}@users.noreply.github.com", ["date"] = GitHubJson.Time(now) };
            var commitApi = $"{GitHubJson.RepoApi(urls, repo)}/git/commits/{branch.HeadSha}";
            var commit = new JsonObject
            {
                ["sha"] = branch.HeadSha,
                ["node_id"] = GitHubJson.NodeId("Commit", _state.CommitCounter),
                ["url"] = commitApi,
                ["html_url"] = $"{GitHubJson.RepoWeb(urls, repo)}/commit/{branch.HeadSha}",
                ["author"] = person.DeepClone(),
                ["committer"] = person,
                ["message"] = message,
                ["tree"] = new JsonObject { ["sha"] = GitHubJson.Sha($"tree {branch.HeadSha}"), ["url"] = $"{GitHubJson.RepoApi(urls, repo)}/git/trees/{GitHubJson.Sha($"tree {branch.HeadSha}")}" },
                ["parents"] = new JsonArray(new JsonObject
                {
                    ["sha"] = parent,
                    ["url"] = $"{GitHubJson.RepoApi(urls, repo)}/git/commits/{parent}",
                    ["html_url"] = $"{GitHubJson.RepoWeb(urls, repo)}/commit/{parent}",
                }),
                ["verification"] = new JsonObject { ["verified"] = false, ["reason"] = "unsigned", ["signature"] = null, ["payload"] = null, ["verified_at"] = null },
            };
            var status = created ? 201 : 200;
            return new GitHubResult(status, new JsonObject { ["content"] = entry, ["commit"] = commit }) { Changed = true };
        }
    }
}

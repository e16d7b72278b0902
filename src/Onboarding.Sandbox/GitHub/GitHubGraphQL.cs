using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using Onboarding.Sandbox.GitHub.GraphQL;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// GitHub's GraphQL API as far as projects (the current kind) go: a project of an organisation with its fields, options
/// and iterations, issues' items, adding an issue and setting a single-select or iteration field. Requests are held to
/// what the emulator serves (<c>github-served.graphql</c>, a subset of GitHub's schema) and answered as GitHub answers:
/// HTTP 200 with <c>data</c> and <c>errors</c> (validation errors without data), node ids, errors typed NOT_FOUND,
/// FORBIDDEN or INSUFFICIENT_SCOPES (a token without <c>read:project</c> reads no project, one without <c>project</c>
/// changes none).
/// </summary>
internal sealed class GitHubGraphQL(GitHubStore store)
{
    /// <summary>What the emulator serves of GitHub's schema.</summary>
    public static GraphQLSchema Served { get; } = GraphQLSchema.Parse(ReadServed());

    /// <summary>Fields a token may select only with a project scope: reading needs read:project, writing project.</summary>
    private static readonly Dictionary<string, string> ScopedFields = new(StringComparer.Ordinal)
    {
        ["Organization.projectV2"] = "read:project",
        ["User.projectV2"] = "read:project",
        ["Issue.projectItems"] = "read:project",
        ["Mutation.addProjectV2ItemById"] = "project",
        ["Mutation.updateProjectV2ItemFieldValue"] = "project",
    };

    public EmulatorResponse Execute(GitHubUrls urls, GitHubCaller caller, JsonNode? body)
    {
        if (body is not JsonObject json)
            throw GitHubProblem.Of(400, "Problems parsing JSON");
        var request = GraphQLRequest.Read(Served, json);
        if (request.Errors.Count > 0)
            return Answer(null, request.Errors, withData: false);
        var refused = MissingScopes(request, caller);
        if (refused.Count > 0)
            return Answer(null, refused, withData: false);

        var context = new Context(store, urls, caller);
        IGraphQLObject root = request.IsMutation ? new MutationRoot(context) : new QueryRoot(context);
        var (data, errors) = GraphQLExecutor.Execute(Served, request, root);
        return Answer(data, errors, withData: true) with { Changed = context.Changed };
    }

    /// <summary>A new project as the seed describes it, its iterations laid out around <paramref name="today"/>.</summary>
    internal static GitHubProjectState NewProject(GitHubState state, GitHubProjectSeed seed, DateTimeOffset created, DateOnly today)
    {
        var project = new GitHubProjectState { Id = state.NextId++, Owner = seed.Owner, Number = seed.Number, Title = seed.Title, CreatedAt = created, UpdatedAt = created };
        project.NodeId = NodeId("PVT", project.Id);
        void Add(string name, string dataType, Action<GitHubProjectFieldState>? fill = null)
        {
            var id = state.NextId++;
            var prefix = dataType switch { "SINGLE_SELECT" => "PVTSSF", "ITERATION" => "PVTIF", _ => "PVTF" };
            var field = new GitHubProjectFieldState { Id = id, NodeId = NodeId(prefix, id), Name = name, DataType = dataType, CreatedAt = created };
            fill?.Invoke(field);
            project.Fields.Add(field);
        }

        string[] colors = ["GRAY", "BLUE", "YELLOW", "ORANGE", "GREEN", "PURPLE", "PINK", "RED"];
        Add("Title", "TITLE");
        Add("Assignees", "ASSIGNEES");
        Add(seed.StatusField, "SINGLE_SELECT", field => field.Options.AddRange(seed.Columns.Select((column, i) => new GitHubProjectOptionState
        {
            Id = ShortId($"{project.NodeId} {field.NodeId} {column}"),
            Name = column,
            Color = colors[i % colors.Length],
        })));
        Add("Labels", "LABELS");
        Add("Repository", "REPOSITORY");
        if (seed.IterationField is { } iterationName)
        {
            // The current iteration started on the Monday of this week; the others follow each other without gaps.
            var current = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            Add(iterationName, "ITERATION", field =>
            {
                field.IterationDuration = seed.IterationDays;
                for (var k = -seed.CompletedIterations; k <= seed.UpcomingIterations; k++)
                {
                    var title = $"Iteration {k + seed.CompletedIterations + 1}";
                    field.Iterations.Add(new GitHubProjectIterationState
                    {
                        Id = ShortId($"{project.NodeId} {field.NodeId} {title}"),
                        Title = title,
                        StartDate = current.AddDays(k * seed.IterationDays),
                        Duration = seed.IterationDays,
                    });
                }
            });
        }

        return project;
    }

    private static EmulatorResponse Answer(JsonObject? data, IReadOnlyList<GraphQLError> errors, bool withData)
    {
        var body = new JsonObject();
        if (withData)
            body["data"] = data;
        if (errors.Count > 0)
            body["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e.ToJson())]);
        return new EmulatorResponse(200, body);
    }

    /// <summary>GitHub checks a token's scopes against every field selected before running anything.</summary>
    private static List<GraphQLError> MissingScopes(GraphQLRequest request, GitHubCaller caller)
    {
        var errors = new List<GraphQLError>();
        void Walk(GraphQLSelectionSet? set, GraphQLTypeDef type)
        {
            foreach (var selection in set?.Selections ?? [])
            {
                switch (selection)
                {
                    case GraphQLField field when field.Name.StringValue != "__typename":
                        var name = field.Name.StringValue;
                        if (ScopedFields.TryGetValue($"{type.Name}.{name}", out var scope) && !Has(caller, scope))
                        {
                            errors.Add(new GraphQLError(
                                $"Your token has not been granted the required scopes to execute this query. The '{name}' field requires one of the following scopes: ['{scope}'], but your token has only been granted the: [{string.Join(", ", caller.Scopes.Select(s => $"'{s}'"))}] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.")
                            {
                                Type = "INSUFFICIENT_SCOPES",
                                Locations = [request.Where(field)],
                            });
                        }

                        if (Served.Types.GetValueOrDefault(type.Fields[name].Type.NamedType) is { IsComposite: true } result)
                            Walk(field.SelectionSet, result);
                        break;
                    case GraphQLInlineFragment inline:
                        Walk(inline.SelectionSet, inline.TypeCondition is { } on ? Served.Types[on.Type.Name.StringValue] : type);
                        break;
                    case GraphQLFragmentSpread spread when request.Fragment(spread.FragmentName.Name.StringValue) is { } fragment:
                        Walk(fragment.SelectionSet, Served.Types[fragment.TypeCondition.Type.Name.StringValue]);
                        break;
                }
            }
        }

        Walk(request.Operation!.SelectionSet, request.Root!);
        return errors;
    }

    private static bool Has(GitHubCaller caller, string scope) => scope == "project"
        ? caller.ProjectAccess == GitHubProjectAccess.Write
        : caller.ProjectAccess != GitHubProjectAccess.None;

    private static string NodeId(string prefix, long id) =>
        $"{prefix}_{Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"sandbox:{id}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    /// <summary>Eight hex digits, as GitHub names options and iterations.</summary>
    private static string ShortId(string seed) => GitHubJson.Sha(seed)[..8];

    private static string ReadServed()
    {
        using var stream = typeof(GitHubGraphQL).Assembly.GetManifestResourceStream("github-served.graphql")
            ?? throw new InvalidOperationException("github-served.graphql is not embedded in the sandbox.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static GraphQLFieldException NotFound(string message) => new("NOT_FOUND", message);

    private static GraphQLFieldException NoNode(string id) => NotFound($"Could not resolve to a node with the global id of '{id}'");

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>What every resolver of one request shares: the state (the route holds its lock), the caller, and whether anything changed.</summary>
    private sealed class Context(GitHubStore store, GitHubUrls urls, GitHubCaller caller)
    {
        public GitHubState State => store.State;

        public GitHubUrls Urls => urls;

        public GitHubCaller Caller => caller;

        public DateTimeOffset Now => store.Now;

        public DateOnly Today => DateOnly.FromDateTime(store.Now.UtcDateTime);

        public bool Changed { get; set; }

        public (GitHubRepositoryState Repo, GitHubIssueState Issue)? IssueByNodeId(string id) =>
            State.Repositories.SelectMany(r => r.Issues.Where(i => i.PullRequest is null).Select(i => (r, i)))
                .Where(p => GitHubJson.NodeId("Issue", p.i.Id) == id)
                .Select(p => ((GitHubRepositoryState, GitHubIssueState)?)p)
                .FirstOrDefault();

        public GitHubProjectState? Project(string id) => State.Projects.FirstOrDefault(p => p.NodeId == id);
    }

    /// <summary>A page of a connection: GitHub wants <c>first</c> or <c>last</c> (at most 100), cursors are opaque.</summary>
    private sealed class Connection : IGraphQLObject
    {
        private const int MaxPage = 100;
        private readonly List<IGraphQLObject> _all;
        private readonly List<(int Index, IGraphQLObject Node)> _page;
        private readonly string _edgeType;

        private Connection(string typeName, string edgeType, List<IGraphQLObject> all, List<(int, IGraphQLObject)> page)
        {
            TypeName = typeName;
            _edgeType = edgeType;
            _all = all;
            _page = page;
        }

        public string TypeName { get; }

        public static Connection Of(string name, string typeName, string edgeType, IEnumerable<IGraphQLObject> items, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            var first = (int?)arguments.GetValueOrDefault("first");
            var last = (int?)arguments.GetValueOrDefault("last");
            if (first is null && last is null)
                throw new GraphQLFieldException("MISSING_PAGINATION_BOUNDARIES", $"You must provide a `first` or `last` value to properly paginate the `{name}` connection.");
            if (first is > MaxPage || last is > MaxPage)
                throw new GraphQLFieldException("EXCESSIVE_PAGINATION", $"Requesting {first ?? last} records on the `{name}` connection exceeds the `{(first is not null ? "first" : "last")}` limit of {MaxPage} records.");
            var all = items.ToList();
            var indexed = all.Select((node, i) => (i, node)).ToList();
            if (Cursor(arguments.GetValueOrDefault("after")) is { } after)
                indexed = [.. indexed.Where(p => p.i > after)];
            if (Cursor(arguments.GetValueOrDefault("before")) is { } before)
                indexed = [.. indexed.Where(p => p.i < before)];
            if (first is { } f)
                indexed = [.. indexed.Take(Math.Max(0, f))];
            if (last is { } l)
                indexed = [.. indexed.TakeLast(Math.Max(0, l))];
            return new Connection(typeName, edgeType, all, indexed);
        }

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments) => field switch
        {
            "nodes" => _page.Select(p => p.Node).ToList(),
            "edges" => _page.Select(p => (IGraphQLObject)new Edge(_edgeType, CursorOf(p.Index), p.Node)).ToList(),
            "totalCount" => _all.Count,
            _ => throw Unserved(TypeName, field),
        };

        private static string CursorOf(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cursor:v2:{index}")));

        private static int? Cursor(JsonNode? value)
        {
            if ((string?)value is not { } text)
                return null;
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(text));
                if (decoded.StartsWith("cursor:v2:", StringComparison.Ordinal) && int.TryParse(decoded["cursor:v2:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    return index;
            }
            catch (FormatException)
            {
            }

            throw new GraphQLFieldException("INVALID_CURSOR_ARGUMENTS", $"`{text}` does not appear to be a valid cursor.");
        }
    }

    private sealed class Edge(string typeName, string cursor, IGraphQLObject node) : IGraphQLObject
    {
        public string TypeName => typeName;

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments) => field switch
        {
            "cursor" => cursor,
            "node" => node,
            _ => throw Unserved(TypeName, field),
        };
    }

    private static InvalidOperationException Unserved(string type, string field) =>
        new($"github-served.graphql lists {type}.{field}, but the emulator does not resolve it.");

    private sealed class QueryRoot(Context context) : IGraphQLObject
    {
        public string TypeName => "Query";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            switch (field)
            {
                case "organization" or "user":
                    var login = (string)arguments["login"]!;
                    var kind = field == "organization" ? "Organization" : "User";
                    var owner = context.State.Users.FirstOrDefault(u => string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase) && u.Type == kind)
                        ?? throw NotFound($"Could not resolve to {(kind == "Organization" ? "an Organization" : "a User")} with the login of '{login}'.");
                    return new Owner(context, kind, owner.Login);
                case "viewer":
                    // The token's own account: a user, or an app's bot ("<slug>[bot]"), which GraphQL also answers as a User.
                    return new Owner(context, "User", context.Caller.Login!);
                case "repository":
                    var (ownerName, name) = ((string)arguments["owner"]!, (string)arguments["name"]!);
                    var repo = context.State.Repositories.FirstOrDefault(r =>
                        string.Equals(r.Owner, ownerName, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                        ?? throw NotFound($"Could not resolve to a Repository with the name '{ownerName}/{name}'.");
                    return new Repository(context, repo);
                case "node":
                    var id = (string)arguments["id"]!;
                    if (context.IssueByNodeId(id) is { } issue)
                        return new Issue(context, issue.Repo, issue.Issue);
                    foreach (var project in context.State.Projects)
                    {
                        if (project.NodeId == id)
                            return new Project(context, project);
                        if (project.Items.FirstOrDefault(i => i.NodeId == id) is { } item)
                            return new Item(context, project, item);
                        if (project.Fields.FirstOrDefault(f => f.NodeId == id) is { } projectField)
                            return new Field(context, project, projectField);
                    }

                    throw NoNode(id);
                default:
                    throw Unserved(TypeName, field);
            }
        }
    }

    private sealed class Owner(Context context, string kind, string login) : IGraphQLObject
    {
        public string TypeName => kind;

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            if (field == "login" && kind == "User")
                return login;
            if (field != "projectV2")
                throw Unserved(TypeName, field);
            var number = (int)arguments["number"]!;
            var project = context.State.Projects.FirstOrDefault(p => string.Equals(p.Owner, login, StringComparison.OrdinalIgnoreCase) && p.Number == number)
                ?? throw NotFound($"Could not resolve to a ProjectV2 with the number {number}.");
            return new Project(context, project);
        }
    }

    private sealed class Repository(Context context, GitHubRepositoryState repo) : IGraphQLObject
    {
        public string TypeName => "Repository";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            if (field != "issue")
                throw Unserved(TypeName, field);
            var number = (int)arguments["number"]!;
            var issue = repo.Issues.FirstOrDefault(i => i.Number == number && i.PullRequest is null)
                ?? throw NotFound($"Could not resolve to an Issue with the number of {number}.");
            return new Issue(context, repo, issue);
        }
    }

    private sealed class Issue(Context context, GitHubRepositoryState repo, GitHubIssueState issue) : IGraphQLObject
    {
        public string TypeName => "Issue";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            var id = GitHubJson.NodeId("Issue", issue.Id);
            return field switch
            {
                "id" => id,
                "number" => issue.Number,
                "projectItems" => Connection.Of(
                    "projectItems",
                    "ProjectV2ItemConnection",
                    "ProjectV2ItemEdge",
                    context.State.Projects.SelectMany(p => p.Items
                        .Where(i => i.ContentNodeId == id && ((bool?)arguments.GetValueOrDefault("includeArchived") != false || !i.Archived))
                        .Select(i => (IGraphQLObject)new Item(context, p, i))),
                    arguments),
                _ => throw Unserved(TypeName, field),
            };
        }

        public override string ToString() => $"{repo.Owner}/{repo.Name}#{issue.Number}";
    }

    private sealed class Project(Context context, GitHubProjectState project) : IGraphQLObject
    {
        public string TypeName => "ProjectV2";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            var path = $"/orgs/{project.Owner}/projects/{project.Number}";
            var canUpdate = context.Caller.ProjectAccess == GitHubProjectAccess.Write;
            return field switch
            {
                "id" => project.NodeId,
                "number" => project.Number,
                "title" => project.Title,
                "closed" => project.Closed,
                "closedAt" => null,
                "createdAt" => project.CreatedAt,
                "updatedAt" => project.UpdatedAt,
                "public" => project.Public,
                "readme" => null,
                "shortDescription" => null,
                "template" => false,
                "resourcePath" => path,
                "url" => context.Urls.Web + path,
                "viewerCanUpdate" => canUpdate,
                "viewerCanClose" => canUpdate && !project.Closed,
                "viewerCanReopen" => canUpdate && project.Closed,
                "field" => project.Fields.FirstOrDefault(f => f.Name == (string?)arguments["name"]) is { } named ? new Field(context, project, named) : null,
                "fields" => Connection.Of("fields", "ProjectV2FieldConfigurationConnection", "ProjectV2FieldConfigurationEdge", project.Fields.Select(f => (IGraphQLObject)new Field(context, project, f)), arguments),
                "items" => Connection.Of("items", "ProjectV2ItemConnection", "ProjectV2ItemEdge", project.Items.Select(i => (IGraphQLObject)new Item(context, project, i)), arguments),
                _ => throw Unserved(TypeName, field),
            };
        }
    }

    private sealed class Field(Context context, GitHubProjectState project, GitHubProjectFieldState field) : IGraphQLObject
    {
        public string TypeName { get; } = field.DataType switch
        {
            "SINGLE_SELECT" => "ProjectV2SingleSelectField",
            "ITERATION" => "ProjectV2IterationField",
            _ => "ProjectV2Field",
        };

        public object? Resolve(string name, IReadOnlyDictionary<string, JsonNode?> arguments) => name switch
        {
            "id" => field.NodeId,
            "name" => field.Name,
            "dataType" => field.DataType,
            "createdAt" or "updatedAt" => field.CreatedAt,
            "project" => new Project(context, project),
            "options" => field.Options
                .Where(o => arguments.GetValueOrDefault("names") is not JsonArray names || names.Any(n => (string?)n == o.Name))
                .Select(o => (IGraphQLObject)new Option(o))
                .ToList(),
            "configuration" => new IterationConfiguration(context, field),
            _ => throw Unserved(TypeName, name),
        };
    }

    private sealed class Option(GitHubProjectOptionState option) : IGraphQLObject
    {
        public string TypeName => "ProjectV2SingleSelectFieldOption";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments) => field switch
        {
            "id" => option.Id,
            "name" => option.Name,
            "nameHTML" => Html(option.Name),
            "color" => option.Color,
            "description" => option.Description,
            "descriptionHTML" => Html(option.Description),
            _ => throw Unserved(TypeName, field),
        };
    }

    private sealed class IterationConfiguration(Context context, GitHubProjectFieldState field) : IGraphQLObject
    {
        public string TypeName => "ProjectV2IterationFieldConfiguration";

        public object? Resolve(string name, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            // GitHub lists the iterations not yet over (the current one and those to come) apart from the completed ones.
            bool Over(GitHubProjectIterationState i) => i.StartDate.AddDays(i.Duration) <= context.Today;
            return name switch
            {
                "iterations" => field.Iterations.Where(i => !Over(i)).OrderBy(i => i.StartDate).Select(i => (IGraphQLObject)new Iteration(i)).ToList(),
                "completedIterations" => field.Iterations.Where(Over).OrderByDescending(i => i.StartDate).Select(i => (IGraphQLObject)new Iteration(i)).ToList(),
                "duration" => field.IterationDuration,
                "startDay" => field.Iterations.Count == 0 ? 1 : ((int)field.Iterations.Min(i => i.StartDate).DayOfWeek + 6) % 7 + 1,
                _ => throw Unserved(TypeName, name),
            };
        }
    }

    private sealed class Iteration(GitHubProjectIterationState iteration) : IGraphQLObject
    {
        public string TypeName => "ProjectV2IterationFieldIteration";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments) => field switch
        {
            "id" => iteration.Id,
            "title" => iteration.Title,
            "titleHTML" => Html(iteration.Title),
            "startDate" => iteration.StartDate,
            "duration" => iteration.Duration,
            _ => throw Unserved(TypeName, field),
        };
    }

    private sealed class Item(Context context, GitHubProjectState project, GitHubProjectItemState item) : IGraphQLObject
    {
        public string TypeName => "ProjectV2Item";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments) => field switch
        {
            "id" => item.NodeId,
            "type" => "ISSUE",
            "isArchived" => item.Archived,
            "createdAt" => item.CreatedAt,
            "updatedAt" => item.UpdatedAt,
            "project" => new Project(context, project),
            "content" => context.IssueByNodeId(item.ContentNodeId) is { } issue ? new Issue(context, issue.Repo, issue.Issue) : null,
            "fieldValueByName" => Values().FirstOrDefault(v => v.Definition.Name == (string?)arguments["name"]),
            "fieldValues" => Connection.Of("fieldValues", "ProjectV2ItemFieldValueConnection", "ProjectV2ItemFieldValueEdge", Values(), arguments),
            _ => throw Unserved(TypeName, field),
        };

        private List<FieldValue> Values() =>
        [
            .. project.Fields
                .Select(f => (Field: f, Value: item.Values.FirstOrDefault(v => v.FieldNodeId == f.NodeId)))
                .Where(p => p.Value is not null)
                .Select(p => new FieldValue(context, project, item, p.Field, p.Value!)),
        ];
    }

    private sealed class FieldValue(Context context, GitHubProjectState project, GitHubProjectItemState item, GitHubProjectFieldState projectField, GitHubProjectValueState value) : IGraphQLObject
    {
        public GitHubProjectFieldState Definition => projectField;

        public string TypeName => projectField.DataType == "ITERATION" ? "ProjectV2ItemFieldIterationValue" : "ProjectV2ItemFieldSingleSelectValue";

        public object? Resolve(string name, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            var option = projectField.Options.FirstOrDefault(o => o.Id == value.OptionId);
            var iteration = projectField.Iterations.FirstOrDefault(i => i.Id == value.IterationId);
            return name switch
            {
                "id" => NodeId(projectField.DataType == "ITERATION" ? "PVTFIV" : "PVTFSV", item.Id * 1000 + project.Fields.IndexOf(projectField)),
                "createdAt" or "updatedAt" => value.UpdatedAt,
                "field" => new Field(context, project, projectField),
                "item" => new Item(context, project, item),
                "name" => option?.Name,
                "nameHTML" => option is null ? null : Html(option.Name),
                "optionId" => value.OptionId,
                "color" => option?.Color ?? "GRAY",
                "description" => option?.Description,
                "descriptionHTML" => option is null ? null : Html(option.Description),
                "iterationId" => value.IterationId,
                "title" => iteration?.Title,
                "titleHTML" => iteration is null ? null : Html(iteration.Title),
                "startDate" => iteration?.StartDate,
                "duration" => iteration?.Duration,
                _ => throw Unserved(TypeName, name),
            };
        }
    }

    private sealed class MutationRoot(Context context) : IGraphQLObject
    {
        public string TypeName => "Mutation";

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments)
        {
            var input = (JsonObject)arguments["input"]!;
            var clientMutationId = (string?)input["clientMutationId"];
            var project = context.Project((string)input["projectId"]!) ?? throw NoNode((string)input["projectId"]!);
            return field switch
            {
                "addProjectV2ItemById" => new Payload("AddProjectV2ItemByIdPayload", "item", clientMutationId, new Item(context, project, AddItem(project, (string)input["contentId"]!))),
                "updateProjectV2ItemFieldValue" => new Payload("UpdateProjectV2ItemFieldValuePayload", "projectV2Item", clientMutationId, new Item(context, project, SetValue(project, input))),
                _ => throw Unserved(TypeName, field),
            };
        }

        /// <summary>An issue already on the project gives its item: adding is repeatable.</summary>
        private GitHubProjectItemState AddItem(GitHubProjectState project, string contentId)
        {
            if (context.IssueByNodeId(contentId) is null)
                throw NoNode(contentId);
            if (project.Items.FirstOrDefault(i => i.ContentNodeId == contentId) is { } existing)
                return existing;
            var id = context.State.NextId++;
            var item = new GitHubProjectItemState
            {
                Id = id,
                NodeId = NodeId("PVTI", id),
                ContentNodeId = contentId,
                Creator = context.Caller.Login!,
                CreatedAt = context.Now,
                UpdatedAt = context.Now,
            };
            project.Items.Add(item);
            project.UpdatedAt = context.Now;
            context.Changed = true;
            return item;
        }

        private GitHubProjectItemState SetValue(GitHubProjectState project, JsonObject input)
        {
            var itemId = (string)input["itemId"]!;
            var fieldId = (string)input["fieldId"]!;
            var item = project.Items.FirstOrDefault(i => i.NodeId == itemId) ?? throw NoNode(itemId);
            var field = project.Fields.FirstOrDefault(f => f.NodeId == fieldId) ?? throw NoNode(fieldId);
            var value = (JsonObject)input["value"]!;
            var given = value.Where(v => v.Value is not null).Select(v => v.Key).ToList();
            if (given.Count != 1)
                throw new GraphQLFieldException("UNPROCESSABLE", "Exactly one of text, number, date, singleSelectOptionId and iterationId must be given.");
            string? optionId = null;
            string? iterationId = null;
            switch (field.DataType, given[0])
            {
                case ("SINGLE_SELECT", "singleSelectOptionId"):
                    optionId = (string)value["singleSelectOptionId"]!;
                    if (field.Options.All(o => o.Id != optionId))
                        throw new GraphQLFieldException("UNPROCESSABLE", $"The single select option Id does not belong to the field");
                    break;
                case ("ITERATION", "iterationId"):
                    iterationId = (string)value["iterationId"]!;
                    if (field.Iterations.All(i => i.Id != iterationId))
                        throw new GraphQLFieldException("UNPROCESSABLE", $"The iteration Id does not belong to the field");
                    break;
                case ("SINGLE_SELECT" or "ITERATION", _):
                    throw new GraphQLFieldException("UNPROCESSABLE", $"Did not receive {(field.DataType == "ITERATION" ? "an iteration Id" : "a single select option Id")} to update a field of type {field.DataType.ToLowerInvariant()}");
                default:
                    throw new GraphQLFieldException("UNPROCESSABLE", $"The sandbox sets only single-select and iteration fields, not {field.DataType.ToLowerInvariant()} ones.");
            }

            var current = item.Values.FirstOrDefault(v => v.FieldNodeId == field.NodeId);
            if (current is not null && current.OptionId == optionId && current.IterationId == iterationId)
                return item;
            if (current is null)
            {
                current = new GitHubProjectValueState { FieldNodeId = field.NodeId };
                item.Values.Add(current);
            }

            current.OptionId = optionId;
            current.IterationId = iterationId;
            current.Creator = context.Caller.Login!;
            current.UpdatedAt = context.Now;
            item.UpdatedAt = context.Now;
            project.UpdatedAt = context.Now;
            context.Changed = true;
            return item;
        }
    }

    private sealed class Payload(string typeName, string itemField, string? clientMutationId, IGraphQLObject item) : IGraphQLObject
    {
        public string TypeName => typeName;

        public object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments) =>
            field == itemField ? item : field == "clientMutationId" ? clientMutationId : throw Unserved(TypeName, field);
    }
}

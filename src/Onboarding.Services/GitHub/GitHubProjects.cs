using Onboarding.Core.Configuration;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Services.GitHub;
using Onboarding.Services.Http;
using Polly.Timeout;

namespace Onboarding.Services.GitHub;

/// <summary>
/// <see cref="IGitHubProjects"/> through GitHub's GraphQL API (projects are reached only there), with the infrastructure
/// repository's token, over the shared resilient HTTP pipeline and GitHub's rate-limit handling. Every operation is
/// safe to repeat (reads; adding an issue already on the project gives its item; a field is set to an absolute value),
/// so all are retried like reads. GraphQL answers most failures with HTTP 200 and an <c>errors</c> array; those become
/// <see cref="ServiceException"/>s whose sentence names the permission when access is the problem.
/// </summary>
public sealed class GitHubProjects : IGitHubProjects, IDisposable
{
    /// <summary>Issues asked about in one query (each is an aliased field).</summary>
    public const int IssuesPerQuery = 50;

    private const string ReadProjectQuery = """
        query Project($owner: String!, $number: Int!) {
          organization(login: $owner) {
            projectV2(number: $number) {
              id
              title
              url
              closed
              viewerCanUpdate
              fields(first: 50) {
                nodes {
                  ... on ProjectV2Field { id name dataType }
                  ... on ProjectV2SingleSelectField { id name dataType options { id name } }
                  ... on ProjectV2IterationField {
                    id
                    name
                    dataType
                    configuration {
                      iterations { id title startDate duration }
                      completedIterations { id title startDate duration }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    private const string AddItemMutation = """
        mutation AddItem($project: ID!, $content: ID!) {
          addProjectV2ItemById(input: {projectId: $project, contentId: $content}) { item { id } }
        }
        """;

    private const string SetOptionMutation = """
        mutation SetColumn($project: ID!, $item: ID!, $field: ID!, $option: String!) {
          updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $item, fieldId: $field, value: {singleSelectOptionId: $option}}) { projectV2Item { id } }
        }
        """;

    private const string SetIterationMutation = """
        mutation SetIteration($project: ID!, $item: ID!, $field: ID!, $iteration: String!) {
          updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $item, fieldId: $field, value: {iterationId: $iteration}}) { projectV2Item { id } }
        }
        """;

    private readonly GitHubClientOptions _options;
    private readonly BoardSettings _board;
    private readonly HttpClient _http;

    /// <param name="options">The GitHub host, the infrastructure repository and the token (as for <see cref="GitHubClient"/>).</param>
    /// <param name="board">The configured project (<c>github.project</c>).</param>
    public GitHubProjects(GitHubClientOptions options, BoardSettings board, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(board);
        _options = options;
        _board = board;
        time ??= TimeProvider.System;
        var endpoint = options.Endpoint with { BaseAddress = GraphQLAddress(options.Endpoint.BaseAddress) };
        var rateLimits = new GitHubRateLimitHandler(endpoint, time)
        {
            InnerHandler = network ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false },
        };
        _http = ResilientHttp.CreateClient(endpoint, time, rateLimits);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("onboarding", null));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.Token is { } token)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>https://api.github.com/graphql for github.com; otherwise the host's <c>/api/graphql</c>, as GitHub Enterprise Server serves it.</summary>
    public static Uri GraphQLAddress(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (baseAddress.Host is "github.com" or "api.github.com")
            return new Uri("https://api.github.com/graphql");
        var root = baseAddress.AbsoluteUri.TrimEnd('/');
        if (root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase))
            root = root[..^"/api/v3".Length];
        return new Uri(root + "/api/graphql");
    }

    public async Task<ProjectBoard> ReadProjectAsync(CancellationToken cancellationToken = default)
    {
        var data = await SendAsync($"read {_board.Name}", ReadProjectQuery, new JsonObject { ["owner"] = _board.Owner, ["number"] = _board.Number }, cancellationToken);
        var project = data["organization"]?["projectV2"] as JsonObject
            ?? throw new ServiceException("github", $"read {_board.Name}", null, NotFound());
        var fields = new List<ProjectField>();
        foreach (var field in (project["fields"]?["nodes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var configuration = field["configuration"] as JsonObject;
            var iterations = (configuration?["iterations"] as JsonArray ?? []).Concat(configuration?["completedIterations"] as JsonArray ?? []).OfType<JsonObject>();
            fields.Add(new ProjectField(
                Text(field, "id"),
                Text(field, "name"),
                Text(field, "dataType"),
                [.. (field["options"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new ProjectOption(Text(o, "id"), Text(o, "name")))],
                [.. iterations.Select(i => new ProjectIteration(
                    Text(i, "id"), Text(i, "title"), DateOnly.ParseExact(Text(i, "startDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture), (int?)i["duration"] ?? 0))]));
        }

        return new ProjectBoard(Text(project, "id"), Text(project, "title"), new Uri(Text(project, "url")), (bool?)project["closed"] ?? false, (bool?)project["viewerCanUpdate"] ?? false, fields);
    }

    public async Task<IReadOnlyDictionary<int, ProjectItem>> ReadIssueItemsAsync(string projectId, IReadOnlyCollection<int> issueNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(issueNumbers);
        var items = new Dictionary<int, ProjectItem>();
        foreach (var chunk in issueNumbers.Distinct().Order().Chunk(IssuesPerQuery))
        {
            var variables = new JsonObject { ["owner"] = _options.Owner, ["name"] = _options.Repository, ["status"] = _board.StatusField };
            if (_board.IterationField is { } iterationField)
                variables["iteration"] = iterationField;
            // An issue gone since it was listed (deleted, transferred) is not found; it is then on no item.
            var data = await SendAsync(
                $"read the project items of issues in {_options.Owner}/{_options.Repository}", ItemsQuery(chunk), variables, cancellationToken,
                tolerate: error => (string?)error["type"] == "NOT_FOUND" && error["path"] is JsonArray { Count: 2 } path && ((string?)path[1])?.StartsWith("issue", StringComparison.Ordinal) == true);
            foreach (var number in chunk)
            {
                var nodes = data["repository"]?[$"issue{number}"]?["projectItems"]?["nodes"] as JsonArray ?? [];
                var item = nodes.OfType<JsonObject>().FirstOrDefault(n => (string?)n["project"]?["id"] == projectId);
                if (item is not null)
                    items[number] = new ProjectItem(Text(item, "id"), (bool?)item["isArchived"] ?? false, (string?)item["status"]?["name"], (string?)item["iteration"]?["title"]);
            }
        }

        return items;
    }

    public async Task<string> AddItemAsync(string projectId, string contentId, CancellationToken cancellationToken = default)
    {
        var data = await SendAsync($"add an issue to {_board.Name}", AddItemMutation, new JsonObject { ["project"] = projectId, ["content"] = contentId }, cancellationToken);
        return (string?)data["addProjectV2ItemById"]?["item"]?["id"]
            ?? throw new ServiceException("github", $"add an issue to {_board.Name}", null, $"Could not add an issue to {_board.Name}: GitHub's answer named no item.");
    }

    public Task SetOptionAsync(string projectId, string itemId, string fieldId, string optionId, CancellationToken cancellationToken = default) =>
        SendAsync($"set the column of an item on {_board.Name}", SetOptionMutation,
            new JsonObject { ["project"] = projectId, ["item"] = itemId, ["field"] = fieldId, ["option"] = optionId }, cancellationToken);

    public Task SetIterationAsync(string projectId, string itemId, string fieldId, string iterationId, CancellationToken cancellationToken = default) =>
        SendAsync($"set the iteration of an item on {_board.Name}", SetIterationMutation,
            new JsonObject { ["project"] = projectId, ["item"] = itemId, ["field"] = fieldId, ["iteration"] = iterationId }, cancellationToken);

    /// <summary>
    /// What a later <c>doctor</c> reports about the configured project, read-only: one sentence per problem (the
    /// project cannot be read, a field or column the configuration names is missing, the token may not change items);
    /// empty when apply can schedule issues there.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken = default)
    {
        ProjectBoard project;
        try
        {
            project = await ReadProjectAsync(cancellationToken);
        }
        catch (ServiceException e)
        {
            return [e.Message];
        }

        var (board, problems) = ObservedBoard.From(_board, project);
        if (board is { CanUpdate: false })
            return [$"The GitHub token can read {_board.Name} ({project.Title}) but not change it: {Permission}"];
        return problems;
    }

    public void Dispose() => _http.Dispose();

    private const string Permission =
        "a classic token needs the 'project' scope (reading alone needs 'read:project'); a fine-grained token or a GitHub App needs the organisation permission 'Projects: read and write'.";

    /// <summary>One aliased <c>issue(number:)</c> per issue, with its items and their column and iteration.</summary>
    private string ItemsQuery(IEnumerable<int> numbers)
    {
        var iteration = _board.IterationField is not null;
        var query = new StringBuilder();
        query.Append(iteration ? "query Items($owner: String!, $name: String!, $status: String!, $iteration: String!) {\n" : "query Items($owner: String!, $name: String!, $status: String!) {\n");
        query.Append("  repository(owner: $owner, name: $name) {\n");
        foreach (var number in numbers)
        {
            query.Append(CultureInfo.InvariantCulture, $"    issue{number}: issue(number: {number}) {{ projectItems(first: 50) {{ nodes {{ id isArchived project {{ id }} ");
            query.Append("status: fieldValueByName(name: $status) { ... on ProjectV2ItemFieldSingleSelectValue { name } } ");
            if (iteration)
                query.Append("iteration: fieldValueByName(name: $iteration) { ... on ProjectV2ItemFieldIterationValue { title } } ");
            query.Append("} } }\n");
        }

        query.Append("  }\n}\n");
        return query.ToString();
    }

    /// <param name="tolerate">Errors that still leave the answer usable (a field that is null for a reason the caller expects).</param>
    private async Task<JsonObject> SendAsync(string operation, string query, JsonObject variables, CancellationToken cancellationToken, Func<JsonObject, bool>? tolerate = null)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, (Uri?)null) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.MarkIdempotent();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var said = e is HttpRequestException or IOException ? "The connection to GitHub failed." : "GitHub did not answer in time.";
            throw new ServiceException("github", operation, null, $"Could not {operation}: {said} The change may or may not have been made; run again to reconcile.", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new ServiceException("github", operation, (int)response.StatusCode, $"Could not {operation}: {StatusSentence(response.StatusCode, text)}");
            JsonObject answer;
            try
            {
                answer = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException e)
            {
                throw new ServiceException("github", operation, 200, $"Could not {operation}: GitHub's GraphQL answer was not JSON.", e);
            }

            if (answer["errors"] is JsonArray errors && errors.OfType<JsonObject>().Where(e => tolerate?.Invoke(e) != true).ToList() is { Count: > 0 } failed)
                throw new ServiceException("github", operation, Status(failed), $"Could not {operation}: {ErrorSentence(failed)}");
            return answer["data"] as JsonObject ?? throw new ServiceException("github", operation, 200, $"Could not {operation}: GitHub's GraphQL answer had no data.");
        }
    }

    private string StatusSentence(HttpStatusCode status, string text)
    {
        var message = Message(text);
        return (int)status switch
        {
            401 => _options.Token is null ? "GitHub's GraphQL API requires a token." : $"GitHub did not accept the token ({message}); check that it is current.",
            403 or 429 => $"GitHub's rate limit stopped the request ({message}); wait and try again.",
            >= 500 => $"GitHub failed with {(int)status} ({message}). The change may or may not have been made; run again to reconcile.",
            _ => $"GitHub answered {(int)status} ({message}).",
        };
    }

    /// <summary>The first error, in words; when access is the problem, what the token needs.</summary>
    private string ErrorSentence(List<JsonObject> errors)
    {
        var first = errors[0];
        var type = (string?)first["type"];
        var message = ((string?)first["message"] ?? "no message").Trim();
        return type switch
        {
            "INSUFFICIENT_SCOPES" or "FORBIDDEN" => $"the GitHub token may not use {_board.Name} (GitHub said: {message.TrimEnd('.')}). {char.ToUpperInvariant(Permission[0])}{Permission[1..]}",
            "NOT_FOUND" when first["path"] is JsonArray path && path.Any(p => (string?)p == "projectV2") => NotFound(),
            "NOT_FOUND" => $"GitHub found no such thing ({message.TrimEnd('.')}).",
            _ => $"GitHub refused the request ({message.TrimEnd('.')}).",
        };
    }

    private string NotFound() =>
        $"GitHub has no project {_board.Number} of the organisation {_board.Owner} that the token can see; check github.project in onboarding.yaml, and that the token may read the project ({Permission.TrimEnd('.')}).";

    private static int? Status(List<JsonObject> errors) =>
        (string?)errors[0]["type"] switch
        {
            "INSUFFICIENT_SCOPES" or "FORBIDDEN" => 403,
            "NOT_FOUND" => 404,
            _ => 422,
        };

    private static string Message(string text)
    {
        try
        {
            return (string?)(JsonNode.Parse(text) as JsonObject)?["message"] ?? "no message";
        }
        catch (JsonException)
        {
            return "no message";
        }
    }

    private static string Text(JsonObject node, string name) =>
        (string?)node[name] ?? throw new ServiceException("github", "read a project", 200, $"GitHub's answer about a project had no {name}.");
}

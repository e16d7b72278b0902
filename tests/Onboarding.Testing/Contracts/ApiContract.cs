using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Testing.Contracts;

/// <summary>A request body as a description gives it.</summary>
/// <param name="Name">What the description calls it (a schema name), for messages; null when it is written inline.</param>
public sealed record RequestBody(JsonObject Schema, bool Required, string? Name);

/// <summary>One operation of a service: its method, its path template (<c>/crm/v3/objects/{objectType}</c>), and what it takes.</summary>
/// <param name="MultiSegment">Path parameters that may span several segments (GitHub's contents <c>{path}</c>).</param>
public sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyDictionary<string, JsonObject> PathParameters,
    IReadOnlyDictionary<string, JsonObject> QueryParameters,
    IReadOnlySet<string> RequiredQuery,
    RequestBody? Body,
    IReadOnlySet<string> MultiSegment)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// A vendor's description of its API, reduced to what a request must meet: which method and path exist, which query
/// parameters each takes and of what type, and the schema of its body. Loaded from HubSpot's contract extract
/// (<see cref="HubSpotContract"/>), GitHub's OpenAPI file (<see cref="OpenApiContract"/>) or the Freshdesk facts
/// (<see cref="FreshdeskFacts"/>); checked by one set of rules (<see cref="SchemaRules"/>).
/// </summary>
public sealed class ApiContract
{
    private readonly Func<string, JsonObject> _resolve;

    public ApiContract(string vendor, IEnumerable<ApiOperation> operations, Func<string, JsonObject> resolve)
    {
        ArgumentNullException.ThrowIfNull(operations);
        Vendor = vendor;
        // Most literal segments first, so /crm/v3/objects/contacts/batch/read wins over /crm/v3/objects/{objectType}/batch/read.
        Operations = [.. operations.OrderByDescending(o => Segments(o.Path).Count(s => !IsParameter(s)))];
        _resolve = resolve;
    }

    public string Vendor { get; }

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>The operation <paramref name="method"/> on <paramref name="path"/> is, or null when the description has none.</summary>
    public ApiOperation? Find(string method, string path) =>
        Operations.FirstOrDefault(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && Match(o, path) is not null);

    /// <summary>The operation a request is for, and everything in it the description does not allow.</summary>
    /// <param name="path">The decoded path, relative to the API's root (<c>/crm/v3/objects/contacts</c>).</param>
    /// <param name="query">The query string as sent, with or without its leading <c>?</c>.</param>
    /// <param name="body">The body as sent; null or empty when there was none.</param>
    /// <param name="features">Features the account has (a field that needs another is refused).</param>
    public (string Operation, IReadOnlyList<SchemaProblem> Problems) Check(string method, string path, string query, string? body, IReadOnlySet<string> features)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var matches = Operations.Select(o => (Operation: o, Values: Match(o, path))).Where(m => m.Values is not null).ToList();
        if (matches.Count == 0)
            return ($"{method} {path}", [new("path", "path", $"{path} is not a path the {Vendor} description knows")]);
        var (operation, values) = matches.FirstOrDefault(m => string.Equals(m.Operation.Method, method, StringComparison.OrdinalIgnoreCase));
        if (operation is null)
        {
            var allowed = string.Join(", ", matches.Select(m => m.Operation.Method).Distinct(StringComparer.Ordinal));
            return ($"{method} {matches[0].Operation.Path}", [new("method", "method", $"{method} is not an operation on {matches[0].Operation.Path} (the description has {allowed})")]);
        }

        var rules = new SchemaRules(_resolve, features);
        var problems = new List<SchemaProblem>();
        foreach (var (name, value) in values!)
        {
            var schema = operation.PathParameters.GetValueOrDefault(name) ?? new JsonObject { ["type"] = "string" };
            CheckText([value], schema, $"path parameter '{name}'", rules, problems);
        }

        CheckQuery(operation, query ?? "", rules, problems);
        CheckBody(operation, body, rules, problems);
        return (operation.ToString(), problems);
    }

    /// <summary>Throws when any schema the operations use has a keyword the rules do not know, or a <c>$ref</c> that leads nowhere.</summary>
    /// <exception cref="InvalidOperationException">The first such place.</exception>
    public void EnsureUnderstood()
    {
        var rules = new SchemaRules(_resolve, new HashSet<string>());
        foreach (var operation in Operations)
        {
            foreach (var (name, schema) in operation.PathParameters.Concat(operation.QueryParameters))
                rules.EnsureUnderstood(schema, $"{operation} parameter {name}");
            if (operation.Body is { } body)
                rules.EnsureUnderstood(body.Schema, $"{operation} body");
        }
    }

    /// <summary>The path parameters' values when <paramref name="path"/> fits the operation's template; null otherwise.</summary>
    private static Dictionary<string, string>? Match(ApiOperation operation, string path)
    {
        var template = Segments(operation.Path);
        var actual = Segments(path);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (at >= actual.Length)
                return null;
            if (!IsParameter(template[i]))
            {
                if (!string.Equals(template[i], actual[at++], StringComparison.Ordinal))
                    return null;
                continue;
            }

            var name = template[i][1..^1];
            if (actual[at].Length == 0)
                return null;
            if (operation.MultiSegment.Contains(name))
            {
                // The rest of the path, less the literal segments the template still has after it.
                var rest = actual.Length - at - (template.Length - i - 1);
                if (rest < 1)
                    return null;
                values[name] = string.Join('/', actual[at..(at + rest)]);
                at += rest;
            }
            else
            {
                values[name] = actual[at++];
            }
        }

        return at == actual.Length ? values : null;
    }

    private static string[] Segments(string path) => path.TrimStart('/').Split('/');

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    private void CheckQuery(ApiOperation operation, string query, SchemaRules rules, List<SchemaProblem> problems)
    {
        var given = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Decode(pair[0]), pair => pair.Length > 1 ? Decode(pair[1]) : "", StringComparer.Ordinal)
            .ToList();
        foreach (var parameter in given)
        {
            var where = $"query parameter '{parameter.Key}'";
            if (!operation.QueryParameters.TryGetValue(parameter.Key, out var schema))
            {
                var known = operation.QueryParameters.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", operation.QueryParameters.Keys.Order(StringComparer.Ordinal));
                problems.Add(new(where, "unknown-parameter", $"is not a query parameter of {operation} ({known})"));
                continue;
            }

            CheckText([.. parameter], schema, where, rules, problems);
        }

        foreach (var missing in operation.RequiredQuery.Where(r => !given.Any(g => g.Key == r)))
            problems.Add(new($"query parameter '{missing}'", "required", "is required but missing"));
    }

    private static void CheckBody(ApiOperation operation, string? body, SchemaRules rules, List<SchemaProblem> problems)
    {
        var described = operation.Body;
        var named = described?.Name is { } name ? $" ({name})" : "";
        if (string.IsNullOrEmpty(body))
        {
            if (described is { Required: true })
                problems.Add(new("body", "required", $"is missing; {operation} requires one{named}"));
            return;
        }

        if (described is null)
        {
            problems.Add(new("body", "unknown-body", $"was sent, but {operation} takes none"));
            return;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            problems.Add(new("body", "json", $"is not JSON ({e.Message}); {operation} takes JSON{named}"));
            return;
        }

        problems.AddRange(rules.Check(json, described.Schema, "body"));
    }

    /// <summary>
    /// Checks a parameter's text against its schema: a scalar is read as the schema's type says (42, true), an array
    /// from repeated parameters or one comma-separated value (HubSpot's <c>properties=a,b</c>).
    /// </summary>
    private void CheckText(IReadOnlyList<string> texts, JsonObject schema, string where, SchemaRules rules, List<SchemaProblem> problems)
    {
        var type = Scalar(schema);
        if (type == "array")
        {
            var itemSchema = schema["items"] as JsonObject ?? new JsonObject();
            var items = texts.SelectMany(t => t.Split(',')).Select(t => Typed(t, Scalar(itemSchema))).ToList();
            if (items.Any(i => i.Problem is not null))
            {
                problems.Add(new(where, "type", items.First(i => i.Problem is not null).Problem!));
                return;
            }

            problems.AddRange(rules.Check(new JsonArray([.. items.Select(i => i.Value)]), schema, where));
            return;
        }

        if (texts.Count > 1)
        {
            problems.Add(new(where, "repeated", $"is given {texts.Count} times; it takes one value"));
            return;
        }

        var (value, problem) = Typed(texts[0], type);
        if (problem is not null)
            problems.Add(new(where, "type", problem));
        else
            problems.AddRange(rules.Check(value, schema, where));
    }

    /// <summary>The type a parameter's text is read as (following <c>$ref</c>); a schema with alternatives or none is read as text.</summary>
    private string Scalar(JsonObject schema) => schema["type"] switch
    {
        null when schema["$ref"] is JsonValue reference => Scalar(_resolve(reference.GetValue<string>())),
        JsonValue single => single.GetValue<string>(),
        JsonArray several => several.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "string",
        _ => "string",
    };

    private static (JsonNode? Value, string? Problem) Typed(string text, string type) => type switch
    {
        "integer" => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? (JsonValue.Create(n), null)
            : (null, $"is '{text}'; the description says integer"),
        "number" => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? (JsonValue.Create(d), null)
            : (null, $"is '{text}'; the description says number"),
        "boolean" => text is "true" or "false"
            ? (JsonValue.Create(text == "true"), null)
            : (null, $"is '{text}'; the description says true or false"),
        _ => (JsonValue.Create(text), null),
    };

    /// <summary>Query text as a server reads it: percent escapes decoded, + as a space.</summary>
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}

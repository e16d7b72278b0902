using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Onboarding.Testing.Contracts;

/// <summary>
/// GitHub's OpenAPI description (TestData/api.github.com.trimmed.json). <see cref="Check"/> holds a response to it: the
/// status must be declared for the operation and the JSON body must validate against that response's schema.
/// <see cref="Requests"/> is the same description as an <see cref="ApiContract"/>, which holds requests to it, strictly.
/// </summary>
/// <remarks>
/// The OpenAPI 3.0 component schemas become one JSON Schema document: <c>#/components/schemas/X</c> refs point at
/// <c>#/definitions/X</c>, <c>nullable: true</c> becomes a type array with "null" (or an anyOf with null), <c>oneOf</c>
/// becomes <c>anyOf</c> (nullable alternatives overlap on null), and OpenAPI-only keywords are dropped.
/// GitHub answers 401, 403 and 429 (auth and rate limits) and 5xx on every operation but declares them on few; such an
/// undeclared status is accepted only with a <c>basic-error</c> body. Responses are validated as JSON Schema reads them
/// (properties the schema does not list are allowed, since GitHub adds fields); requests are held to the stricter
/// <see cref="SchemaRules"/>, since what we send must be only what is described.
/// </remarks>
public sealed class OpenApiContract
{
    private static readonly int[] GlobalStatuses = [401, 403, 429, 500, 502, 503, 504];
    private static readonly string[] Dropped = ["discriminator", "example", "examples", "deprecated", "externalDocs", "xml"];
    private static readonly Lazy<OpenApiContract> Shared = new(() => new OpenApiContract(ContractFiles.Read(File)));

    private readonly JsonObject _spec;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private OpenApiContract(JsonObject spec)
    {
        _spec = spec;
        _definitions = new JsonObject();
        foreach (var (name, schema) in _spec["components"]!["schemas"]!.AsObject())
            _definitions[name] = ConvertSchema(schema!);
        Requests = new ApiContract("GitHub", RequestOperations(), ContractFiles.Resolver(_spec["components"]!["schemas"]!.AsObject(), "#/components/schemas/", File));
    }

    public const string File = "api.github.com.trimmed.json";

    public static OpenApiContract Instance => Shared.Value;

    /// <summary>What each operation takes: path and query parameters, and the JSON body.</summary>
    public ApiContract Requests { get; }

    /// <summary>Problems with one response; empty when it conforms. <paramref name="apiPath"/> is the path after /api/v3.</summary>
    public IReadOnlyList<string> Check(string method, string apiPath, int status, string body)
    {
        var what = $"{method} {apiPath} -> {status}";
        if (Requests.Find(method, apiPath) is not { } operation)
            return [$"{what}: no operation in the description"];
        var responses = _spec["paths"]![operation.Path]![method.ToLowerInvariant()]!["responses"]!.AsObject();
        JsonNode? schemaNode;
        string key;
        if (responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is { } declared)
        {
            var response = Resolve(declared);
            var content = response["content"]?.AsObject();
            if (content is null)
                return body.Length == 0 ? [] : [$"{what}: the description declares no body, got one"];
            schemaNode = content["application/json"]?["schema"] ?? content.First().Value?["schema"];
            key = $"{method} {operation.Path} {status}";
        }
        else if (GlobalStatuses.Contains(status))
        {
            schemaNode = new JsonObject { ["$ref"] = "#/components/schemas/basic-error" };
            key = "basic-error";
        }
        else
        {
            return [$"{what}: status not declared for {operation.Path}"];
        }

        if (schemaNode is null)
            return [];
        var schema = _schemas.GetOrAdd(key, _ => Build(schemaNode));
        var errors = schema.Validate(body);
        return [.. errors.Select(e => $"{what}: {e}")];
    }

    private IEnumerable<ApiOperation> RequestOperations()
    {
        foreach (var (path, item) in _spec["paths"]!.AsObject())
        {
            var shared = Parameters(item!["parameters"]);
            foreach (var (method, operation) in item.AsObject().Where(p => p.Key != "parameters"))
            {
                var parameters = shared.Concat(Parameters(operation!["parameters"])).ToList();
                RequestBody? body = null;
                if (operation["requestBody"] is { } requestBody)
                {
                    var described = Component(requestBody, "requestBodies");
                    var schema = described["content"]?["application/json"]?["schema"] as JsonObject
                        ?? throw new InvalidOperationException($"{File}: {method.ToUpperInvariant()} {path} takes a body that is not JSON, which the contract check cannot read.");
                    body = new RequestBody(schema, described["required"]?.GetValue<bool>() ?? false, schema["$ref"]?.GetValue<string>());
                }

                yield return new ApiOperation(
                    method.ToUpperInvariant(),
                    path,
                    In(parameters, "path"),
                    In(parameters, "query"),
                    parameters.Where(p => p["in"]!.GetValue<string>() == "query" && p["required"]?.GetValue<bool>() == true)
                        .Select(p => p["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
                    body,
                    parameters.Where(p => p["x-multi-segment"]?.GetValue<bool>() == true).Select(p => p["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal));
            }
        }
    }

    private List<JsonObject> Parameters(JsonNode? list) =>
        [.. (list as JsonArray ?? []).Select(p => Component(p!, "parameters"))];

    private static Dictionary<string, JsonObject> In(IEnumerable<JsonObject> parameters, string location) =>
        parameters.Where(p => p["in"]!.GetValue<string>() == location)
            .ToDictionary(p => p["name"]!.GetValue<string>(), p => p["schema"]!.AsObject(), StringComparer.Ordinal);

    /// <summary>A parameter or request body, following its <c>$ref</c> into <c>components</c>.</summary>
    private JsonObject Component(JsonNode node, string kind)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
            node = _spec["components"]![kind]![reference.Split('/')[^1]] ?? throw new InvalidOperationException($"{File} defines no {reference}.");
        return node.AsObject();
    }

    private JsonNode Resolve(JsonNode response)
    {
        while (response["$ref"]?.GetValue<string>() is { } reference)
            response = _spec["components"]!["responses"]![reference.Split('/')[^1]]!;
        return response;
    }

    private JsonSchema Build(JsonNode responseSchema)
    {
        var document = ConvertSchema(responseSchema).AsObject();
        document["definitions"] = _definitions.DeepClone();
        return JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
    }

    private static JsonNode ConvertSchema(JsonNode node)
    {
        if (node is not JsonObject source)
            return node.DeepClone();
        var result = new JsonObject();
        var nullable = false;
        foreach (var (key, value) in source)
        {
            if (value is null || Dropped.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal))
                continue;
            switch (key)
            {
                case "nullable":
                    nullable = value.GetValue<bool>();
                    break;
                case "$ref":
                    result[key] = value.GetValue<string>().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                    break;
                case "properties":
                    var properties = new JsonObject();
                    foreach (var (name, property) in value.AsObject())
                        properties[name] = ConvertSchema(property!);
                    result[key] = properties;
                    break;
                case "items" or "not" or "additionalProperties":
                    result[key] = ConvertSchema(value);
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    result[key == "oneOf" ? "anyOf" : key] = new JsonArray([.. value.AsArray().Select(s => ConvertSchema(s!))]);
                    break;
                default:
                    result[key] = value.DeepClone();
                    break;
            }
        }

        if (!nullable)
            return result;
        if (result["type"] is JsonValue type && !result.ContainsKey("$ref"))
        {
            result["type"] = new JsonArray(type.GetValue<string>(), "null");
            if (result["enum"] is JsonArray values)
                values.Add(null);
            return result;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>
/// Checks a response against GitHub's OpenAPI description (TestData/api.github.com.trimmed.json): the status must be
/// declared for the operation and the JSON body must validate against that response's schema.
/// </summary>
/// <remarks>
/// The OpenAPI 3.0 component schemas become one JSON Schema document: <c>#/components/schemas/X</c> refs point at
/// <c>#/definitions/X</c>, <c>nullable: true</c> becomes a type array with "null" (or an anyOf with null), <c>oneOf</c>
/// becomes <c>anyOf</c> (nullable alternatives overlap on null), and OpenAPI-only keywords are dropped.
/// GitHub answers 401, 403 and 429 (auth and rate limits) and 5xx on every operation but declares them on few; such an
/// undeclared status is accepted only with a <c>basic-error</c> body.
/// </remarks>
internal sealed class OpenApiContract
{
    private static readonly int[] GlobalStatuses = [401, 403, 429, 500, 502, 503, 504];
    private static readonly string[] Dropped = ["discriminator", "example", "examples", "deprecated", "externalDocs", "xml"];
    private static readonly Lazy<OpenApiContract> Shared = new(() => new OpenApiContract(Path.Combine(AppContext.BaseDirectory, "TestData", "api.github.com.trimmed.json")));

    private readonly JsonObject _spec;
    private readonly JsonObject _definitions;
    private readonly List<(Regex Pattern, string Template, int Literals)> _paths = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private OpenApiContract(string file)
    {
        _spec = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        _definitions = new JsonObject();
        foreach (var (name, schema) in _spec["components"]!["schemas"]!.AsObject())
            _definitions[name] = ConvertSchema(schema!);
        foreach (var (template, _) in _spec["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{(\w+)}", m => m.Groups[1].Value == "path" ? "(.+)" : "([^/]+)") + "$";
            var literals = template.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{'));
            _paths.Add((new Regex(pattern, RegexOptions.CultureInvariant), template, literals));
        }

        _paths.Sort((a, b) => b.Literals.CompareTo(a.Literals));
    }

    public static OpenApiContract Instance => Shared.Value;

    /// <summary>Problems with one response; empty when it conforms. <paramref name="apiPath"/> is the path after /api/v3.</summary>
    public IReadOnlyList<string> Check(string method, string apiPath, int status, string body)
    {
        var what = $"{method} {apiPath} -> {status}";
        var match = _paths.FirstOrDefault(p => p.Pattern.IsMatch(apiPath) && _spec["paths"]![p.Template]![method.ToLowerInvariant()] is not null);
        if (match.Template is null)
            return [$"{what}: no operation in the description"];
        var responses = _spec["paths"]![match.Template]![method.ToLowerInvariant()]!["responses"]!.AsObject();
        JsonNode? schemaNode;
        string key;
        if (responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is { } declared)
        {
            var response = Resolve(declared);
            var content = response["content"]?.AsObject();
            if (content is null)
                return body.Length == 0 ? [] : [$"{what}: the description declares no body, got one"];
            schemaNode = content["application/json"]?["schema"] ?? content.First().Value?["schema"];
            key = $"{method} {match.Template} {status}";
        }
        else if (GlobalStatuses.Contains(status))
        {
            schemaNode = new JsonObject { ["$ref"] = "#/components/schemas/basic-error" };
            key = "basic-error";
        }
        else
        {
            return [$"{what}: status not declared for {match.Template}"];
        }

        if (schemaNode is null)
            return [];
        var schema = _schemas.GetOrAdd(key, _ => Build(schemaNode));
        var errors = schema.Validate(body);
        return [.. errors.Select(e => $"{what}: {e}")];
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

using System.Globalization;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>How HubSpot reads request bodies, ids, cursors and limits, and writes times and batch errors; shared by its stores.</summary>
internal static class HubSpotJson
{
    public const int MaxBatchInputs = 100;

    /// <summary>A v4 association batch read names at most this many records (HubSpot's limit since February 2025).</summary>
    public const int MaxAssociationReadInputs = 1000;

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static long IdNumber(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;

    /// <summary>v4 paths and bodies carry record ids as 64-bit numbers.</summary>
    public static long V4Id(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw HubSpotProblem.Validation($"Unable to parse object id {id}: record ids are numbers.");

    public static long ParseCursor(string? after)
    {
        if (string.IsNullOrEmpty(after))
            return long.MinValue;
        return long.TryParse(after, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw HubSpotProblem.Validation($"Invalid 'after' paging cursor: {after}");
    }

    public static int CheckLimit(int? limit, int fallback, int max)
    {
        var value = limit ?? fallback;
        if (value < 1 || value > max)
            throw HubSpotProblem.Validation($"limit must be between 1 and {max}, but was {value}.");
        return value;
    }

    public static JsonObject Paging(string after, string path) => new()
    {
        ["next"] = new JsonObject { ["after"] = after, ["link"] = $"{path}?after={Uri.EscapeDataString(after)}" },
    };

    public static JsonObject RequireObject(JsonNode? body, string inputName) =>
        body as JsonObject ?? throw HubSpotProblem.Validation($"Invalid input JSON on line 1, column 1: Cannot build {inputName}, the request body must be a JSON object");

    public static List<JsonObject> ReadInputs(JsonObject body, string inputName, int max = MaxBatchInputs)
    {
        if (body["inputs"] is not JsonArray inputs)
            throw HubSpotProblem.Validation($"Invalid input JSON on line 1, column 2: Cannot build {inputName}, some of required attributes are not set [inputs]");
        if (inputs.Count > max)
        {
            throw HubSpotProblem.Validation(
                $"Too many inputs: {inputs.Count}. A batch takes at most {max} inputs.",
                [new JsonObject { ["message"] = $"size must be between 0 and {max}", ["code"] = "INVALID_SIZE", ["in"] = "inputs" }]);
        }

        return [.. inputs.Select(i => i as JsonObject ?? throw HubSpotProblem.Validation($"Invalid input JSON: every item of 'inputs' in {inputName} must be an object"))];
    }

    public static JsonObject Obj(JsonObject node, string name) =>
        node[name] as JsonObject ?? throw HubSpotProblem.Validation($"Invalid input JSON: every input needs '{name}': {{\"id\": ...}}");

    public static string? OptionalString(JsonObject node, string name) => node[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => throw HubSpotProblem.Validation($"Invalid input JSON: '{name}' must be a string"),
    };

    public static string RequiredString(JsonObject node, string name, string inputName) =>
        OptionalString(node, name) is { Length: > 0 } s
            ? s
            : throw HubSpotProblem.Validation($"Invalid input JSON on line 1, column 2: Cannot build {inputName}, some of required attributes are not set [{name}]");

    public static List<string> StringList(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => [.. a.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw HubSpotProblem.Validation("Invalid input JSON: expected a list of strings"))],
        _ => throw HubSpotProblem.Validation("Invalid input JSON: expected a list of strings"),
    };

    /// <summary>Reads <c>properties</c>: every value becomes a string (HubSpot accepts numbers and booleans); null clears like "".</summary>
    public static Dictionary<string, string?>? ReadProperties(JsonObject input, string inputName, bool required)
    {
        switch (input["properties"])
        {
            case null when required:
                throw HubSpotProblem.Validation($"Invalid input JSON on line 1, column 2: Cannot build {inputName}, some of required attributes are not set [properties]");
            case null:
                return null;
            case JsonObject props:
                var result = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (name, value) in props)
                {
                    result[name] = value switch
                    {
                        null => "",
                        JsonValue v when v.TryGetValue<string>(out var s) => s,
                        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                        JsonValue v => v.ToJsonString(),
                        _ => throw HubSpotProblem.Validation($"Invalid input JSON: the value of property '{name}' must be a string"),
                    };
                }

                return result;
            default:
                throw HubSpotProblem.Validation($"Invalid input JSON: 'properties' in {inputName} must be an object of property names to string values");
        }
    }

    public static JsonObject BatchError(string category, string message, string contextKey, IEnumerable<string> values) => new()
    {
        ["status"] = "error",
        ["category"] = category,
        ["message"] = message,
        ["context"] = new JsonObject { [contextKey] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]) },
    };
}

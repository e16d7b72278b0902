using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Onboarding.Testing.Contracts;

/// <summary>One way a request breaks its description.</summary>
/// <param name="Where">Where in the request: <c>body.inputs[0].id</c>, <c>query parameter 'limit'</c>, <c>path</c>.</param>
/// <param name="Kind">The rule broken, short and stable (<c>required</c>, <c>unknown-property</c>, <c>type</c>, <c>maxLength</c>, …), for grouping.</param>
/// <param name="Rule">The rule in words, with what was sent.</param>
public sealed record SchemaProblem(string Where, string Kind, string Rule);

/// <summary>
/// Checks a JSON value against a schema written with JSON Schema keywords, as GitHub's OpenAPI description, HubSpot's
/// contract extract and the Freshdesk facts all are. Strict, because it judges what we send: an object whose schema
/// lists its properties may carry no other unless <c>additionalProperties</c> allows it, <c>oneOf</c> means exactly one,
/// <c>requiresFeature</c> refuses a field the account lacks the feature for, and a keyword it does not know is a mistake
/// in the description (an exception), never a rule silently skipped.
/// </summary>
/// <remarks>
/// <c>$ref</c> applies its target as well as the keywords beside it (as JSON Schema 2019 does; OpenAPI 3.0 puts only
/// annotations there). <c>nullable: true</c> (OpenAPI 3.0) and a <c>"null"</c> type both allow null.
/// </remarks>
public sealed partial class SchemaRules(Func<string, JsonObject> resolve, IReadOnlySet<string> features)
{
    private const int MaxDepth = 64;

    private static readonly HashSet<string> Applied =
    [
        "$ref", "type", "nullable", "enum", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
        "uniqueItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "allOf", "anyOf", "oneOf", "not",
        "readOnly", "requiresFeature",
    ];

    private static readonly HashSet<string> Annotations =
        ["description", "title", "example", "examples", "default", "deprecated", "externalDocs", "source", "writeOnly"];

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Every way <paramref name="value"/> (a JSON value that is present; a C# null is JSON null) breaks <paramref name="schema"/>.</summary>
    /// <exception cref="InvalidOperationException">The schema uses a keyword this class does not know, or a <c>$ref</c> that leads nowhere.</exception>
    public IReadOnlyList<SchemaProblem> Check(JsonNode? value, JsonObject schema, string where)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<SchemaProblem>();
        Walk(value, schema, where, problems, new Scope(null, false), 0);
        return problems;
    }

    /// <summary>Throws when <paramref name="schema"/> or anything it refers to uses a keyword this class does not know.</summary>
    /// <exception cref="InvalidOperationException">An unknown keyword, or a <c>$ref</c> that leads nowhere.</exception>
    public void EnsureUnderstood(JsonObject schema, string where)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Understand(schema, where, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <param name="Known">Property names an enclosing schema declares (for alternatives of anyOf/oneOf).</param>
    /// <param name="UnknownChecked">True inside a <c>$ref</c> or <c>allOf</c> part: the enclosing schema judged unknown properties with all parts in view.</param>
    private sealed record Scope(IReadOnlySet<string>? Known, bool UnknownChecked);

    private void Walk(JsonNode? value, JsonObject schema, string where, List<SchemaProblem> problems, Scope scope, int depth)
    {
        if (depth > MaxDepth)
            throw new InvalidOperationException($"The description nests deeper than {MaxDepth} levels at {where}; is a $ref circular?");
        Understood(schema, where);
        if (value is null)
        {
            if (!AllowsNull(schema))
                problems.Add(new(where, "null", "is null; the description does not allow null here"));
            return;
        }

        if (TypeOf(schema) is { } types && !types.Contains(KindOf(value)) && !(KindOf(value) == "integer" && types.Contains("number")))
        {
            problems.Add(new(where, "type", $"is {Article(KindOf(value))}; the description says {string.Join(" or ", types)}"));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => SameValue(a, value)))
            problems.Add(new(where, "enum", $"is {Shown(value)}; allowed: {string.Join(", ", allowed.Select(Shown))}"));
        if (schema["readOnly"] is JsonValue readOnly && readOnly.GetValue<bool>())
            problems.Add(new(where, "read-only", "is read-only; a request may not set it"));
        if (schema["requiresFeature"] is JsonValue feature && !features.Contains(feature.GetValue<string>()))
            problems.Add(new(where, "feature", $"may only be sent when the account has the '{feature.GetValue<string>()}' feature, which it does not"));

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, where, problems, scope, depth);
                break;
            case JsonArray array:
                CheckArray(array, schema, where, problems, depth);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                CheckString(scalar.GetValue<string>(), schema, where, problems);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                CheckNumber(scalar, schema, where, problems);
                break;
        }

        var known = value is JsonObject ? Declared(schema, depth) : null;
        if (schema["$ref"] is JsonValue reference)
            Walk(value, Target(reference, where), where, problems, new Scope(null, true), depth + 1);
        foreach (var part in Parts(schema, "allOf"))
            Walk(value, part, where, problems, new Scope(null, true), depth + 1);
        CheckAlternatives(value, schema, "anyOf", where, problems, known, depth);
        CheckAlternatives(value, schema, "oneOf", where, problems, known, depth);
        if (schema["not"] is JsonObject not && Probe(value, not, where, null, depth).Count == 0)
            problems.Add(new(where, "not", "matches a shape the description rules out"));
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string where, List<SchemaProblem> problems, Scope scope, int depth)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()).Where(n => !obj.ContainsKey(n)))
                problems.Add(new(Member(where, name), "required", "is required but missing"));
        }

        var properties = schema["properties"] as JsonObject;
        foreach (var (name, item) in obj)
        {
            if (properties?[name] is JsonObject property)
                Walk(item, property, Member(where, name), problems, new Scope(null, false), depth + 1);
        }

        if (scope.UnknownChecked)
            return;
        var (closed, extra) = Openness(schema, depth);
        var declared = Declared(schema, depth);
        if (scope.Known is not null)
            declared.UnionWith(scope.Known);
        foreach (var (name, item) in obj.Where(p => !declared.Contains(p.Key)))
        {
            if (extra is not null)
                Walk(item, extra, Member(where, name), problems, new Scope(null, false), depth + 1);
            else if (closed)
                problems.Add(new(Member(where, name), "unknown-property", $"is not a property the description lists ({Listing(declared)})"));
        }
    }

    private void CheckArray(JsonArray array, JsonObject schema, string where, List<SchemaProblem> problems, int depth)
    {
        if (schema["minItems"] is JsonValue min && array.Count < min.GetValue<int>())
            problems.Add(new(where, "minItems", $"has {array.Count} items; at least {min} are required"));
        if (schema["maxItems"] is JsonValue max && array.Count > max.GetValue<int>())
            problems.Add(new(where, "maxItems", $"has {array.Count} items; at most {max} are allowed"));
        if (schema["uniqueItems"] is JsonValue unique && unique.GetValue<bool>()
            && array.Select(i => i?.ToJsonString()).Distinct(StringComparer.Ordinal).Count() < array.Count)
        {
            problems.Add(new(where, "uniqueItems", "repeats an item; the items must be unique"));
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
                Walk(array[i], items, $"{where}[{i}]", problems, new Scope(null, false), depth + 1);
        }
    }

    private static void CheckString(string text, JsonObject schema, string where, List<SchemaProblem> problems)
    {
        var length = text.EnumerateRunes().Count();
        if (schema["minLength"] is JsonValue min && length < min.GetValue<int>())
            problems.Add(new(where, "minLength", $"has {length} characters; at least {min} are required"));
        if (schema["maxLength"] is JsonValue max && length > max.GetValue<int>())
            problems.Add(new(where, "maxLength", $"has {length} characters ({Shown(JsonValue.Create(text))}); at most {max} are allowed"));
        if (schema["pattern"] is JsonValue pattern)
        {
            var regex = Patterns.GetOrAdd(pattern.GetValue<string>(), p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2)));
            if (!regex.IsMatch(text))
                problems.Add(new(where, "pattern", $"is {Shown(JsonValue.Create(text))}, which does not match {pattern.GetValue<string>()}"));
        }

        if (schema["format"] is JsonValue format && !FormatHolds(format.GetValue<string>(), text))
            problems.Add(new(where, "format", $"is {Shown(JsonValue.Create(text))}, which is not a valid {format.GetValue<string>()}"));
    }

    private static void CheckNumber(JsonValue number, JsonObject schema, string where, List<SchemaProblem> problems)
    {
        var value = Decimal(number);
        if (schema["minimum"] is JsonValue min && value < Decimal(min))
            problems.Add(new(where, "minimum", $"is {number.ToJsonString()}; the least allowed is {min.ToJsonString()}"));
        if (schema["maximum"] is JsonValue max && value > Decimal(max))
            problems.Add(new(where, "maximum", $"is {number.ToJsonString()}; the most allowed is {max.ToJsonString()}"));
        var range = schema["format"]?.GetValue<string>() switch
        {
            "int32" => (int.MinValue, (decimal)int.MaxValue),
            "int64" => (long.MinValue, (decimal)long.MaxValue),
            _ => ((decimal?)null, (decimal?)null),
        };
        if (range.Item1 is { } low && range.Item2 is { } high && (value < low || value > high))
            problems.Add(new(where, "format", $"is {number.ToJsonString()}, outside the range of {schema["format"]}"));
    }

    private void CheckAlternatives(JsonNode value, JsonObject schema, string keyword, string where, List<SchemaProblem> problems, IReadOnlySet<string>? known, int depth)
    {
        var alternatives = Parts(schema, keyword).ToList();
        if (alternatives.Count == 0)
            return;
        var outcomes = alternatives.Select(a => Probe(value, a, where, known, depth)).ToList();
        var matching = outcomes.Count(o => o.Count == 0);
        if (matching == 0)
        {
            var reasons = outcomes.Select((o, i) => $"{i + 1}: {o[0].Where} {o[0].Rule}");
            problems.Add(new(where, keyword, $"matches none of the {alternatives.Count} alternatives of {keyword} ({string.Join("; ", reasons)})"));
        }
        else if (keyword == "oneOf" && matching > 1)
        {
            problems.Add(new(where, keyword, $"matches {matching} of the alternatives of oneOf; exactly one must match"));
        }
    }

    private List<SchemaProblem> Probe(JsonNode? value, JsonObject schema, string where, IReadOnlySet<string>? known, int depth)
    {
        var problems = new List<SchemaProblem>();
        Walk(value, schema, where, problems, new Scope(known, false), depth + 1);
        return problems;
    }

    /// <summary>The property names <paramref name="schema"/> declares, its <c>$ref</c> and <c>allOf</c> parts included.</summary>
    private HashSet<string> Declared(JsonObject schema, int depth)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in Combined(schema, depth))
        {
            if (part["properties"] is JsonObject properties)
                names.UnionWith(properties.Select(p => p.Key));
        }

        return names;
    }

    /// <summary>Whether other properties are refused (a part lists properties or says additionalProperties: false), and the schema extra ones must meet.</summary>
    private (bool Closed, JsonObject? Extra) Openness(JsonObject schema, int depth)
    {
        var closed = false;
        foreach (var part in Combined(schema, depth))
        {
            switch (part["additionalProperties"])
            {
                case JsonObject extra:
                    return (false, extra);
                case JsonValue open when open.GetValue<bool>():
                    return (false, null);
                case JsonValue:
                    closed = true;
                    break;
            }

            closed |= part.ContainsKey("properties");
        }

        return (closed, null);
    }

    private IEnumerable<JsonObject> Combined(JsonObject schema, int depth)
    {
        if (depth > MaxDepth)
            throw new InvalidOperationException($"The description nests deeper than {MaxDepth} levels; is a $ref circular?");
        yield return schema;
        var parts = Parts(schema, "allOf").ToList();
        if (schema["$ref"] is JsonValue reference)
            parts.Insert(0, Target(reference, "a $ref"));
        foreach (var part in parts)
        {
            foreach (var inner in Combined(part, depth + 1))
                yield return inner;
        }
    }

    private bool AllowsNull(JsonObject schema)
    {
        if (schema["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
            return true;
        if (TypeOf(schema) is { } types)
            return types.Contains("null");
        if (schema["enum"] is JsonArray allowed)
            return allowed.Any(a => a is null);
        var parts = Parts(schema, "allOf").ToList();
        if (schema["$ref"] is JsonValue reference)
            parts.Add(Target(reference, "a $ref"));
        if (parts.Count > 0)
            return parts.All(AllowsNull);
        var alternatives = Parts(schema, "anyOf").Concat(Parts(schema, "oneOf")).ToList();
        return alternatives.Count == 0 || alternatives.Any(AllowsNull);
    }

    private JsonObject Target(JsonValue reference, string where)
    {
        var name = reference.GetValue<string>();
        try
        {
            return resolve(name);
        }
        catch (KeyNotFoundException e)
        {
            throw new InvalidOperationException($"The description refers to {name} at {where}, which it does not define.", e);
        }
    }

    private static IEnumerable<JsonObject> Parts(JsonObject schema, string keyword) =>
        schema[keyword] is JsonArray parts ? parts.OfType<JsonObject>() : [];

    private static void Understood(JsonObject schema, string where)
    {
        foreach (var (keyword, _) in schema)
        {
            if (!Applied.Contains(keyword) && !Annotations.Contains(keyword) && !keyword.StartsWith("x-", StringComparison.Ordinal))
                throw new InvalidOperationException($"The description uses the keyword '{keyword}' at {where}, which the contract check does not know.");
        }
    }

    private void Understand(JsonObject schema, string where, HashSet<string> seen)
    {
        Understood(schema, where);
        if (schema["$ref"] is JsonValue reference && seen.Add(reference.GetValue<string>()))
            Understand(Target(reference, where), reference.GetValue<string>(), seen);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
                Understand(property!.AsObject(), Member(where, name), seen);
        }

        foreach (var keyword in new[] { "items", "additionalProperties", "not" })
        {
            if (schema[keyword] is JsonObject inner)
                Understand(inner, $"{where} {keyword}", seen);
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var part in Parts(schema, keyword))
                Understand(part, $"{where} {keyword}", seen);
        }
    }

    private static string[]? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue single => [single.GetValue<string>()],
        JsonArray several => [.. several.Select(t => t!.GetValue<string>())],
        _ => null,
    };

    private static string KindOf(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => Decimal(value.AsValue()) is { } n && decimal.Truncate(n) == n ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static bool SameValue(JsonNode? allowed, JsonNode value) =>
        allowed is JsonValue a && value is JsonValue v && a.GetValueKind() == JsonValueKind.Number && v.GetValueKind() == JsonValueKind.Number
            ? Decimal(a) == Decimal(v)
            : JsonNode.DeepEquals(allowed, value);

    /// <summary>The number, or null when it is beyond decimal's range (no request of ours sends one; such a number then meets no bound).</summary>
    private static decimal? Decimal(JsonValue number) =>
        decimal.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool FormatHolds(string format, string text) => format switch
    {
        "email" => MailAddress.TryCreate(text, out var address) && address.Address == text && address.DisplayName.Length == 0,
        "date-time" => DateTimeText().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
        // Other formats (uri-template, binary, …) are annotations: no request of ours carries them.
        _ => true,
    };

    private static string Member(string where, string name) => $"{where}.{name}";

    private static string Article(string kind) => kind is "integer" or "object" or "array" ? "an " + kind : "a " + kind;

    private static string Shown(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private static string Listing(HashSet<string> names)
    {
        if (names.Count == 0)
            return "it lists none";
        var sorted = names.Order(StringComparer.Ordinal).ToList();
        return "known: " + string.Join(", ", sorted.Take(12)) + (sorted.Count > 12 ? ", …" : "");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeText();
}

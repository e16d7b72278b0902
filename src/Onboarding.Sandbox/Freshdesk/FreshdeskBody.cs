using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>
/// Reads one request body field by field the way Freshdesk validates it: fields it does not know are
/// <c>invalid_field</c>, wrong JSON types are <c>datatype_mismatch</c>, absent mandatory ones <c>missing_field</c>.
/// Errors are collected so one answer lists them all.
/// </summary>
internal sealed class FreshdeskBody
{
    /// <summary>Freshdesk's limit on one tag, for tickets, outbound email, contacts and companies alike.</summary>
    public const int MaxTagLength = 32;

    private readonly JsonObject _body;

    public FreshdeskBody(JsonObject body, IEnumerable<string> allowed)
    {
        _body = body;
        var known = allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, _) in body)
        {
            if (!known.Contains(name))
                Errors.Add(new FreshdeskFieldError(name, "Unexpected/invalid field in request", "invalid_field"));
        }
    }

    public List<FreshdeskFieldError> Errors { get; } = [];

    public bool Has(string name) => _body.ContainsKey(name);

    public void Fail(string field, string message, string code = "invalid_value") => Errors.Add(new FreshdeskFieldError(field, message, code));

    public void ThrowIfInvalid()
    {
        if (Errors.Count > 0)
            throw FreshdeskProblem.Validation(Errors);
    }

    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, required, "String", out var node))
            return null;
        if (node is null)
        {
            if (required)
                Fail(name, "It should be a/an String", "missing_field");
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            Mismatch(name, node, "String");
            return null;
        }

        var value = node.GetValue<string>();
        if (required && string.IsNullOrWhiteSpace(value))
        {
            Fail(name, "It should not be blank as this is a mandatory field", "invalid_value");
            return null;
        }

        return value;
    }

    public long? Long(string name, bool required = false)
    {
        if (!TryGet(name, required, "Positive Integer", out var node) || node is null)
            return null;
        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var value))
        {
            Mismatch(name, node, "Positive Integer");
            return null;
        }

        if (value <= 0)
        {
            Fail(name, "It should be a/an Positive Integer");
            return null;
        }

        return value;
    }

    public int? Choice(string name, IReadOnlyCollection<int> allowed)
    {
        if (!TryGet(name, false, "Integer", out var node) || node is null)
            return null;
        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var value))
        {
            Mismatch(name, node, "Integer");
            return null;
        }

        if (!allowed.Contains(value))
        {
            Fail(name, $"It should be one of these values: '{string.Join(",", allowed)}'");
            return null;
        }

        return value;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, false, "Boolean", out var node) || node is null)
            return null;
        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            Mismatch(name, node, "Boolean");
            return null;
        }

        return node.GetValue<bool>();
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var text = String(name);
        if (text is null)
            return null;
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value))
        {
            Fail(name, "It should be in the 'valid date' format");
            return null;
        }

        return value.ToUniversalTime();
    }

    public List<string>? StringList(string name, bool emails = false)
    {
        if (!TryGet(name, false, "Array", out var node) || node is null)
            return null;
        if (node is not JsonArray array || array.Any(item => item?.GetValueKind() != JsonValueKind.String))
        {
            Mismatch(name, node, "Array");
            return null;
        }

        var values = array.Select(item => item!.GetValue<string>()).ToList();
        if (emails && values.Any(value => !FreshdeskStore.LooksLikeEmail(value)))
        {
            Fail(name, "It should contain elements that are in the 'valid email address' format");
            return null;
        }

        if (!emails && values.Any(value => value.Contains(',', StringComparison.Ordinal)))
        {
            Fail(name, "It should not contain elements that have commas");
            return null;
        }

        return values;
    }

    /// <summary><c>tags</c>: strings without commas, each at most <see cref="MaxTagLength"/> characters (400 invalid_value past it).</summary>
    public List<string>? Tags()
    {
        var tags = StringList("tags");
        if (tags is not null && tags.Any(tag => tag.Length > MaxTagLength))
        {
            Fail("tags", $"It should only contain elements that have maximum of {MaxTagLength} characters");
            return null;
        }

        return tags;
    }

    public JsonObject? Object(string name)
    {
        if (!TryGet(name, false, "key/value pair", out var node) || node is null)
            return null;
        if (node is not JsonObject obj)
        {
            Mismatch(name, node, "key/value pair");
            return null;
        }

        return obj;
    }

    /// <summary>Checks <c>custom_fields</c> against the definitions: unknown keys are invalid_field, wrong types datatype_mismatch.</summary>
    public Dictionary<string, JsonNode?>? CustomFields(IReadOnlyList<FreshdeskCustomFieldSeed> definitions)
    {
        var obj = Object("custom_fields");
        if (obj is null)
            return null;
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            var definition = definitions.FirstOrDefault(d => d.Name == name);
            if (definition is null)
            {
                Fail(name, "Unexpected/invalid field in request", "invalid_field");
                continue;
            }

            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            var (ok, expected) = definition.Type switch
            {
                "number" => (kind is JsonValueKind.Number or JsonValueKind.Null, "Integer"),
                "checkbox" => (kind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null, "Boolean"),
                _ => (kind is JsonValueKind.String or JsonValueKind.Null, "String"),
            };
            if (!ok)
            {
                Errors.Add(new FreshdeskFieldError(name, $"Value set is of type {TypeName(kind)}.It should be a/an {expected}", "datatype_mismatch"));
                continue;
            }

            if (definition.Type == "url" && kind == JsonValueKind.String
                && !Uri.TryCreate(value!.GetValue<string>(), UriKind.Absolute, out _))
            {
                Fail(name, "It should be in the 'valid URL' format");
                continue;
            }

            result[name] = value?.DeepClone();
        }

        return result;
    }

    private bool TryGet(string name, bool required, string expected, out JsonNode? node)
    {
        if (_body.TryGetPropertyValue(name, out node))
            return true;
        if (required)
            Fail(name, $"It should be a/an {expected}", "missing_field");
        return false;
    }

    private void Mismatch(string name, JsonNode node, string expected) =>
        Errors.Add(new FreshdeskFieldError(name, $"Value set is of type {TypeName(node.GetValueKind())}.It should be a/an {expected}", "datatype_mismatch"));

    private static string TypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "String",
        JsonValueKind.Number => "Integer",
        JsonValueKind.True or JsonValueKind.False => "Boolean",
        JsonValueKind.Array => "Array",
        JsonValueKind.Object => "key/value pair",
        _ => "Null",
    };
}

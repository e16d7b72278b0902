using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>What HubSpot checks before it writes a record: known, writable properties of the right type, required ones, a deal's stage, unique values.</summary>
internal sealed partial class HubSpotObjects
{
    [System.Text.RegularExpressions.GeneratedRegex("<!--.*?-->", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex HtmlComment();

    private sealed record PropertyProblem(string Name, string Error, string Message);

    private void ValidateCreate(ObjectSchemaState schema, Dictionary<string, string?> props, List<Dictionary<string, string?>> pending)
    {
        var problems = CheckValues(schema, props);
        foreach (var required in schema.RequiredProperties)
        {
            if (!props.TryGetValue(required, out var value) || string.IsNullOrEmpty(value))
                problems.Add(new PropertyProblem(required, "REQUIRED_PROPERTY", $"Property \"{required}\" is required"));
        }

        ThrowIfAny(problems);
        CheckDeal(schema, props, existing: null);
        CheckUnique(schema, props, selfId: null, pending);
    }

    private void ValidateUpdate(ObjectSchemaState schema, ObjectRecordState record, Dictionary<string, string?> props, List<Dictionary<string, string?>> pending)
    {
        var problems = CheckValues(schema, props);
        foreach (var required in schema.RequiredProperties)
        {
            if (props.TryGetValue(required, out var value) && string.IsNullOrEmpty(value))
                problems.Add(new PropertyProblem(required, "REQUIRED_PROPERTY", $"Property \"{required}\" is required and cannot be cleared"));
        }

        ThrowIfAny(problems);
        CheckDeal(schema, props, record);
        CheckUnique(schema, props, record.Id, pending);
    }

    /// <summary>Unknown and read-only properties, and values of the wrong type; normalises values in place (and sanitises rich text).</summary>
    private List<PropertyProblem> CheckValues(ObjectSchemaState schema, Dictionary<string, string?> props)
    {
        var problems = new List<PropertyProblem>();
        foreach (var name in props.Keys.ToList())
        {
            var property = schema.Properties.Find(p => p.Name == name);
            if (property is null)
            {
                problems.Add(new PropertyProblem(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
                continue;
            }

            if (property.ReadOnly)
            {
                problems.Add(new PropertyProblem(name, "READ_ONLY_VALUE", $"\"{name}\" is a read only property; its value cannot be set."));
                continue;
            }

            var value = props[name];
            if (string.IsNullOrEmpty(value))
                continue;
            if (property.FieldType == "html" && store.Behaviour.StripNoteComments)
                value = HtmlComment().Replace(value, "");
            var (normalised, problem) = Normalise(property, value);
            if (problem is not null)
                problems.Add(problem);
            else
                props[name] = normalised;
        }

        return problems;
    }

    private static (string Value, PropertyProblem? Problem) Normalise(PropertyState property, string value)
    {
        switch (property.Type)
        {
            case "number":
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    ? (value.Trim(), null)
                    : (value, new PropertyProblem(property.Name, "INVALID_DECIMAL", $"{value} was not a valid number."));
            case "date":
                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms % 86_400_000 == 0)
                    return (DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
                return (value, new PropertyProblem(property.Name, "INVALID_DATE", $"{value} is not a valid date: use YYYY-MM-DD or midnight UTC in epoch milliseconds."));
            case "datetime":
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
                    return (Iso(DateTimeOffset.FromUnixTimeMilliseconds(epoch)), null);
                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    return (Iso(time), null);
                return (value, new PropertyProblem(property.Name, "INVALID_DATE", $"{value} is not a valid datetime: use ISO 8601 or epoch milliseconds."));
            case "bool":
                return value is "true" or "false"
                    ? (value, null)
                    : (value, new PropertyProblem(property.Name, "INVALID_BOOLEAN", $"{value} is not a valid boolean: use true or false."));
            default:
                if (property.Name == "email")
                {
                    var email = value.Trim().ToLowerInvariant();
                    var at = email.IndexOf('@', StringComparison.Ordinal);
                    return at > 0 && at < email.Length - 1 && !email.Contains(' ', StringComparison.Ordinal)
                        ? (email, null)
                        : (value, new PropertyProblem(property.Name, "INVALID_EMAIL", $"Email address {value} is invalid"));
                }

                return (value, null);
        }
    }

    private static void ThrowIfAny(List<PropertyProblem> problems)
    {
        if (problems.Count == 0)
            return;
        var details = new JsonArray();
        var errors = new JsonArray();
        foreach (var p in problems)
        {
            details.Add(new JsonObject
            {
                ["isValid"] = false,
                ["message"] = p.Message,
                ["error"] = p.Error,
                ["name"] = p.Name,
                ["localizedErrorMessage"] = p.Message,
            });
            errors.Add(new JsonObject
            {
                ["message"] = p.Message,
                ["code"] = p.Error,
                ["context"] = new JsonObject { ["propertyName"] = new JsonArray(p.Name) },
            });
        }

        throw HubSpotProblem.Validation($"Property values were not valid: {details.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}", errors);
    }

    /// <summary>A deal's stage must be a stage id of its pipeline (the default pipeline when none is named).</summary>
    private void CheckDeal(ObjectSchemaState schema, Dictionary<string, string?> props, ObjectRecordState? existing)
    {
        if (schema.ObjectTypeId != HubSpotPortalBuilder.DealsTypeId)
            return;
        if (!props.ContainsKey("pipeline") && !props.ContainsKey("dealstage"))
            return;
        string? Effective(string name) => props.TryGetValue(name, out var v) ? v : existing?.Properties.GetValueOrDefault(name);
        var pipelineId = Effective("pipeline");
        if (string.IsNullOrEmpty(pipelineId))
            pipelineId = "default";
        var pipeline = State.Pipelines.Find(p => p.ObjectTypeId == schema.ObjectTypeId && p.Id == pipelineId && !p.Archived);
        var problems = new List<PropertyProblem>();
        if (pipeline is null)
        {
            problems.Add(new PropertyProblem("pipeline", "INVALID_OPTION", $"{pipelineId} was not one of the allowed options"));
        }
        else
        {
            props["pipeline"] = pipeline.Id;
            var stage = Effective("dealstage");
            if (!string.IsNullOrEmpty(stage) && !pipeline.Stages.Exists(s => s.Id == stage))
                problems.Add(new PropertyProblem("dealstage", "INVALID_OPTION", $"{stage} was not one of the allowed options for pipeline {pipeline.Id}"));
        }

        ThrowIfAny(problems);
    }

    private void CheckUnique(ObjectSchemaState schema, Dictionary<string, string?> props, string? selfId, List<Dictionary<string, string?>> pending)
    {
        foreach (var property in schema.Properties.Where(p => p.HasUniqueValue && !p.ReadOnly))
        {
            if (!props.TryGetValue(property.Name, out var value) || string.IsNullOrEmpty(value))
                continue;
            if (pending.Exists(other => other.TryGetValue(property.Name, out var v) && string.Equals(v, value, StringComparison.OrdinalIgnoreCase)))
                throw HubSpotProblem.Validation($"Duplicate values found in batch input for unique property {property.Name}: {value}");
            var clash = store.Live(schema).FirstOrDefault(r => r.Id != selfId
                && r.Properties.TryGetValue(property.Name, out var v)
                && string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
            if (clash is null)
                continue;
            if (schema.ObjectTypeId == HubSpotPortalBuilder.ContactsTypeId && property.Name == "email")
                throw new HubSpotProblem(409, "CONFLICT", $"Contact already exists. Existing ID: {clash.Id}");
            if (schema.Custom && store.Behaviour.UniqueConflictsAsBadRequest)
            {
                // As reported for custom objects: a 400 that names the property, without the existing record's id.
                throw HubSpotProblem.Validation(
                    $"Property values were not valid: {property.Name} already has that value ({value}); values of {property.Name} must be unique.",
                    [new JsonObject { ["message"] = $"{property.Name} already has that value", ["code"] = "INVALID_VALUE", ["context"] = new JsonObject { ["propertyName"] = new JsonArray(property.Name) } }]);
            }

            throw new HubSpotProblem(409, "OBJECT_ALREADY_EXISTS", $"A {schema.SingularLabel.ToLowerInvariant()} with {property.Name} \"{value}\" already exists. Existing ID: {clash.Id}")
            {
                Context = new Dictionary<string, IReadOnlyList<string>> { ["id"] = [clash.Id], ["propertyName"] = [property.Name] },
            };
        }
    }
}

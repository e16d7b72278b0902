using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>
/// Properties v3 (list and create on an object type) and association labels v4 (create), as far as setting up a portal
/// needs them. Creating never changes what exists: a name or label that is taken is a 409.
/// </summary>
internal sealed class HubSpotProperties(HubSpotStore store)
{
    private static readonly string[] Required = ["name", "label", "type", "fieldType", "groupName"];

    private static readonly HashSet<string> Types = new(["bool", "date", "datetime", "enumeration", "number", "phone_number", "string"], StringComparer.Ordinal);

    /// <summary>The field types each type may be shown as.</summary>
    private static readonly Dictionary<string, string[]> FieldTypes = new(StringComparer.Ordinal)
    {
        ["string"] = ["text", "textarea", "html", "file"],
        ["number"] = ["number", "calculation_equation"],
        ["date"] = ["date"],
        ["datetime"] = ["date"],
        ["enumeration"] = ["select", "radio", "checkbox", "booleancheckbox"],
        ["bool"] = ["booleancheckbox"],
        ["phone_number"] = ["phonenumber"],
    };

    private HubSpotState State => store.State;

    public EmulatorResponse List(string objectType)
    {
        var schema = store.Resolve(objectType);
        var results = new JsonArray([.. schema.Properties.Select((p, i) => (JsonNode?)Json(schema, p, i))]);
        return new EmulatorResponse(200, new JsonObject { ["results"] = results });
    }

    public EmulatorResponse Create(string objectType, JsonNode? body)
    {
        var schema = store.Resolve(objectType);
        if (body is not JsonObject input)
            throw HubSpotProblem.Validation("Invalid input JSON: the body must be a property definition.");
        var missing = Required.Where(f => input[f] is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length == 0).ToList();
        if (missing.Count > 0)
            throw HubSpotProblem.Validation($"Property values were not valid: {string.Join(", ", missing.Select(m => $"{m} is required"))}.");
        var name = (string)input["name"]!;
        var type = (string)input["type"]!;
        var fieldType = (string)input["fieldType"]!;
        var group = (string)input["groupName"]!;
        if (name.Length > 100 || !char.IsAsciiLetterLower(name[0]) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw HubSpotProblem.Validation($"Property name '{name}' is not valid: use lower-case letters, digits and underscores, starting with a letter.");
        if (!Types.Contains(type))
            throw HubSpotProblem.Validation($"Property type '{type}' is not valid: use one of {string.Join(", ", Types.Order())}.");
        if (!FieldTypes[type].Contains(fieldType, StringComparer.Ordinal))
            throw HubSpotProblem.Validation($"Field type '{fieldType}' is not valid for a property of type '{type}': use one of {string.Join(", ", FieldTypes[type])}.");
        if (!schema.Properties.Any(p => string.Equals(p.GroupName, group, StringComparison.Ordinal)))
            throw HubSpotProblem.Validation($"Property group '{group}' does not exist on {schema.FullyQualifiedName}.");
        if (schema.Properties.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal)))
            throw new HubSpotProblem(409, "OBJECT_ALREADY_EXISTS", $"A property named '{name}' already exists on {schema.FullyQualifiedName}.");
        var property = new PropertyState
        {
            Name = name,
            Label = (string)input["label"]!,
            Type = type,
            FieldType = fieldType,
            GroupName = group,
            HasUniqueValue = input["hasUniqueValue"] is JsonValue unique && unique.TryGetValue<bool>(out var u) && u,
        };
        schema.Properties.Add(property);
        schema.UpdatedAt = store.Now;
        return new EmulatorResponse(201, Json(schema, property, schema.Properties.Count - 1)) { Changed = true };
    }

    /// <summary>A user-defined label between two object types, made in both directions; the answer lists both types.</summary>
    public EmulatorResponse CreateLabel(string fromType, string toType, JsonNode? body)
    {
        var from = store.Resolve(fromType);
        var to = store.Resolve(toType);
        if (body is not JsonObject input || input["label"] is not JsonValue l || !l.TryGetValue<string>(out var label) || label.Trim().Length == 0
            || input["name"] is not JsonValue n || !n.TryGetValue<string>(out var name) || name.Trim().Length == 0)
        {
            throw HubSpotProblem.Validation("Invalid input JSON: a label needs 'name' and 'label'.");
        }

        var inverse = input["inverseLabel"] is JsonValue i && i.TryGetValue<string>(out var inv) && inv.Length > 0 ? inv : label;
        var between = State.AssociationDefinitions.Where(d => d.FromObjectTypeId == from.ObjectTypeId && d.ToObjectTypeId == to.ObjectTypeId).ToList();
        if (between.Any(d => string.Equals(d.Label, label, StringComparison.OrdinalIgnoreCase) || string.Equals(d.Name, name, StringComparison.Ordinal)))
            throw new HubSpotProblem(409, "CONFLICT", $"An association label '{label}' already exists between {from.Name} and {to.Name}.");
        var typeId = State.AssociationDefinitions.Count == 0 ? 1 : State.AssociationDefinitions.Max(d => d.TypeId) + 1;
        State.AssociationDefinitions.Add(new AssociationDefinitionState
        {
            TypeId = typeId, FromObjectTypeId = from.ObjectTypeId, ToObjectTypeId = to.ObjectTypeId, Category = "USER_DEFINED", Label = label, Name = name, InverseTypeId = typeId + 1,
        });
        State.AssociationDefinitions.Add(new AssociationDefinitionState
        {
            TypeId = typeId + 1, FromObjectTypeId = to.ObjectTypeId, ToObjectTypeId = from.ObjectTypeId, Category = "USER_DEFINED", Label = inverse, Name = name, InverseTypeId = typeId,
        });
        var results = new JsonArray
        {
            new JsonObject { ["category"] = "USER_DEFINED", ["typeId"] = typeId, ["label"] = label },
            new JsonObject { ["category"] = "USER_DEFINED", ["typeId"] = typeId + 1, ["label"] = inverse },
        };
        return new EmulatorResponse(200, new JsonObject { ["results"] = results }) { Changed = true };
    }

    /// <summary>A property as the properties API and the object schema both describe it.</summary>
    internal static JsonObject Json(ObjectSchemaState schema, PropertyState p, int order) => new()
    {
        ["name"] = p.Name,
        ["label"] = p.Label,
        ["type"] = p.Type,
        ["fieldType"] = p.FieldType,
        ["description"] = "",
        ["groupName"] = p.GroupName,
        ["options"] = new JsonArray(),
        ["displayOrder"] = order,
        ["calculated"] = false,
        ["externalOptions"] = false,
        ["hasUniqueValue"] = p.HasUniqueValue,
        ["hidden"] = false,
        ["formField"] = !p.ReadOnly,
        ["archived"] = false,
        ["createdAt"] = Iso(schema.CreatedAt),
        ["updatedAt"] = Iso(schema.UpdatedAt),
        ["modificationMetadata"] = new JsonObject { ["archivable"] = !p.ReadOnly, ["readOnlyDefinition"] = p.ReadOnly, ["readOnlyValue"] = p.ReadOnly },
    };
}

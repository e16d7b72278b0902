using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>Object schemas v3: the custom objects' definitions, with their properties and association types.</summary>
internal sealed class HubSpotSchemas(HubSpotStore store)
{
    private HubSpotState State => store.State;

    public EmulatorResponse List()
    {
        var results = new JsonArray([.. State.Schemas.Where(s => s.Custom).Select(s => (JsonNode?)RenderSchema(s))]);
        return new EmulatorResponse(200, new JsonObject { ["results"] = results });
    }

    public EmulatorResponse Get(string objectType)
    {
        var schema = State.Schemas.Find(s => s.Custom && string.Equals(s.Name, objectType, StringComparison.OrdinalIgnoreCase));
        if (schema is null)
        {
            try
            {
                schema = store.Resolve(objectType);
            }
            catch (HubSpotProblem)
            {
                throw HubSpotProblem.NotFound($"Unable to find object schema for {objectType}");
            }
        }

        return new EmulatorResponse(200, RenderSchema(schema));
    }

    private JsonObject RenderSchema(ObjectSchemaState s)
    {
        var properties = new JsonArray();
        var order = 0;
        foreach (var p in s.Properties)
        {
            properties.Add(HubSpotProperties.Json(s, p, order++));
        }

        var associations = new JsonArray();
        foreach (var d in State.AssociationDefinitions.Where(d => d.FromObjectTypeId == s.ObjectTypeId && d.Label is null))
        {
            associations.Add(new JsonObject
            {
                ["id"] = d.TypeId.ToString(CultureInfo.InvariantCulture),
                ["fromObjectTypeId"] = d.FromObjectTypeId,
                ["toObjectTypeId"] = d.ToObjectTypeId,
                ["name"] = d.Name,
                ["createdAt"] = Iso(s.CreatedAt),
                ["updatedAt"] = Iso(s.UpdatedAt),
            });
        }

        return new JsonObject
        {
            ["id"] = s.Id,
            ["objectTypeId"] = s.ObjectTypeId,
            ["fullyQualifiedName"] = s.FullyQualifiedName,
            ["name"] = s.Name,
            ["labels"] = new JsonObject { ["singular"] = s.SingularLabel, ["plural"] = s.PluralLabel },
            ["primaryDisplayProperty"] = s.PrimaryDisplayProperty,
            ["secondaryDisplayProperties"] = new JsonArray([.. s.SecondaryDisplayProperties.Select(x => (JsonNode?)JsonValue.Create(x))]),
            ["searchableProperties"] = new JsonArray([.. s.SearchableProperties.Select(x => (JsonNode?)JsonValue.Create(x))]),
            ["requiredProperties"] = new JsonArray([.. s.RequiredProperties.Select(x => (JsonNode?)JsonValue.Create(x))]),
            ["properties"] = properties,
            ["associations"] = associations,
            ["createdAt"] = Iso(s.CreatedAt),
            ["updatedAt"] = Iso(s.UpdatedAt),
            ["archived"] = false,
        };
    }
}

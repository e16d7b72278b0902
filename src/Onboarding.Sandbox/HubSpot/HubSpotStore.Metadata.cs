using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.HubSpot;

public sealed partial class HubSpotStore
{
    public HubSpotResponse ListPipelines(string objectType)
    {
        lock (_gate)
        {
            var schema = PipelineObject(objectType);
            var results = new JsonArray([.. _state.Pipelines.Where(p => p.ObjectTypeId == schema.ObjectTypeId && !p.Archived).OrderBy(p => p.DisplayOrder).Select(p => (JsonNode?)RenderPipeline(p))]);
            return new HubSpotResponse(200, new JsonObject { ["results"] = results });
        }
    }

    public HubSpotResponse GetPipeline(string objectType, string pipelineId)
    {
        lock (_gate)
        {
            return new HubSpotResponse(200, RenderPipeline(FindPipeline(objectType, pipelineId)));
        }
    }

    public HubSpotResponse ListStages(string objectType, string pipelineId)
    {
        lock (_gate)
        {
            var pipeline = FindPipeline(objectType, pipelineId);
            return new HubSpotResponse(200, new JsonObject { ["results"] = new JsonArray([.. pipeline.Stages.OrderBy(s => s.DisplayOrder).Select(s => (JsonNode?)RenderStage(pipeline, s))]) });
        }
    }

    public HubSpotResponse GetStage(string objectType, string pipelineId, string stageId)
    {
        lock (_gate)
        {
            var pipeline = FindPipeline(objectType, pipelineId);
            var stage = pipeline.Stages.Find(s => s.Id == stageId)
                ?? throw HubSpotApiException.NotFound($"Unable to find stage {stageId} in pipeline {pipelineId}");
            return new HubSpotResponse(200, RenderStage(pipeline, stage));
        }
    }

    public HubSpotResponse ListSchemas()
    {
        lock (_gate)
        {
            var results = new JsonArray([.. _state.Schemas.Where(s => s.Custom).Select(s => (JsonNode?)RenderSchema(s))]);
            return new HubSpotResponse(200, new JsonObject { ["results"] = results });
        }
    }

    public HubSpotResponse GetSchema(string objectType)
    {
        lock (_gate)
        {
            var schema = _state.Schemas.Find(s => s.Custom && string.Equals(s.Name, objectType, StringComparison.OrdinalIgnoreCase));
            if (schema is null)
            {
                try
                {
                    schema = Resolve(objectType);
                }
                catch (HubSpotApiException)
                {
                    throw HubSpotApiException.NotFound($"Unable to find object schema for {objectType}");
                }
            }

            return new HubSpotResponse(200, RenderSchema(schema));
        }
    }

    private ObjectSchemaState PipelineObject(string objectType)
    {
        var schema = Resolve(objectType);
        if (!_state.Pipelines.Exists(p => p.ObjectTypeId == schema.ObjectTypeId))
            throw HubSpotApiException.Validation($"Object type {objectType} does not support pipelines.");
        return schema;
    }

    private PipelineState FindPipeline(string objectType, string pipelineId)
    {
        var schema = PipelineObject(objectType);
        return _state.Pipelines.Find(p => p.ObjectTypeId == schema.ObjectTypeId && p.Id == pipelineId && !p.Archived)
            ?? throw HubSpotApiException.NotFound($"Unable to find pipeline with id {pipelineId}");
    }

    private static JsonObject RenderPipeline(PipelineState p) => new()
    {
        ["label"] = p.Label,
        ["displayOrder"] = p.DisplayOrder,
        ["id"] = p.Id,
        ["stages"] = new JsonArray([.. p.Stages.OrderBy(s => s.DisplayOrder).Select(s => (JsonNode?)RenderStage(p, s))]),
        ["createdAt"] = Iso(p.CreatedAt),
        ["updatedAt"] = Iso(p.UpdatedAt),
        ["archived"] = p.Archived,
    };

    private static JsonObject RenderStage(PipelineState p, PipelineStageState s) => new()
    {
        ["label"] = s.Label,
        ["displayOrder"] = s.DisplayOrder,
        ["metadata"] = new JsonObject { ["isClosed"] = s.IsClosed ? "true" : "false", ["probability"] = s.Probability },
        ["id"] = s.Id,
        ["createdAt"] = Iso(p.CreatedAt),
        ["updatedAt"] = Iso(p.UpdatedAt),
        ["archived"] = false,
        ["writePermissions"] = "CRM_PERMISSIONS_ENFORCEMENT",
    };

    private JsonObject RenderSchema(ObjectSchemaState s)
    {
        var properties = new JsonArray();
        var order = 0;
        foreach (var p in s.Properties)
        {
            properties.Add(new JsonObject
            {
                ["name"] = p.Name,
                ["label"] = p.Label,
                ["type"] = p.Type,
                ["fieldType"] = p.FieldType,
                ["description"] = "",
                ["groupName"] = p.GroupName,
                ["options"] = new JsonArray(),
                ["displayOrder"] = order++,
                ["calculated"] = false,
                ["externalOptions"] = false,
                ["hasUniqueValue"] = p.HasUniqueValue,
                ["hidden"] = false,
                ["formField"] = !p.ReadOnly,
                ["archived"] = false,
                ["createdAt"] = Iso(s.CreatedAt),
                ["updatedAt"] = Iso(s.UpdatedAt),
                ["modificationMetadata"] = new JsonObject { ["archivable"] = !p.ReadOnly, ["readOnlyDefinition"] = p.ReadOnly, ["readOnlyValue"] = p.ReadOnly },
            });
        }

        var associations = new JsonArray();
        foreach (var d in _state.AssociationDefinitions.Where(d => d.FromObjectTypeId == s.ObjectTypeId && d.Label is null))
        {
            associations.Add(new JsonObject
            {
                ["id"] = d.TypeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
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

using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>Pipelines v3: the deal pipelines and their stages, read only.</summary>
internal sealed class HubSpotPipelines(HubSpotStore store)
{
    private HubSpotState State => store.State;

    public EmulatorResponse List(string objectType)
    {
        var schema = PipelineObject(objectType);
        var results = new JsonArray([.. State.Pipelines.Where(p => p.ObjectTypeId == schema.ObjectTypeId && !p.Archived).OrderBy(p => p.DisplayOrder).Select(p => (JsonNode?)RenderPipeline(p))]);
        return new EmulatorResponse(200, new JsonObject { ["results"] = results });
    }

    public EmulatorResponse Get(string objectType, string pipelineId) =>
        new(200, RenderPipeline(FindPipeline(objectType, pipelineId)));

    public EmulatorResponse ListStages(string objectType, string pipelineId)
    {
        var pipeline = FindPipeline(objectType, pipelineId);
        return new EmulatorResponse(200, new JsonObject { ["results"] = new JsonArray([.. pipeline.Stages.OrderBy(s => s.DisplayOrder).Select(s => (JsonNode?)RenderStage(pipeline, s))]) });
    }

    public EmulatorResponse GetStage(string objectType, string pipelineId, string stageId)
    {
        var pipeline = FindPipeline(objectType, pipelineId);
        var stage = pipeline.Stages.Find(s => s.Id == stageId)
            ?? throw HubSpotProblem.NotFound($"Unable to find stage {stageId} in pipeline {pipelineId}");
        return new EmulatorResponse(200, RenderStage(pipeline, stage));
    }

    private ObjectSchemaState PipelineObject(string objectType)
    {
        var schema = store.Resolve(objectType);
        if (!State.Pipelines.Exists(p => p.ObjectTypeId == schema.ObjectTypeId))
            throw HubSpotProblem.Validation($"Object type {objectType} does not support pipelines.");
        return schema;
    }

    private PipelineState FindPipeline(string objectType, string pipelineId)
    {
        var schema = PipelineObject(objectType);
        return State.Pipelines.Find(p => p.ObjectTypeId == schema.ObjectTypeId && p.Id == pipelineId && !p.Archived)
            ?? throw HubSpotProblem.NotFound($"Unable to find pipeline with id {pipelineId}");
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
}

using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>
/// Associations v4 (labelled and default, single and in batches) and their labels. Edges are kept in both directions;
/// the objects store also associates records created with associations and reads them for v3's <c>associations=</c>.
/// </summary>
internal sealed class HubSpotAssociations(HubSpotStore store)
{
    public const int MaxListLimit = 500;

    private HubSpotState State => store.State;

    /// <summary>PUT v4 labelled: body is a JSON array of <c>{associationCategory, associationTypeId}</c>. 201.</summary>
    public EmulatorResponse PutLabelled(string fromType, string fromId, string toType, string toId, JsonNode? body)
    {
        var from = store.Resolve(fromType);
        var to = store.Resolve(toType);
        if (body is not JsonArray specs || specs.Count == 0)
            throw HubSpotProblem.Validation("Invalid input JSON: the body must be a non-empty JSON array of {associationCategory, associationTypeId}");
        var typeIds = specs.Select(s => ReadSpec(from, to, s)).ToList();
        RequireRecord(from, fromId);
        RequireRecord(to, toId);
        var changed = Associate(from.ObjectTypeId, fromId, to.ObjectTypeId, toId, typeIds);
        return new EmulatorResponse(201, RenderLabelled(from, fromId, to, toId)) { Changed = changed };
    }

    /// <summary>PUT v4 default: the unlabelled HubSpot-defined association, both directions. 200 with a batch envelope.</summary>
    public EmulatorResponse PutDefault(string fromType, string fromId, string toType, string toId)
    {
        var started = store.Now;
        var from = store.Resolve(fromType);
        var to = store.Resolve(toType);
        var forward = DefaultDefinition(from, to);
        RequireRecord(from, fromId);
        RequireRecord(to, toId);
        var changed = Associate(from.ObjectTypeId, fromId, to.ObjectTypeId, toId, [forward.TypeId]);
        var results = new JsonArray
        {
            DefaultSpec(fromId, toId, forward.Category, forward.TypeId),
            DefaultSpec(toId, fromId, forward.Category, forward.InverseTypeId),
        };
        return store.BatchEnvelope(results, [], started, 200) with { Changed = changed };
    }

    public EmulatorResponse List(string fromType, string fromId, string toType, int? limit, string? after, string path)
    {
        var from = store.Resolve(fromType);
        var to = store.Resolve(toType);
        V4Id(fromId);
        var take = CheckLimit(limit, MaxListLimit, MaxListLimit);
        var start = ParseCursor(after);
        var edges = State.Associations
            .Where(e => e.FromObjectTypeId == from.ObjectTypeId && e.FromObjectId == fromId && e.ToObjectTypeId == to.ObjectTypeId && IdNumber(e.ToObjectId) > start)
            .OrderBy(e => IdNumber(e.ToObjectId))
            .Take(take + 1)
            .ToList();
        var results = new JsonArray([.. edges.Take(take).Select(e => (JsonNode?)RenderEdge(e))]);
        var body = new JsonObject { ["results"] = results };
        if (edges.Count > take)
            body["paging"] = Paging(edges[take - 1].ToObjectId, path);
        return new EmulatorResponse(200, body);
    }

    /// <summary>DELETE v4: removes every association between the two records. 204.</summary>
    public EmulatorResponse Delete(string fromType, string fromId, string toType, string toId)
    {
        var from = store.Resolve(fromType);
        var to = store.Resolve(toType);
        var removed = RemoveAll(from.ObjectTypeId, fromId, to.ObjectTypeId, toId);
        return new EmulatorResponse(204) { Changed = removed };
    }

    public EmulatorResponse Batch(string fromType, string toType, string action, JsonNode? body)
    {
        var started = store.Now;
        var from = store.Resolve(fromType);
        var to = store.Resolve(toType);
        var input = RequireObject(body, "BatchInputPublicAssociationMultiPost");
        var inputs = ReadInputs(input, "BatchInputPublicAssociationMultiPost", action == "read" ? MaxAssociationReadInputs : MaxBatchInputs);
        switch (action)
        {
            case "create":
            {
                var work = inputs.Select(i => (
                    From: RequiredString(Obj(i, "from"), "id", "PublicObjectId"),
                    To: RequiredString(Obj(i, "to"), "id", "PublicObjectId"),
                    Types: (i["types"] as JsonArray ?? throw HubSpotProblem.Validation("Invalid input JSON: every input needs 'types'")).Select(s => ReadSpec(from, to, s)).ToList())).ToList();
                var missing = work.SelectMany(w => new[] { (from, w.From), (to, w.To) }).Where(p => store.Find(p.Item1, p.Item2, null, false) is null).Select(p => p.Item2).Distinct().ToList();
                var results = new JsonArray();
                var changed = false;
                foreach (var (fromId, toId, types) in work.Where(w => !missing.Contains(w.From) && !missing.Contains(w.To)))
                {
                    changed |= Associate(from.ObjectTypeId, fromId, to.ObjectTypeId, toId, types);
                    results.Add(RenderLabelled(from, fromId, to, toId));
                }

                var errors = missing.Count == 0 ? [] : new List<JsonObject> { BatchError("OBJECT_NOT_FOUND", "Some records to associate do not exist.", "ids", missing) };
                return store.BatchEnvelope(results, errors, started, 201) with { Changed = changed };
            }

            case "read":
            {
                var results = new JsonArray();
                var none = new List<string>();
                foreach (var item in inputs)
                {
                    // Each record's associations come a page at a time (as the single listing's largest page), with
                    // a cursor to ask for that record again from where its page ended.
                    var id = RequiredString(item, "id", "PublicFetchAssociationsBatchRequest");
                    var start = ParseCursor(OptionalString(item, "after"));
                    var edges = State.Associations
                        .Where(e => e.FromObjectTypeId == from.ObjectTypeId && e.FromObjectId == id && e.ToObjectTypeId == to.ObjectTypeId && IdNumber(e.ToObjectId) > start)
                        .OrderBy(e => IdNumber(e.ToObjectId))
                        .Take(MaxListLimit + 1)
                        .ToList();
                    if (edges.Count == 0)
                    {
                        none.Add(id);
                        continue;
                    }

                    var result = new JsonObject
                    {
                        ["from"] = new JsonObject { ["id"] = id },
                        ["to"] = new JsonArray([.. edges.Take(MaxListLimit).Select(e => (JsonNode?)RenderEdge(e))]),
                    };
                    if (edges.Count > MaxListLimit)
                        result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = edges[MaxListLimit - 1].ToObjectId } };
                    results.Add(result);
                }

                var errors = none.Select(id => new JsonObject
                {
                    ["status"] = "error",
                    ["category"] = "OBJECT_NOT_FOUND",
                    ["subCategory"] = "crm.associations.NO_ASSOCIATIONS_FOUND",
                    ["message"] = $"No {to.ObjectTypeId} is associated with {from.ObjectTypeId} {id}.",
                    ["context"] = new JsonObject { ["fromObjectId"] = new JsonArray(id) },
                }).ToList();
                return store.BatchEnvelope(results, errors, started, 200);
            }

            case "archive":
            {
                var changed = false;
                foreach (var item in inputs)
                {
                    var fromId = RequiredString(Obj(item, "from"), "id", "PublicObjectId");
                    foreach (var target in item["to"] as JsonArray ?? [])
                        changed |= target is JsonObject t && RemoveAll(from.ObjectTypeId, fromId, to.ObjectTypeId, RequiredString(t, "id", "PublicObjectId"));
                }

                return new EmulatorResponse(204) { Changed = changed };
            }

            case "labels/archive":
            {
                var changed = false;
                foreach (var item in inputs)
                {
                    var fromId = RequiredString(Obj(item, "from"), "id", "PublicObjectId");
                    var toId = RequiredString(Obj(item, "to"), "id", "PublicObjectId");
                    var types = (item["types"] as JsonArray ?? throw HubSpotProblem.Validation("Invalid input JSON: every input needs 'types'")).Select(s => ReadSpec(from, to, s)).ToList();
                    changed |= RemoveTypes(from.ObjectTypeId, fromId, to.ObjectTypeId, toId, types);
                }

                return new EmulatorResponse(204) { Changed = changed };
            }

            case "associate/default":
            {
                var forward = DefaultDefinition(from, to);
                var results = new JsonArray();
                var changed = false;
                foreach (var item in inputs)
                {
                    var fromId = RequiredString(Obj(item, "from"), "id", "PublicObjectId");
                    var toId = RequiredString(Obj(item, "to"), "id", "PublicObjectId");
                    RequireRecord(from, fromId);
                    RequireRecord(to, toId);
                    changed |= Associate(from.ObjectTypeId, fromId, to.ObjectTypeId, toId, [forward.TypeId]);
                    results.Add(DefaultSpec(fromId, toId, forward.Category, forward.TypeId));
                    results.Add(DefaultSpec(toId, fromId, forward.Category, forward.InverseTypeId));
                }

                return store.BatchEnvelope(results, [], started, 200) with { Changed = changed };
            }

            default:
                throw HubSpotProblem.NotFoundPath();
        }
    }

    public EmulatorResponse ListLabels(string fromType, string toType)
    {
        var from = store.Resolve(fromType);
        var to = store.Resolve(toType);
        var results = new JsonArray();
        foreach (var d in State.AssociationDefinitions.Where(d => d.FromObjectTypeId == from.ObjectTypeId && d.ToObjectTypeId == to.ObjectTypeId).OrderBy(d => d.TypeId))
            results.Add(new JsonObject { ["category"] = d.Category, ["typeId"] = d.TypeId, ["label"] = d.Label });
        return new EmulatorResponse(200, new JsonObject { ["results"] = results });
    }

    // ---------------------------------------------------------------- for the objects store

    /// <summary>The <c>associations</c> of a create input, checked: each names types that start at the schema and a record that exists.</summary>
    internal List<(string ToType, string ToId, List<int> TypeIds)> ReadCreateAssociations(ObjectSchemaState schema, JsonNode? node)
    {
        if (node is null)
            return [];
        if (node is not JsonArray list)
            throw HubSpotProblem.Validation("Invalid input JSON: 'associations' must be a list of {to: {id}, types: [...]}");
        var result = new List<(string, string, List<int>)>();
        foreach (var item in list)
        {
            if (item is not JsonObject a || a["types"] is not JsonArray types || types.Count == 0)
                throw HubSpotProblem.Validation("Invalid input JSON: every association needs 'to' and 'types'");
            var toId = RequiredString(Obj(a, "to"), "id", "PublicObjectId");
            var ids = new List<int>();
            string? toType = null;
            foreach (var t in types)
            {
                var typeId = t is JsonObject o && o["associationTypeId"] is JsonValue v && v.TryGetValue<int>(out var n)
                    ? n
                    : throw HubSpotProblem.Validation("Invalid input JSON: every association type needs a numeric 'associationTypeId'");
                var definition = State.AssociationDefinitions.Find(d => d.TypeId == typeId && d.FromObjectTypeId == schema.ObjectTypeId)
                    ?? throw HubSpotProblem.Validation($"One or more associations are invalid: association type {typeId} does not start at {schema.ObjectTypeId}.");
                if (OptionalString((JsonObject)t!, "associationCategory") != definition.Category)
                    throw HubSpotProblem.Validation($"One or more associations are invalid: association type {typeId} is {definition.Category}.");
                if (toType is not null && toType != definition.ToObjectTypeId)
                    throw HubSpotProblem.Validation("One or more associations are invalid: the types of one association must lead to the same object type.");
                toType = definition.ToObjectTypeId;
                ids.Add(typeId);
            }

            if (store.Find(State.Schemas.First(s => s.ObjectTypeId == toType), toId, null, false) is null)
                throw HubSpotProblem.Validation($"One or more associations are invalid: {toType} {toId} does not exist.");
            result.Add((toType!, toId, ids));
        }

        return result;
    }

    /// <summary>Adds the types (and the unlabelled default with any label) in both directions; true when something was new.</summary>
    internal bool Associate(string fromType, string fromId, string toType, string toId, IEnumerable<int> typeIds)
    {
        var wanted = typeIds.ToList();
        var fallback = State.AssociationDefinitions.Find(d => d.FromObjectTypeId == fromType && d.ToObjectTypeId == toType && d.Label is null && d.Category == "HUBSPOT_DEFINED");
        if (fallback is not null && !wanted.Contains(fallback.TypeId))
            wanted.Insert(0, fallback.TypeId);
        var changed = false;
        foreach (var typeId in wanted)
        {
            var definition = Definition(typeId)!;
            changed |= AddEdgeType(fromType, fromId, toType, toId, typeId);
            changed |= AddEdgeType(toType, toId, fromType, fromId, definition.InverseTypeId);
        }

        return changed;
    }

    /// <summary>An archived record keeps no associations, in either direction.</summary>
    internal void RemoveAllOf(string typeId, string id) =>
        State.Associations.RemoveAll(e => (e.FromObjectTypeId == typeId && e.FromObjectId == id) || (e.ToObjectTypeId == typeId && e.ToObjectId == id));

    /// <summary>v3 reads with <c>associations=…</c>: one entry per association type, keyed by the target's name.</summary>
    internal void AddV3Associations(JsonObject body, ObjectSchemaState schema, ObjectRecordState record, IReadOnlyList<string> associations)
    {
        if (associations.Count == 0)
            return;
        var result = new JsonObject();
        foreach (var name in associations)
        {
            var target = store.Resolve(name);
            var results = new JsonArray();
            foreach (var edge in State.Associations.Where(e => e.FromObjectTypeId == schema.ObjectTypeId && e.FromObjectId == record.Id && e.ToObjectTypeId == target.ObjectTypeId).OrderBy(e => IdNumber(e.ToObjectId)))
            {
                foreach (var typeId in edge.TypeIds)
                    results.Add(new JsonObject { ["id"] = edge.ToObjectId, ["type"] = Definition(typeId)!.Name });
            }

            if (results.Count > 0)
                result[target.FullyQualifiedName] = new JsonObject { ["results"] = results };
        }

        if (result.Count > 0)
            body["associations"] = result;
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObject DefaultSpec(string fromId, string toId, string category, int typeId) => new()
    {
        ["from"] = new JsonObject { ["id"] = fromId },
        ["to"] = new JsonObject { ["id"] = toId },
        ["associationSpec"] = new JsonObject { ["associationCategory"] = category, ["associationTypeId"] = typeId },
    };

    private JsonObject RenderLabelled(ObjectSchemaState from, string fromId, ObjectSchemaState to, string toId)
    {
        var edge = Edge(from.ObjectTypeId, fromId, to.ObjectTypeId, toId)!;
        return new JsonObject
        {
            ["fromObjectTypeId"] = from.ObjectTypeId,
            ["fromObjectId"] = V4Id(fromId),
            ["toObjectTypeId"] = to.ObjectTypeId,
            ["toObjectId"] = V4Id(toId),
            ["labels"] = new JsonArray([.. edge.TypeIds.Select(Definition).Where(d => d?.Label is not null).Select(d => (JsonNode?)JsonValue.Create(d!.Label))]),
        };
    }

    private void RequireRecord(ObjectSchemaState schema, string id)
    {
        V4Id(id);
        if (store.Find(schema, id, null, false) is null)
            throw HubSpotProblem.NotFound($"No {schema.SingularLabel.ToLowerInvariant()} with id {id} exists.");
    }

    private AssociationDefinitionState? Definition(int typeId) => State.AssociationDefinitions.Find(d => d.TypeId == typeId);

    private AssociationDefinitionState DefaultDefinition(ObjectSchemaState from, ObjectSchemaState to) =>
        State.AssociationDefinitions.Find(d => d.FromObjectTypeId == from.ObjectTypeId && d.ToObjectTypeId == to.ObjectTypeId && d.Label is null && d.Category == "HUBSPOT_DEFINED")
        ?? throw HubSpotProblem.Validation($"{from.ObjectTypeId} cannot be associated with {to.ObjectTypeId}: no association type exists between them.");

    private int ReadSpec(ObjectSchemaState from, ObjectSchemaState to, JsonNode? spec)
    {
        if (spec is not JsonObject s || s["associationTypeId"] is not JsonValue idValue || !idValue.TryGetValue<int>(out var typeId))
            throw HubSpotProblem.Validation("Invalid input JSON: every association type needs a numeric 'associationTypeId' and an 'associationCategory'");
        var category = OptionalString(s, "associationCategory")
            ?? throw HubSpotProblem.Validation("Invalid input JSON: every association type needs an 'associationCategory'");
        var definition = State.AssociationDefinitions.Find(d => d.TypeId == typeId && d.FromObjectTypeId == from.ObjectTypeId && d.ToObjectTypeId == to.ObjectTypeId);
        if (definition is null)
            throw HubSpotProblem.Validation($"{category} {typeId} is not a valid association type between {from.ObjectTypeId} and {to.ObjectTypeId}.");
        if (definition.Category != category)
            throw HubSpotProblem.Validation($"Association type {typeId} between {from.ObjectTypeId} and {to.ObjectTypeId} is {definition.Category}, not {category}.");
        return typeId;
    }

    private AssociationEdgeState? Edge(string fromType, string fromId, string toType, string toId) =>
        State.Associations.Find(e => e.FromObjectTypeId == fromType && e.FromObjectId == fromId && e.ToObjectTypeId == toType && e.ToObjectId == toId);

    private bool AddEdgeType(string fromType, string fromId, string toType, string toId, int typeId)
    {
        var edge = Edge(fromType, fromId, toType, toId);
        if (edge is null)
        {
            edge = new AssociationEdgeState { FromObjectTypeId = fromType, FromObjectId = fromId, ToObjectTypeId = toType, ToObjectId = toId };
            State.Associations.Add(edge);
        }

        if (edge.TypeIds.Contains(typeId))
            return false;
        edge.TypeIds.Add(typeId);
        edge.TypeIds.Sort();
        return true;
    }

    private bool RemoveAll(string fromType, string fromId, string toType, string toId) =>
        State.Associations.RemoveAll(e => (e.FromObjectTypeId == fromType && e.FromObjectId == fromId && e.ToObjectTypeId == toType && e.ToObjectId == toId)
            || (e.FromObjectTypeId == toType && e.FromObjectId == toId && e.ToObjectTypeId == fromType && e.ToObjectId == fromId)) > 0;

    /// <summary>Removes some labels only; the association itself (its unlabelled type) stays.</summary>
    private bool RemoveTypes(string fromType, string fromId, string toType, string toId, List<int> typeIds)
    {
        var changed = false;
        foreach (var typeId in typeIds)
        {
            var inverse = Definition(typeId)!.InverseTypeId;
            changed |= Edge(fromType, fromId, toType, toId)?.TypeIds.Remove(typeId) ?? false;
            changed |= Edge(toType, toId, fromType, fromId)?.TypeIds.Remove(inverse) ?? false;
        }

        State.Associations.RemoveAll(e => e.TypeIds.Count == 0);
        return changed;
    }

    private JsonObject RenderEdge(AssociationEdgeState edge) => new()
    {
        ["toObjectId"] = V4Id(edge.ToObjectId),
        ["associationTypes"] = new JsonArray([.. edge.TypeIds.Select(id => (JsonNode?)RenderType(Definition(id)!))]),
    };

    private static JsonObject RenderType(AssociationDefinitionState d) => new() { ["category"] = d.Category, ["typeId"] = d.TypeId, ["label"] = d.Label };
}

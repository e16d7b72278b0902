using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>Objects v3: records read, listed, created, updated and archived one at a time or in batches.</summary>
internal sealed partial class HubSpotObjects(HubSpotStore store, HubSpotAssociations associations)
{
    public const int MaxListLimit = 100;

    private HubSpotState State => store.State;

    public EmulatorResponse Get(
        string objectType, string objectId, string? idProperty, IReadOnlyList<string> properties, IReadOnlyList<string> associationTypes, bool archived, IReadOnlyList<string>? withHistory = null)
    {
        var schema = store.Resolve(objectType);
        var record = store.Find(schema, objectId, idProperty, archived) ?? throw HubSpotStore.NotFoundById(objectId);
        var body = HubSpotStore.Render(schema, record, properties.Count == 0 ? null : properties);
        HubSpotStore.AddHistory(body, schema, record, withHistory ?? []);
        associations.AddV3Associations(body, schema, record, associationTypes);
        return new EmulatorResponse(200, body);
    }

    public EmulatorResponse List(string objectType, int? limit, string? after, IReadOnlyList<string> properties, IReadOnlyList<string> associationTypes, bool archived, string path)
    {
        var schema = store.Resolve(objectType);
        var take = CheckLimit(limit, 10, MaxListLimit);
        var start = ParseCursor(after);
        var page = State.Records[schema.ObjectTypeId].Values
            .Where(r => r.Archived == archived && IdNumber(r.Id) > start)
            .OrderBy(r => IdNumber(r.Id))
            .Take(take + 1)
            .ToList();
        var results = new JsonArray();
        foreach (var record in page.Take(take))
        {
            var item = HubSpotStore.Render(schema, record, properties.Count == 0 ? null : properties);
            associations.AddV3Associations(item, schema, record, associationTypes);
            results.Add(item);
        }

        var body = new JsonObject { ["results"] = results };
        if (page.Count > take)
            body["paging"] = Paging(page[take - 1].Id, path);
        return new EmulatorResponse(200, body);
    }

    public EmulatorResponse Create(string objectType, JsonNode? body)
    {
        var schema = store.Resolve(objectType);
        var input = RequireObject(body, "SimplePublicObjectInputForCreate");
        var props = ReadProperties(input, "SimplePublicObjectInputForCreate", required: true)!;
        var links = associations.ReadCreateAssociations(schema, input["associations"]);
        ValidateCreate(schema, props, []);
        var record = store.Insert(schema, props);
        foreach (var (toType, toId, typeIds) in links)
            associations.Associate(schema.ObjectTypeId, record.Id, toType, toId, typeIds);
        return new EmulatorResponse(201, HubSpotStore.Render(schema, record, HubSpotStore.Written(schema, props))) { Changed = true };
    }

    public EmulatorResponse Update(string objectType, string objectId, string? idProperty, JsonNode? body)
    {
        var schema = store.Resolve(objectType);
        var input = RequireObject(body, "SimplePublicObjectInput");
        var props = ReadProperties(input, "SimplePublicObjectInput", required: true)!;
        var record = store.Find(schema, objectId, idProperty, archived: false) ?? throw HubSpotStore.NotFoundById(objectId);
        ValidateUpdate(schema, record, props, []);
        store.Apply(schema, record, props);
        return new EmulatorResponse(200, HubSpotStore.Render(schema, record, HubSpotStore.Written(schema, props))) { Changed = true };
    }

    public EmulatorResponse Archive(string objectType, string objectId)
    {
        var schema = store.Resolve(objectType);
        if (!State.Records[schema.ObjectTypeId].TryGetValue(objectId, out var record) || record.Archived)
            return new EmulatorResponse(204);
        var now = store.Now;
        record.Archived = true;
        record.ArchivedAt = now;
        record.UpdatedAt = now;
        associations.RemoveAllOf(schema.ObjectTypeId, objectId);
        store.Reindex(record);
        return new EmulatorResponse(204) { Changed = true };
    }

    public EmulatorResponse BatchRead(string objectType, JsonNode? body, bool archived)
    {
        var started = store.Now;
        var schema = store.Resolve(objectType);
        var input = RequireObject(body, "BatchReadInputSimplePublicObjectId");
        var inputs = ReadInputs(input, "BatchReadInputSimplePublicObjectId");
        var idProperty = OptionalString(input, "idProperty");
        var properties = StringList(input["properties"]);
        var withHistory = StringList(input["propertiesWithHistory"]);
        var results = new JsonArray();
        var missing = new List<string>();
        foreach (var item in inputs)
        {
            var id = RequiredString(item, "id", "SimplePublicObjectId");
            var record = store.Find(schema, id, idProperty, archived);
            if (record is null)
            {
                missing.Add(id);
            }
            else if (!results.Any(r => (string?)r!["id"] == record.Id))
            {
                var rendered = HubSpotStore.Render(schema, record, properties.Count == 0 ? null : properties);
                HubSpotStore.AddHistory(rendered, schema, record, withHistory);
                results.Add(rendered);
            }
        }

        return store.BatchEnvelope(results, Missing(schema, missing), started, 200);
    }

    public EmulatorResponse BatchCreate(string objectType, JsonNode? body)
    {
        var started = store.Now;
        var schema = store.Resolve(objectType);
        var input = RequireObject(body, "BatchInputSimplePublicObjectInputForCreate");
        var inputs = ReadInputs(input, "BatchInputSimplePublicObjectInputForCreate");
        var parsed = new List<(Dictionary<string, string?> Props, List<(string, string, List<int>)> Links)>();
        var pending = new List<Dictionary<string, string?>>();
        foreach (var item in inputs)
        {
            var props = ReadProperties(item, "SimplePublicObjectInputForCreate", required: true)!;
            var links = associations.ReadCreateAssociations(schema, item["associations"]);
            ValidateCreate(schema, props, pending);
            pending.Add(props);
            parsed.Add((props, links));
        }

        var results = new JsonArray();
        foreach (var (props, links) in parsed)
        {
            var record = store.Insert(schema, props);
            foreach (var (toType, toId, typeIds) in links)
                associations.Associate(schema.ObjectTypeId, record.Id, toType, toId, typeIds);
            results.Add(HubSpotStore.Render(schema, record, HubSpotStore.Written(schema, props)));
        }

        return store.BatchEnvelope(results, [], started, 201) with { Changed = parsed.Count > 0 };
    }

    public EmulatorResponse BatchUpdate(string objectType, JsonNode? body)
    {
        var started = store.Now;
        var schema = store.Resolve(objectType);
        var input = RequireObject(body, "BatchInputSimplePublicObjectBatchInput");
        var inputs = ReadInputs(input, "BatchInputSimplePublicObjectBatchInput");
        var work = new List<(ObjectRecordState Record, Dictionary<string, string?> Props)>();
        var missing = new List<string>();
        foreach (var item in inputs)
        {
            var id = RequiredString(item, "id", "SimplePublicObjectBatchInput");
            var props = ReadProperties(item, "SimplePublicObjectBatchInput", required: true)!;
            var record = store.Find(schema, id, OptionalString(item, "idProperty"), archived: false);
            if (record is null)
            {
                missing.Add(id);
                continue;
            }

            ValidateUpdate(schema, record, props, work.Select(w => w.Props).ToList());
            work.Add((record, props));
        }

        var results = new JsonArray();
        foreach (var (record, props) in work)
        {
            store.Apply(schema, record, props);
            results.Add(HubSpotStore.Render(schema, record, HubSpotStore.Written(schema, props)));
        }

        return store.BatchEnvelope(results, Missing(schema, missing), started, 200) with { Changed = work.Count > 0 };
    }

    public EmulatorResponse BatchUpsert(string objectType, JsonNode? body)
    {
        var started = store.Now;
        var schema = store.Resolve(objectType);
        var input = RequireObject(body, "BatchInputSimplePublicObjectBatchInputUpsert");
        var inputs = ReadInputs(input, "BatchInputSimplePublicObjectBatchInputUpsert");
        var work = new List<(ObjectRecordState? Existing, Dictionary<string, string?> Props)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new List<string>();
        var failed = new List<JsonObject>();
        foreach (var item in inputs)
        {
            var id = OptionalString(item, "id");
            var idProperty = OptionalString(item, "idProperty");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(idProperty))
            {
                throw HubSpotProblem.Validation(
                    "Invalid input JSON on line 1: every upsert input needs an 'id' holding the unique value and an 'idProperty' naming a property with unique values.",
                    [new JsonObject { ["message"] = "idProperty and id are required for upsert", ["code"] = "REQUIRED_FIELD", ["in"] = string.IsNullOrEmpty(idProperty) ? "idProperty" : "id" }]);
            }

            var unique = HubSpotStore.UniqueProperty(schema, idProperty);
            if (!seen.Add(id))
            {
                duplicates.Add(id);
                continue;
            }

            var props = ReadProperties(item, "SimplePublicObjectBatchInputUpsert", required: true)!;
            props[unique.Name] = id;
            var existing = store.Find(schema, id, idProperty, archived: false);
            var others = work.Select(w => w.Props).ToList();
            try
            {
                if (existing is null)
                    ValidateCreate(schema, props, others);
                else
                    ValidateUpdate(schema, existing, props, others);
            }
            catch (HubSpotProblem problem) when (store.Behaviour.PartialBatchFailures)
            {
                // HubSpot carries out the rest and answers 207 with this input's error.
                failed.Add(InputError(problem, id));
                continue;
            }

            work.Add((existing, props));
        }

        if (duplicates.Count > 0)
            throw HubSpotProblem.Validation($"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique");

        var results = new JsonArray();
        foreach (var (existing, props) in work)
        {
            var record = existing ?? store.Insert(schema, props);
            if (existing is not null)
                store.Apply(schema, record, props);
            var item = HubSpotStore.Render(schema, record, HubSpotStore.Written(schema, props));
            item["new"] = existing is null;
            results.Add(item);
        }

        return store.BatchEnvelope(results, failed, started, 200) with { Changed = work.Count > 0 };
    }

    /// <summary>One input's error in a 207 answer (StandardError), naming the input by the value it was sent under.</summary>
    private static JsonObject InputError(HubSpotProblem problem, string id) => new()
    {
        ["status"] = "error",
        ["category"] = problem.Category,
        ["message"] = problem.Message,
        ["context"] = new JsonObject { ["ids"] = new JsonArray(id) },
        ["errors"] = problem.Errors?.DeepClone() ?? new JsonArray(),
    };

    private static List<JsonObject> Missing(ObjectSchemaState schema, List<string> ids) =>
        ids.Count == 0
            ? []
            : [BatchError("OBJECT_NOT_FOUND", $"Could not get some {schema.SingularLabel.ToUpperInvariant()} objects, they may be deleted or not exist. Check that ids are valid.", "ids", ids)];
}

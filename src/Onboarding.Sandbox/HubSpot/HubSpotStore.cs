using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>What a store operation answers: a status, a JSON body (null for 204) and whether state changed.</summary>
public sealed record HubSpotResponse(int Status, JsonNode? Body, bool Changed = false);

/// <summary>
/// The in-memory CRM of one emulated portal. Thread-safe (one lock); its whole state is <see cref="HubSpotState"/>.
/// Behaviour follows HubSpot's CRM v3 objects, v4 associations, pipelines and schemas APIs as the project's notes
/// describe them; errors are thrown as <see cref="HubSpotApiException"/>.
/// </summary>
public sealed partial class HubSpotStore
{
    private static readonly string[] CreatedProperties = ["createdate", "hs_createdate"];
    private static readonly string[] ModifiedProperties = ["lastmodifieddate", "hs_lastmodifieddate"];

    public const int MaxBatchInputs = 100;
    public const int MaxListLimit = 100;

    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };

    private readonly Lock _gate = new();
    private readonly HubSpotState _state;
    private readonly TimeProvider _time;

    public HubSpotStore(HubSpotSeed seed, TimeProvider? time = null)
        : this(HubSpotPortalBuilder.Build(seed, (time ?? TimeProvider.System).GetUtcNow()), seed.SearchLag, time)
    {
    }

    public HubSpotStore(HubSpotState state, TimeSpan searchLag, TimeProvider? time = null)
    {
        _state = state;
        _time = time ?? TimeProvider.System;
        SearchLag = searchLag;
    }

    /// <summary>How long a write takes to show in search results.</summary>
    public TimeSpan SearchLag { get; set; }

    public long PortalId => _state.PortalId;

    /// <summary>The whole state as JSON, to keep a sandbox portal between runs.</summary>
    public string ExportJson()
    {
        lock (_gate)
        {
            return JsonSerializer.Serialize(_state, StateJson);
        }
    }

    /// <summary>Reads what <see cref="ExportJson"/> wrote; pass the result to the store or emulator constructor.</summary>
    /// <exception cref="JsonException">The text is not a saved portal.</exception>
    public static HubSpotState ImportJson(string json)
    {
        var state = JsonSerializer.Deserialize<HubSpotState>(json, StateJson) ?? throw new JsonException("The HubSpot state is empty.");
        // Every lookup indexes records by the schema's type id; a hand-edited file without them would fail on first use.
        var missing = state.Schemas.FirstOrDefault(schema => !state.Records.ContainsKey(schema.ObjectTypeId));
        if (state.Schemas.Count == 0 || missing is not null)
            throw new JsonException($"The HubSpot state has no records for object type {missing?.ObjectTypeId ?? "(none)"}.");
        return state;
    }

    /// <summary>A record's current properties (null when it does not exist), for tests and the sandbox to inspect.</summary>
    public IReadOnlyDictionary<string, string>? PropertiesOf(string objectType, string id)
    {
        lock (_gate)
        {
            var schema = Resolve(objectType);
            return _state.Records[schema.ObjectTypeId].TryGetValue(id, out var r) && !r.Archived ? new Dictionary<string, string>(r.Properties) : null;
        }
    }

    /// <summary>Ids of live records of a type whose <paramref name="property"/> equals <paramref name="value"/> (case-insensitive).</summary>
    public IReadOnlyList<string> FindIds(string objectType, string property, string value)
    {
        lock (_gate)
        {
            var schema = Resolve(objectType);
            return [.. Live(schema).Where(r => r.Properties.TryGetValue(property, out var v) && string.Equals(v, value, StringComparison.OrdinalIgnoreCase)).Select(r => r.Id)];
        }
    }

    public int CountRecords(string objectType)
    {
        lock (_gate)
        {
            return Live(Resolve(objectType)).Count();
        }
    }

    // ---------------------------------------------------------------- objects

    public HubSpotResponse GetObject(string objectType, string objectId, string? idProperty, IReadOnlyList<string> properties, IReadOnlyList<string> associations, bool archived)
    {
        lock (_gate)
        {
            var schema = Resolve(objectType);
            var record = Find(schema, objectId, idProperty, archived) ?? throw NotFoundById(objectId);
            var body = Render(schema, record, properties.Count == 0 ? null : properties);
            AddV3Associations(body, schema, record, associations);
            return new HubSpotResponse(200, body);
        }
    }

    public HubSpotResponse ListObjects(string objectType, int? limit, string? after, IReadOnlyList<string> properties, IReadOnlyList<string> associations, bool archived, string path)
    {
        lock (_gate)
        {
            var schema = Resolve(objectType);
            var take = CheckLimit(limit, 10, MaxListLimit);
            var start = ParseCursor(after);
            var page = _state.Records[schema.ObjectTypeId].Values
                .Where(r => r.Archived == archived && IdNumber(r.Id) > start)
                .OrderBy(r => IdNumber(r.Id))
                .Take(take + 1)
                .ToList();
            var results = new JsonArray();
            foreach (var record in page.Take(take))
            {
                var item = Render(schema, record, properties.Count == 0 ? null : properties);
                AddV3Associations(item, schema, record, associations);
                results.Add(item);
            }

            var body = new JsonObject { ["results"] = results };
            if (page.Count > take)
                body["paging"] = Paging(page[take - 1].Id, path);
            return new HubSpotResponse(200, body);
        }
    }

    public HubSpotResponse CreateObject(string objectType, JsonNode? body)
    {
        lock (_gate)
        {
            var schema = Resolve(objectType);
            var input = RequireObject(body, "SimplePublicObjectInputForCreate");
            var props = ReadProperties(input, "SimplePublicObjectInputForCreate", required: true)!;
            var associations = ReadCreateAssociations(schema, input["associations"]);
            ValidateCreate(schema, props, []);
            var record = Insert(schema, props);
            foreach (var (toType, toId, typeIds) in associations)
                Associate(schema.ObjectTypeId, record.Id, toType, toId, typeIds);
            return new HubSpotResponse(201, Render(schema, record, Written(schema, props)), Changed: true);
        }
    }

    public HubSpotResponse UpdateObject(string objectType, string objectId, string? idProperty, JsonNode? body)
    {
        lock (_gate)
        {
            var schema = Resolve(objectType);
            var input = RequireObject(body, "SimplePublicObjectInput");
            var props = ReadProperties(input, "SimplePublicObjectInput", required: true)!;
            var record = Find(schema, objectId, idProperty, archived: false) ?? throw NotFoundById(objectId);
            ValidateUpdate(schema, record, props, []);
            Apply(schema, record, props);
            return new HubSpotResponse(200, Render(schema, record, Written(schema, props)), Changed: true);
        }
    }

    public HubSpotResponse ArchiveObject(string objectType, string objectId)
    {
        lock (_gate)
        {
            var schema = Resolve(objectType);
            if (!_state.Records[schema.ObjectTypeId].TryGetValue(objectId, out var record) || record.Archived)
                return new HubSpotResponse(204, null);
            var now = Now;
            record.Archived = true;
            record.ArchivedAt = now;
            record.UpdatedAt = now;
            _state.Associations.RemoveAll(e => (e.FromObjectTypeId == schema.ObjectTypeId && e.FromObjectId == objectId)
                || (e.ToObjectTypeId == schema.ObjectTypeId && e.ToObjectId == objectId));
            Reindex(record);
            return new HubSpotResponse(204, null, Changed: true);
        }
    }

    public HubSpotResponse BatchRead(string objectType, JsonNode? body, bool archived)
    {
        lock (_gate)
        {
            var started = Now;
            var schema = Resolve(objectType);
            var input = RequireObject(body, "BatchReadInputSimplePublicObjectId");
            var inputs = ReadInputs(input, "BatchReadInputSimplePublicObjectId");
            var idProperty = OptionalString(input, "idProperty");
            var properties = StringList(input["properties"]);
            var results = new JsonArray();
            var missing = new List<string>();
            foreach (var item in inputs)
            {
                var id = RequiredString(item, "id", "SimplePublicObjectId");
                var record = Find(schema, id, idProperty, archived);
                if (record is null)
                    missing.Add(id);
                else if (!results.Any(r => (string?)r!["id"] == record.Id))
                    results.Add(Render(schema, record, properties.Count == 0 ? null : properties));
            }

            var errors = missing.Count == 0
                ? []
                : new List<JsonObject> { BatchError("OBJECT_NOT_FOUND", $"Could not get some {schema.SingularLabel.ToUpperInvariant()} objects, they may be deleted or not exist. Check that ids are valid.", "ids", missing) };
            return BatchEnvelope(results, errors, started, 200);
        }
    }

    public HubSpotResponse BatchCreate(string objectType, JsonNode? body)
    {
        lock (_gate)
        {
            var started = Now;
            var schema = Resolve(objectType);
            var input = RequireObject(body, "BatchInputSimplePublicObjectInputForCreate");
            var inputs = ReadInputs(input, "BatchInputSimplePublicObjectInputForCreate");
            var parsed = new List<(Dictionary<string, string?> Props, List<(string, string, List<int>)> Associations)>();
            var pending = new List<Dictionary<string, string?>>();
            foreach (var item in inputs)
            {
                var props = ReadProperties(item, "SimplePublicObjectInputForCreate", required: true)!;
                var associations = ReadCreateAssociations(schema, item["associations"]);
                ValidateCreate(schema, props, pending);
                pending.Add(props);
                parsed.Add((props, associations));
            }

            var results = new JsonArray();
            foreach (var (props, associations) in parsed)
            {
                var record = Insert(schema, props);
                foreach (var (toType, toId, typeIds) in associations)
                    Associate(schema.ObjectTypeId, record.Id, toType, toId, typeIds);
                results.Add(Render(schema, record, Written(schema, props)));
            }

            return BatchEnvelope(results, [], started, 201) with { Changed = parsed.Count > 0 };
        }
    }

    public HubSpotResponse BatchUpdate(string objectType, JsonNode? body)
    {
        lock (_gate)
        {
            var started = Now;
            var schema = Resolve(objectType);
            var input = RequireObject(body, "BatchInputSimplePublicObjectBatchInput");
            var inputs = ReadInputs(input, "BatchInputSimplePublicObjectBatchInput");
            var work = new List<(ObjectRecordState Record, Dictionary<string, string?> Props)>();
            var missing = new List<string>();
            foreach (var item in inputs)
            {
                var id = RequiredString(item, "id", "SimplePublicObjectBatchInput");
                var props = ReadProperties(item, "SimplePublicObjectBatchInput", required: true)!;
                var record = Find(schema, id, OptionalString(item, "idProperty"), archived: false);
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
                Apply(schema, record, props);
                results.Add(Render(schema, record, Written(schema, props)));
            }

            var errors = missing.Count == 0
                ? []
                : new List<JsonObject> { BatchError("OBJECT_NOT_FOUND", $"Could not get some {schema.SingularLabel.ToUpperInvariant()} objects, they may be deleted or not exist. Check that ids are valid.", "ids", missing) };
            return BatchEnvelope(results, errors, started, 200) with { Changed = work.Count > 0 };
        }
    }

    public HubSpotResponse BatchUpsert(string objectType, JsonNode? body)
    {
        lock (_gate)
        {
            var started = Now;
            var schema = Resolve(objectType);
            var input = RequireObject(body, "BatchInputSimplePublicObjectBatchInputUpsert");
            var inputs = ReadInputs(input, "BatchInputSimplePublicObjectBatchInputUpsert");
            var work = new List<(ObjectRecordState? Existing, Dictionary<string, string?> Props)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var duplicates = new List<string>();
            foreach (var item in inputs)
            {
                var id = OptionalString(item, "id");
                var idProperty = OptionalString(item, "idProperty");
                if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(idProperty))
                {
                    throw HubSpotApiException.Validation(
                        "Invalid input JSON on line 1: every upsert input needs an 'id' holding the unique value and an 'idProperty' naming a property with unique values.",
                        [new JsonObject { ["message"] = "idProperty and id are required for upsert", ["code"] = "REQUIRED_FIELD", ["in"] = string.IsNullOrEmpty(idProperty) ? "idProperty" : "id" }]);
                }

                var unique = UniqueProperty(schema, idProperty);
                if (!seen.Add(id))
                {
                    duplicates.Add(id);
                    continue;
                }

                var props = ReadProperties(item, "SimplePublicObjectBatchInputUpsert", required: true)!;
                props[unique.Name] = id;
                var existing = Find(schema, id, idProperty, archived: false);
                var others = work.Select(w => w.Props).ToList();
                if (existing is null)
                    ValidateCreate(schema, props, others);
                else
                    ValidateUpdate(schema, existing, props, others);
                work.Add((existing, props));
            }

            if (duplicates.Count > 0)
                throw HubSpotApiException.Validation($"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique");

            var results = new JsonArray();
            foreach (var (existing, props) in work)
            {
                var record = existing ?? Insert(schema, props);
                if (existing is not null)
                    Apply(schema, record, props);
                var item = Render(schema, record, Written(schema, props));
                item["new"] = existing is null;
                results.Add(item);
            }

            return BatchEnvelope(results, [], started, 200) with { Changed = work.Count > 0 };
        }
    }

    // ---------------------------------------------------------------- helpers shared by the partial files

    private DateTimeOffset Now => _time.GetUtcNow();

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static long IdNumber(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;

    private static long ParseCursor(string? after)
    {
        if (string.IsNullOrEmpty(after))
            return long.MinValue;
        return long.TryParse(after, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw HubSpotApiException.Validation($"Invalid 'after' paging cursor: {after}");
    }

    private static int CheckLimit(int? limit, int fallback, int max)
    {
        var value = limit ?? fallback;
        if (value < 1 || value > max)
            throw HubSpotApiException.Validation($"limit must be between 1 and {max}, but was {value}.");
        return value;
    }

    private static JsonObject Paging(string after, string path) => new()
    {
        ["next"] = new JsonObject { ["after"] = after, ["link"] = $"{path}?after={Uri.EscapeDataString(after)}" },
    };

    private IEnumerable<ObjectRecordState> Live(ObjectSchemaState schema) => _state.Records[schema.ObjectTypeId].Values.Where(r => !r.Archived);

    private ObjectSchemaState Resolve(string objectType)
    {
        foreach (var schema in _state.Schemas)
        {
            if (string.Equals(objectType, schema.ObjectTypeId, StringComparison.OrdinalIgnoreCase)
                || string.Equals(objectType, schema.FullyQualifiedName, StringComparison.OrdinalIgnoreCase))
                return schema;
            // Standard objects also go by their name and its singular; custom objects no longer by their bare name.
            if (!schema.Custom
                && (string.Equals(objectType, schema.Name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(objectType, schema.Name.TrimEnd('s'), StringComparison.OrdinalIgnoreCase)))
                return schema;
        }

        throw HubSpotApiException.Validation($"Unable to infer object type from: {objectType}");
    }

    private static PropertyState UniqueProperty(ObjectSchemaState schema, string idProperty)
    {
        var property = schema.Properties.Find(p => p.Name == idProperty)
            ?? throw HubSpotApiException.Validation($"Property \"{idProperty}\" does not exist on {schema.FullyQualifiedName}; idProperty must name a property with unique values.");
        if (!property.HasUniqueValue)
            throw HubSpotApiException.Validation($"{idProperty} is not a unique property; idProperty must name a property with unique values (hasUniqueValue: true).");
        return property;
    }

    private ObjectRecordState? Find(ObjectSchemaState schema, string id, string? idProperty, bool archived)
    {
        var records = _state.Records[schema.ObjectTypeId];
        if (string.IsNullOrEmpty(idProperty) || idProperty == "hs_object_id")
            return records.TryGetValue(id, out var byId) && byId.Archived == archived ? byId : null;
        var property = UniqueProperty(schema, idProperty);
        return records.Values.FirstOrDefault(r => r.Archived == archived
            && r.Properties.TryGetValue(property.Name, out var value)
            && string.Equals(value, id, StringComparison.OrdinalIgnoreCase));
    }

    private static HubSpotApiException NotFoundById(string id) =>
        new(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.")
        {
            Context = new Dictionary<string, IReadOnlyList<string>> { ["id"] = [id] },
        };

    private static JsonObject Render(ObjectSchemaState schema, ObjectRecordState record, IEnumerable<string>? properties) =>
        RenderValues(schema, record.Id, record.Properties, record.CreatedAt, record.UpdatedAt, record.Archived, record.ArchivedAt, properties);

    private static JsonObject RenderValues(
        ObjectSchemaState schema,
        string id,
        Dictionary<string, string> values,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        bool archived,
        DateTimeOffset? archivedAt,
        IEnumerable<string>? properties)
    {
        var names = new List<string>();
        foreach (var name in (properties ?? schema.DefaultProperties).Concat(SystemProperties(schema)))
        {
            if (!names.Contains(name) && schema.Properties.Exists(p => p.Name == name))
                names.Add(name);
        }

        var props = new JsonObject();
        foreach (var name in names.Order(StringComparer.Ordinal))
            props[name] = values.TryGetValue(name, out var value) ? value : null;
        var body = new JsonObject
        {
            ["id"] = id,
            ["properties"] = props,
            ["createdAt"] = Iso(createdAt),
            ["updatedAt"] = Iso(updatedAt),
            ["archived"] = archived,
        };
        if (archivedAt is { } at)
            body["archivedAt"] = Iso(at);
        return body;
    }

    private static IEnumerable<string> SystemProperties(ObjectSchemaState schema) =>
        schema.Properties.Where(p => p.ReadOnly).Select(p => p.Name);

    private static IEnumerable<string> Written(ObjectSchemaState schema, Dictionary<string, string?> props) =>
        schema.DefaultProperties.Concat(props.Keys);

    private ObjectRecordState Insert(ObjectSchemaState schema, Dictionary<string, string?> props)
    {
        var now = Now;
        var record = new ObjectRecordState
        {
            Id = (_state.NextRecordId++).ToString(CultureInfo.InvariantCulture),
            ObjectTypeId = schema.ObjectTypeId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (name, value) in props)
        {
            if (!string.IsNullOrEmpty(value))
                record.Properties[name] = value;
        }

        StampSystemProperties(schema, record, created: true);
        _state.Records[schema.ObjectTypeId][record.Id] = record;
        Reindex(record);
        return record;
    }

    private void Apply(ObjectSchemaState schema, ObjectRecordState record, Dictionary<string, string?> props)
    {
        foreach (var (name, value) in props)
        {
            if (string.IsNullOrEmpty(value))
                record.Properties.Remove(name);
            else
                record.Properties[name] = value;
        }

        record.UpdatedAt = Now;
        StampSystemProperties(schema, record, created: false);
        Reindex(record);
    }

    internal static void StampSystemProperties(ObjectSchemaState schema, ObjectRecordState record, bool created)
    {
        bool Has(string name) => schema.Properties.Exists(p => p.Name == name);
        record.Properties["hs_object_id"] = record.Id;
        if (created)
        {
            foreach (var name in CreatedProperties.Where(Has))
                record.Properties[name] = Iso(record.CreatedAt);
        }

        foreach (var name in ModifiedProperties.Where(Has))
            record.Properties[name] = Iso(record.UpdatedAt);
    }

    /// <summary>Adds what search will show after the lag, and forgets versions nobody can see any more.</summary>
    private void Reindex(ObjectRecordState record)
    {
        var now = Now;
        record.Index.Add(new IndexedVersionState { VisibleAt = now + SearchLag, Archived = record.Archived, Properties = new(record.Properties) });
        var lastVisible = record.Index.FindLastIndex(v => v.VisibleAt <= now);
        if (lastVisible > 0)
            record.Index.RemoveRange(0, lastVisible);
    }

    private static JsonObject RequireObject(JsonNode? body, string inputName) =>
        body as JsonObject ?? throw HubSpotApiException.Validation($"Invalid input JSON on line 1, column 1: Cannot build {inputName}, the request body must be a JSON object");

    private static List<JsonObject> ReadInputs(JsonObject body, string inputName)
    {
        if (body["inputs"] is not JsonArray inputs)
            throw HubSpotApiException.Validation($"Invalid input JSON on line 1, column 2: Cannot build {inputName}, some of required attributes are not set [inputs]");
        if (inputs.Count > MaxBatchInputs)
        {
            throw HubSpotApiException.Validation(
                $"Too many inputs: {inputs.Count}. A batch takes at most {MaxBatchInputs} inputs.",
                [new JsonObject { ["message"] = $"size must be between 0 and {MaxBatchInputs}", ["code"] = "INVALID_SIZE", ["in"] = "inputs" }]);
        }

        return [.. inputs.Select(i => i as JsonObject ?? throw HubSpotApiException.Validation($"Invalid input JSON: every item of 'inputs' in {inputName} must be an object"))];
    }

    private static string? OptionalString(JsonObject node, string name) => node[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => throw HubSpotApiException.Validation($"Invalid input JSON: '{name}' must be a string"),
    };

    private static string RequiredString(JsonObject node, string name, string inputName) =>
        OptionalString(node, name) is { Length: > 0 } s
            ? s
            : throw HubSpotApiException.Validation($"Invalid input JSON on line 1, column 2: Cannot build {inputName}, some of required attributes are not set [{name}]");

    private static List<string> StringList(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => [.. a.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw HubSpotApiException.Validation("Invalid input JSON: expected a list of strings"))],
        _ => throw HubSpotApiException.Validation("Invalid input JSON: expected a list of strings"),
    };

    /// <summary>Reads <c>properties</c>: every value becomes a string (HubSpot accepts numbers and booleans); null clears like "".</summary>
    private static Dictionary<string, string?>? ReadProperties(JsonObject input, string inputName, bool required)
    {
        switch (input["properties"])
        {
            case null when required:
                throw HubSpotApiException.Validation($"Invalid input JSON on line 1, column 2: Cannot build {inputName}, some of required attributes are not set [properties]");
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
                        _ => throw HubSpotApiException.Validation($"Invalid input JSON: the value of property '{name}' must be a string"),
                    };
                }

                return result;
            default:
                throw HubSpotApiException.Validation($"Invalid input JSON: 'properties' in {inputName} must be an object of property names to string values");
        }
    }

    private static JsonObject BatchError(string category, string message, string contextKey, IEnumerable<string> values) => new()
    {
        ["status"] = "error",
        ["category"] = category,
        ["message"] = message,
        ["context"] = new JsonObject { [contextKey] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]) },
    };

    private HubSpotResponse BatchEnvelope(JsonArray results, List<JsonObject> errors, DateTimeOffset started, int okStatus)
    {
        var body = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
        };
        if (errors.Count > 0)
        {
            body["numErrors"] = errors.Count;
            body["errors"] = new JsonArray([.. errors]);
        }

        body["startedAt"] = Iso(started);
        body["completedAt"] = Iso(Now);
        return new HubSpotResponse(errors.Count > 0 ? 207 : okStatus, body);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>
/// The CRM of one emulated portal (<see cref="HubSpotState"/>) behind one lock, and what its resource stores share:
/// finding a schema or record, writing a record and its search index, rendering one, and the batch envelope. The
/// stores (<see cref="HubSpotObjects"/>, <see cref="HubSpotSearch"/>, <see cref="HubSpotAssociations"/>,
/// <see cref="HubSpotPipelines"/>, <see cref="HubSpotSchemas"/>) follow HubSpot's CRM v3 objects, v4 associations,
/// pipelines and schemas APIs as the project's notes describe them; errors are thrown as <see cref="HubSpotProblem"/>.
/// </summary>
public sealed class HubSpotStore : ServiceStore<HubSpotState>
{
    private static readonly string[] CreatedProperties = ["createdate", "hs_createdate"];
    private static readonly string[] ModifiedProperties = ["lastmodifieddate", "hs_lastmodifieddate"];

    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };

    public HubSpotStore(HubSpotSeed seed, TimeProvider? time = null)
        : this(HubSpotPortalBuilder.Build(seed, (time ?? TimeProvider.System).GetUtcNow()), seed.SearchLag, time)
    {
    }

    public HubSpotStore(HubSpotState state, TimeSpan searchLag, TimeProvider? time = null)
        : base(state, time ?? TimeProvider.System, StateJson)
    {
        SearchLag = searchLag;
    }

    /// <summary>How long a write takes to show in search results.</summary>
    public TimeSpan SearchLag { get; set; }

    /// <summary>How the portal behaves where HubSpot differs from the obvious (batch order, partial failures, sanitising); see <see cref="HubSpotSeed"/>.</summary>
    public HubSpotSeed Behaviour { get; init; } = new();

    private Random? _batchOrder;

    public long PortalId => Read(state => state.PortalId);

    /// <summary>Reads what <see cref="ServiceStore{TState}.ExportJson"/> wrote; pass the result to the store or emulator constructor.</summary>
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
    public IReadOnlyDictionary<string, string>? PropertiesOf(string objectType, string id) => Read(state =>
    {
        var schema = Resolve(objectType);
        return state.Records[schema.ObjectTypeId].TryGetValue(id, out var r) && !r.Archived ? new Dictionary<string, string>(r.Properties) : null;
    });

    /// <summary>Ids of live records of a type whose <paramref name="property"/> equals <paramref name="value"/> (case-insensitive).</summary>
    public IReadOnlyList<string> FindIds(string objectType, string property, string value) => Read<IReadOnlyList<string>>(_ =>
        [.. Live(Resolve(objectType)).Where(r => r.Properties.TryGetValue(property, out var v) && string.Equals(v, value, StringComparison.OrdinalIgnoreCase)).Select(r => r.Id)]);

    public int CountRecords(string objectType) => Read(_ => Live(Resolve(objectType)).Count());

    // ---------------------------------------------------------------- shared by the resource stores (under the lock)

    internal IEnumerable<ObjectRecordState> Live(ObjectSchemaState schema) => State.Records[schema.ObjectTypeId].Values.Where(r => !r.Archived);

    internal ObjectSchemaState Resolve(string objectType)
    {
        foreach (var schema in State.Schemas)
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

        throw HubSpotProblem.Validation($"Unable to infer object type from: {objectType}");
    }

    internal static PropertyState UniqueProperty(ObjectSchemaState schema, string idProperty)
    {
        var property = schema.Properties.Find(p => p.Name == idProperty)
            ?? throw HubSpotProblem.Validation($"Property \"{idProperty}\" does not exist on {schema.FullyQualifiedName}; idProperty must name a property with unique values.");
        if (!property.HasUniqueValue)
            throw HubSpotProblem.Validation($"{idProperty} is not a unique property; idProperty must name a property with unique values (hasUniqueValue: true).");
        return property;
    }

    internal ObjectRecordState? Find(ObjectSchemaState schema, string id, string? idProperty, bool archived)
    {
        var records = State.Records[schema.ObjectTypeId];
        if (string.IsNullOrEmpty(idProperty) || idProperty == "hs_object_id")
            return records.TryGetValue(id, out var byId) && byId.Archived == archived ? byId : null;
        var property = UniqueProperty(schema, idProperty);
        return records.Values.FirstOrDefault(r => r.Archived == archived
            && r.Properties.TryGetValue(property.Name, out var value)
            && string.Equals(value, id, StringComparison.OrdinalIgnoreCase));
    }

    internal static HubSpotProblem NotFoundById(string id) =>
        new(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.")
        {
            Context = new Dictionary<string, IReadOnlyList<string>> { ["id"] = [id] },
        };

    internal static JsonObject Render(ObjectSchemaState schema, ObjectRecordState record, IEnumerable<string>? properties) =>
        RenderValues(schema, record.Id, record.Properties, record.CreatedAt, record.UpdatedAt, record.Archived, record.ArchivedAt, properties);

    internal static JsonObject RenderValues(
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

    /// <summary>What a write answers with: the default properties and those written.</summary>
    internal static IEnumerable<string> Written(ObjectSchemaState schema, Dictionary<string, string?> props) =>
        schema.DefaultProperties.Concat(props.Keys);

    internal ObjectRecordState Insert(ObjectSchemaState schema, Dictionary<string, string?> props)
    {
        var now = Now;
        var record = new ObjectRecordState
        {
            Id = (State.NextRecordId++).ToString(CultureInfo.InvariantCulture),
            ObjectTypeId = schema.ObjectTypeId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (name, value) in props)
        {
            if (!string.IsNullOrEmpty(value))
                record.Properties[name] = value;
        }

        Remember(record, props, HubSpotSources.Integration, now);
        StampSystemProperties(schema, record, created: true);
        State.Records[schema.ObjectTypeId][record.Id] = record;
        Reindex(record);
        return record;
    }

    internal void Apply(ObjectSchemaState schema, ObjectRecordState record, Dictionary<string, string?> props, string source = HubSpotSources.Integration)
    {
        foreach (var (name, value) in props)
        {
            if (string.IsNullOrEmpty(value))
                record.Properties.Remove(name);
            else
                record.Properties[name] = value;
        }

        Remember(record, props, source, Now);
        record.UpdatedAt = Now;
        StampSystemProperties(schema, record, created: false);
        Reindex(record);
    }

    /// <summary>Records each written value as the property's newest version, as HubSpot's history does.</summary>
    private static void Remember(ObjectRecordState record, Dictionary<string, string?> props, string source, DateTimeOffset at)
    {
        foreach (var (name, value) in props)
        {
            if (!record.History.TryGetValue(name, out var versions))
                record.History[name] = versions = [];
            versions.Insert(0, new PropertyVersionState
            {
                Value = value ?? "",
                Timestamp = at,
                SourceType = source,
                SourceId = source == HubSpotSources.Integration ? "onboarding-private-app" : "userId:1",
            });
        }
    }

    /// <summary>
    /// A person's edit in HubSpot's own pages (not through the API): the values change and their history says
    /// <c>CRM_UI</c>, as when someone edits a record by hand. For tests and <c>onboarding sandbox edit</c>.
    /// </summary>
    /// <returns>False when there is no such live record.</returns>
    public bool EditByHand(string objectType, string idProperty, string id, IReadOnlyDictionary<string, string?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        lock (Gate)
        {
            var schema = Resolve(objectType);
            if (Find(schema, id, idProperty, archived: false) is not { } record)
                return false;
            Apply(schema, record, new Dictionary<string, string?>(properties, StringComparer.Ordinal), HubSpotSources.CrmUi);
            return true;
        }
    }

    /// <summary>
    /// The <c>propertiesWithHistory</c> of a read: each asked property's versions, newest first, in HubSpot's
    /// ValueWithTimestamp shape.
    /// </summary>
    internal static void AddHistory(JsonObject body, ObjectSchemaState schema, ObjectRecordState record, IReadOnlyList<string> properties)
    {
        if (properties.Count == 0)
            return;
        var history = new JsonObject();
        foreach (var name in properties.Distinct(StringComparer.Ordinal).Where(n => schema.Properties.Exists(p => p.Name == n)).Order(StringComparer.Ordinal))
        {
            var versions = new JsonArray();
            foreach (var version in record.History.GetValueOrDefault(name) ?? [])
            {
                versions.Add(new JsonObject
                {
                    ["value"] = version.Value,
                    ["timestamp"] = Iso(version.Timestamp),
                    ["sourceType"] = version.SourceType,
                    ["sourceId"] = version.SourceId,
                });
            }

            history[name] = versions;
        }

        body["propertiesWithHistory"] = history;
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
    internal void Reindex(ObjectRecordState record)
    {
        var now = Now;
        record.Index.Add(new IndexedVersionState { VisibleAt = now + SearchLag, Archived = record.Archived, Properties = new(record.Properties) });
        var lastVisible = record.Index.FindLastIndex(v => v.VisibleAt <= now);
        if (lastVisible > 0)
            record.Index.RemoveRange(0, lastVisible);
    }

    /// <summary>A batch answer: 207 with the errors when there are any; the results in any order (shuffled, seeded, unless the seed says not).</summary>
    internal EmulatorResponse BatchEnvelope(JsonArray results, List<JsonObject> errors, DateTimeOffset started, int okStatus)
    {
        if (Behaviour.ShuffleBatchResults && results.Count > 1)
        {
            _batchOrder ??= new Random(Behaviour.BatchOrderSeed);
            var items = results.ToArray();
            results.Clear();
            _batchOrder.Shuffle(items);
            foreach (var item in items)
                results.Add(item);
        }

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
        return new EmulatorResponse(errors.Count > 0 ? 207 : okStatus, body);
    }

    private static IEnumerable<string> SystemProperties(ObjectSchemaState schema) =>
        schema.Properties.Where(p => p.ReadOnly).Select(p => p.Name);
}

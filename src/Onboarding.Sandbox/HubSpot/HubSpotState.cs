namespace Onboarding.Sandbox.HubSpot;

/// <summary>
/// The whole state of one emulated HubSpot portal: a plain object graph that System.Text.Json can write and read back,
/// so a sandbox can keep its CRM between runs.
/// </summary>
public sealed class HubSpotState
{
    public long PortalId { get; set; }

    public long NextRecordId { get; set; }

    public List<ObjectSchemaState> Schemas { get; set; } = [];

    /// <summary>Records per object type id ("0-1", "2-…"), then per record id.</summary>
    public Dictionary<string, Dictionary<string, ObjectRecordState>> Records { get; set; } = [];

    public List<AssociationDefinitionState> AssociationDefinitions { get; set; } = [];

    /// <summary>Association edges, stored in both directions.</summary>
    public List<AssociationEdgeState> Associations { get; set; } = [];

    public List<PipelineState> Pipelines { get; set; } = [];
}

public sealed class ObjectSchemaState
{
    public string Id { get; set; } = "";

    public string ObjectTypeId { get; set; } = "";

    /// <summary>"contacts", "deals", "notes" for standard objects; the schema name ("community") for custom ones.</summary>
    public string Name { get; set; } = "";

    /// <summary>The path name in object URLs: the standard name, or <c>p&lt;portal&gt;_&lt;name&gt;</c> for a custom object.</summary>
    public string FullyQualifiedName { get; set; } = "";

    public bool Custom { get; set; }

    public string SingularLabel { get; set; } = "";

    public string PluralLabel { get; set; } = "";

    public string PrimaryDisplayProperty { get; set; } = "";

    public List<string> SecondaryDisplayProperties { get; set; } = [];

    public List<string> RequiredProperties { get; set; } = [];

    public List<string> SearchableProperties { get; set; } = [];

    /// <summary>Properties returned when a read names none.</summary>
    public List<string> DefaultProperties { get; set; } = [];

    public List<PropertyState> Properties { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class PropertyState
{
    public string Name { get; set; } = "";

    public string Label { get; set; } = "";

    /// <summary>string, number, date, datetime, enumeration, bool.</summary>
    public string Type { get; set; } = "string";

    /// <summary>text, textarea, html, number, date, select, booleancheckbox, calculation_read_time.</summary>
    public string FieldType { get; set; } = "text";

    public string GroupName { get; set; } = "";

    public bool HasUniqueValue { get; set; }

    /// <summary>Set by HubSpot itself (ids, timestamps); a write is rejected.</summary>
    public bool ReadOnly { get; set; }
}

public sealed class ObjectRecordState
{
    public string Id { get; set; } = "";

    public string ObjectTypeId { get; set; } = "";

    public Dictionary<string, string> Properties { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Archived { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>What the search index shows, and from when: search lags writes.</summary>
    public List<IndexedVersionState> Index { get; set; } = [];

    /// <summary>Each property's versions, newest first (<c>propertiesWithHistory</c>): every write of a value, by whom and when.</summary>
    public Dictionary<string, List<PropertyVersionState>> History { get; set; } = [];
}

/// <summary>One write of a property value, as HubSpot's property history records it.</summary>
public sealed class PropertyVersionState
{
    public string Value { get; set; } = "";

    public DateTimeOffset Timestamp { get; set; }

    /// <summary><c>INTEGRATION</c> for a private app's write through the API, <c>CRM_UI</c> for a person's in HubSpot.</summary>
    public string SourceType { get; set; } = HubSpotSources.Integration;

    public string SourceId { get; set; } = "";
}

/// <summary>The <c>sourceType</c> values the sandbox records.</summary>
public static class HubSpotSources
{
    /// <summary>A write through the API with a private app's token (what onboarding sends).</summary>
    public const string Integration = "INTEGRATION";

    /// <summary>A person editing the record in HubSpot.</summary>
    public const string CrmUi = "CRM_UI";
}

public sealed class IndexedVersionState
{
    public DateTimeOffset VisibleAt { get; set; }

    public bool Archived { get; set; }

    public Dictionary<string, string> Properties { get; set; } = [];
}

public sealed class AssociationDefinitionState
{
    public int TypeId { get; set; }

    public string FromObjectTypeId { get; set; } = "";

    public string ToObjectTypeId { get; set; } = "";

    /// <summary>HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED.</summary>
    public string Category { get; set; } = "HUBSPOT_DEFINED";

    /// <summary>Null for the unlabelled default type.</summary>
    public string? Label { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The type id of the same association read from the other side.</summary>
    public int InverseTypeId { get; set; }
}

public sealed class AssociationEdgeState
{
    public string FromObjectTypeId { get; set; } = "";

    public string FromObjectId { get; set; } = "";

    public string ToObjectTypeId { get; set; } = "";

    public string ToObjectId { get; set; } = "";

    public List<int> TypeIds { get; set; } = [];
}

public sealed class PipelineState
{
    public string ObjectTypeId { get; set; } = "0-3";

    public string Id { get; set; } = "";

    public string Label { get; set; } = "";

    public int DisplayOrder { get; set; }

    public bool Archived { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<PipelineStageState> Stages { get; set; } = [];
}

public sealed class PipelineStageState
{
    public string Id { get; set; } = "";

    public string Label { get; set; } = "";

    public int DisplayOrder { get; set; }

    /// <summary>A decimal in a string, as HubSpot sends it ("0.2").</summary>
    public string Probability { get; set; } = "0";

    public bool IsClosed { get; set; }
}

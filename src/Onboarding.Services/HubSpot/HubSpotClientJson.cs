using System.Text.Json;
using System.Text.Json.Serialization;
using Onboarding.Services.Http;

namespace Onboarding.Services.HubSpot;

// The requests HubSpotClient sends and the answers it reads, as HubSpot's CRM API (objects v3, associations v4,
// pipelines) spells them. Properties are declared in the order they go on the wire.

internal sealed record IdInput(string Id);

/// <summary>
/// Batch read by id, or by <see cref="IdProperty"/> (a unique property such as email). The published contract requires
/// <see cref="PropertiesWithHistory"/>; empty when no history is wanted.
/// </summary>
internal sealed record BatchReadRequest(string? IdProperty, IReadOnlyList<IdInput> Inputs, IReadOnlyList<string> Properties, IReadOnlyList<string> PropertiesWithHistory);

/// <summary>An update: property values, an empty string clearing one.</summary>
internal sealed record PropertiesInput(IReadOnlyDictionary<string, string> Properties);

/// <summary>A create: property values and the associations the contract requires (empty when there are none).</summary>
internal sealed record CreateInput(IReadOnlyDictionary<string, string> Properties, IReadOnlyList<CreateAssociation> Associations);

internal sealed record UpsertInput(string IdProperty, string Id, IReadOnlyDictionary<string, string> Properties);

internal sealed record BatchInput<T>(IReadOnlyList<T> Inputs);

internal sealed record AssociationSpec(string AssociationCategory, int AssociationTypeId);

internal sealed record AssociationInput(IdInput From, IdInput To, IReadOnlyList<AssociationSpec> Types);

/// <summary>An association made with a create: the record to associate with, by the types to use.</summary>
internal sealed record CreateAssociation(IdInput To, IReadOnlyList<AssociationSpec> Types);

internal sealed record NoteProperties(
    [property: JsonPropertyName("hs_note_body")] string Body,
    [property: JsonPropertyName("hs_timestamp")] string Timestamp);

internal sealed record NoteInput(NoteProperties Properties, IReadOnlyList<CreateAssociation> Associations);

/// <summary>A record as HubSpot answers it; <see cref="New"/> only in an upsert's results.</summary>
internal sealed record ObjectAnswer(string? Id, Dictionary<string, string?>? Properties, bool New)
{
    /// <summary>Each property's versions, newest first, when the read asked for them.</summary>
    public Dictionary<string, List<ValueWithTimestamp>?>? PropertiesWithHistory { get; init; }
}

/// <summary>One version of a property value: who (<see cref="SourceType"/>, such as CRM_UI or INTEGRATION) wrote it, and when.</summary>
internal sealed record ValueWithTimestamp(string? Value, DateTimeOffset? Timestamp, string? SourceType);

internal sealed record PageAnswer<T>(List<T>? Results, Paging? Paging);

internal sealed record Paging(PagingNext? Next);

internal sealed record PagingNext(string? After);

internal sealed record StageMetadata(string? IsClosed);

internal sealed record StageAnswer(string? Id, string? Label, int DisplayOrder, StageMetadata? Metadata);

internal sealed record PipelineAnswer(string? Id, string? Label, List<StageAnswer>? Stages);

internal sealed record LabelAnswer(string? Category, int TypeId, string? Label);

internal sealed record AssociationAnswer(string? ToObjectId, List<LabelAnswer>? AssociationTypes);

/// <summary>One error of a 207 answer; which inputs it concerns shows in <see cref="Context"/> (such as <c>{"ids": [...]}</c>) or <see cref="Id"/>.</summary>
internal sealed record BatchError(string? Message, string? Id, JsonElement? Context)
{
    /// <summary>Whether the error names <paramref name="key"/> (an id or a unique value) anywhere in its context.</summary>
    public bool Names(string key) =>
        string.Equals(Id, key, StringComparison.OrdinalIgnoreCase)
        || (Context is { ValueKind: JsonValueKind.Object } context
            && context.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Array
                && p.Value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), key, StringComparison.OrdinalIgnoreCase))));
}

internal sealed record BatchAnswer(int NumErrors, List<BatchError>? Errors);

/// <summary>A batch upsert's answer: 200, or 207 with the errors of the inputs that failed.</summary>
internal sealed record UpsertAnswer(List<ObjectAnswer>? Results, int NumErrors, List<BatchError>? Errors);

internal sealed record ErrorAnswer(string? Message, string? Category, List<ErrorDetail>? Errors = null);

/// <summary>One entry of an error's <c>errors</c>; MISSING_SCOPES puts the scopes it needs in <c>context</c> (<c>requiredGranularScopes</c>).</summary>
internal sealed record ErrorDetail(string? Message, Dictionary<string, List<string>?>? Context);

internal sealed record SchemaAnswer(string? ObjectTypeId, string? Name, string? FullyQualifiedName);

internal sealed record PropertyAnswer(string? Name, string? Label, string? Type, string? FieldType, string? GroupName, bool HasUniqueValue);

internal sealed record PropertyCreate(string Name, string Label, string Type, string FieldType, string GroupName, bool HasUniqueValue);

internal sealed record LabelCreate(string Name, string Label);

/// <summary>One community whose associations a v4 batch read asks for; <see cref="After"/> reads on from a page.</summary>
internal sealed record AssociationFetch(string Id, string? After);

/// <summary>One community's associations in a v4 batch read answer, with a cursor when it has more.</summary>
internal sealed record AssociationBatchResult(IdInput? From, List<AssociationAnswer>? To, Paging? Paging);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ScalarTextConverter)])]
[JsonSerializable(typeof(BatchReadRequest))]
[JsonSerializable(typeof(BatchInput<AssociationFetch>))]
[JsonSerializable(typeof(PageAnswer<AssociationBatchResult>))]
[JsonSerializable(typeof(PropertiesInput))]
[JsonSerializable(typeof(CreateInput))]
[JsonSerializable(typeof(UpsertAnswer))]
[JsonSerializable(typeof(BatchInput<UpsertInput>))]
[JsonSerializable(typeof(BatchInput<AssociationInput>))]
[JsonSerializable(typeof(IReadOnlyList<AssociationSpec>))]
[JsonSerializable(typeof(NoteInput))]
[JsonSerializable(typeof(ObjectAnswer))]
[JsonSerializable(typeof(PageAnswer<ObjectAnswer>))]
[JsonSerializable(typeof(PageAnswer<PipelineAnswer>))]
[JsonSerializable(typeof(PageAnswer<LabelAnswer>))]
[JsonSerializable(typeof(PageAnswer<AssociationAnswer>))]
[JsonSerializable(typeof(BatchAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(SchemaAnswer))]
[JsonSerializable(typeof(PageAnswer<PropertyAnswer>))]
[JsonSerializable(typeof(PropertyAnswer))]
[JsonSerializable(typeof(PropertyCreate))]
[JsonSerializable(typeof(LabelCreate))]
internal sealed partial class HubSpotClientJson : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using Onboarding.Services.Http;

namespace Onboarding.Services.HubSpot;

// The requests HubSpotClient sends and the answers it reads, as HubSpot's CRM API (objects v3, associations v4,
// pipelines) spells them. Properties are declared in the order they go on the wire.

internal sealed record IdInput(string Id);

/// <summary>Batch read by id, or by <see cref="IdProperty"/> (a unique property such as email).</summary>
internal sealed record BatchReadRequest(string? IdProperty, IReadOnlyList<IdInput> Inputs, IReadOnlyList<string> Properties);

/// <summary>A create or an update: property values, an empty string clearing one.</summary>
internal sealed record PropertiesInput(IReadOnlyDictionary<string, string> Properties);

internal sealed record UpsertInput(string IdProperty, string Id, IReadOnlyDictionary<string, string> Properties);

internal sealed record BatchInput<T>(IReadOnlyList<T> Inputs);

internal sealed record AssociationSpec(string AssociationCategory, int AssociationTypeId);

internal sealed record AssociationInput(IdInput From, IdInput To, IReadOnlyList<AssociationSpec> Types);

internal sealed record NoteAssociation(IdInput To, IReadOnlyList<AssociationSpec> Types);

internal sealed record NoteProperties(
    [property: JsonPropertyName("hs_note_body")] string Body,
    [property: JsonPropertyName("hs_timestamp")] string Timestamp);

internal sealed record NoteInput(NoteProperties Properties, IReadOnlyList<NoteAssociation> Associations);

/// <summary>A record as HubSpot answers it; <see cref="New"/> only in an upsert's results.</summary>
internal sealed record ObjectAnswer(string? Id, Dictionary<string, string?>? Properties, bool New);

internal sealed record PageAnswer<T>(List<T>? Results, Paging? Paging);

internal sealed record Paging(PagingNext? Next);

internal sealed record PagingNext(string? After);

internal sealed record StageMetadata(string? IsClosed);

internal sealed record StageAnswer(string? Id, string? Label, int DisplayOrder, StageMetadata? Metadata);

internal sealed record PipelineAnswer(string? Id, string? Label, List<StageAnswer>? Stages);

internal sealed record LabelAnswer(string? Category, int TypeId, string? Label);

internal sealed record AssociationAnswer(string? ToObjectId, List<LabelAnswer>? AssociationTypes);

internal sealed record BatchError(string? Message);

internal sealed record BatchAnswer(int NumErrors, List<BatchError>? Errors);

internal sealed record ErrorAnswer(string? Message, string? Category);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ScalarTextConverter)])]
[JsonSerializable(typeof(BatchReadRequest))]
[JsonSerializable(typeof(PropertiesInput))]
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
internal sealed partial class HubSpotClientJson : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using Onboarding.Services.Http;

namespace Onboarding.Services.Freshdesk;

// The requests FreshdeskClient sends and the answers it reads, as Freshdesk's API v2 spells them (snake_case).
// Properties are declared in the order they go on the wire; a null one is left out.

internal sealed record ContactInput(string Name, string Email, long? CompanyId, IReadOnlyList<string>? Tags);

internal sealed record CompanyInput(string Name, IReadOnlyDictionary<string, string?>? CustomFields);

internal sealed record CompanyFieldsInput(IReadOnlyDictionary<string, string?> CustomFields);

internal sealed record TicketInput(
    string Email,
    string Subject,
    string Description,
    int Status,
    int Priority,
    IReadOnlyList<string> CcEmails,
    IReadOnlyList<string> Tags,
    string? Name);

internal sealed record OutboundEmailInput(
    string Email,
    string Subject,
    string Description,
    long EmailConfigId,
    int Status,
    int Priority,
    IReadOnlyList<string> CcEmails,
    IReadOnlyList<string> Tags,
    string? Name);

internal sealed record NoteInput(string Body, bool Private);

internal sealed record TicketStatusInput(int Status);

internal sealed record TicketTagsInput(IReadOnlyList<string> Tags);

internal sealed record ContactAnswer(long Id, string? Name, string? Email, long? CompanyId, List<string>? Tags)
{
    public DateTimeOffset? UpdatedAt { get; init; }
}

internal sealed record CompanyAnswer(long Id, string? Name, Dictionary<string, JsonElement>? CustomFields)
{
    public DateTimeOffset? UpdatedAt { get; init; }
}

internal sealed record CompanyRefAnswer(long Id, string? Name);

internal sealed record AutocompleteAnswer(List<CompanyRefAnswer>? Companies);

internal sealed record TicketAnswer(
    long Id,
    string? Subject,
    int Status,
    long RequesterId,
    long? CompanyId,
    List<string>? Tags,
    List<string>? CcEmails,
    bool Deleted,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal sealed record NoteAnswer(long Id, long TicketId, bool Private, DateTimeOffset CreatedAt);

internal sealed record ConversationAnswer(long Id, bool Private, string? Body, string? BodyText);

internal sealed record SearchAnswer(List<TicketAnswer>? Results, int Total);

internal sealed record EmailConfigAnswer(long Id, string? Name, string? ReplyEmail);

internal sealed record CompanyFieldAnswer(long Id, string? Name, string? Label, string? Type);

internal sealed record CompanyFieldInput(string Label, string Type);

internal sealed record FieldError(string? Field, string? Message, string? Code);

/// <summary>Freshdesk's error body: a description with field errors (400, 409), or a message and a code (401, 404, 429).</summary>
internal sealed record ErrorAnswer(string? Description, List<FieldError>? Errors, string? Message, string? Code);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ScalarTextConverter)])]
[JsonSerializable(typeof(ContactInput))]
[JsonSerializable(typeof(CompanyInput))]
[JsonSerializable(typeof(CompanyFieldsInput))]
[JsonSerializable(typeof(TicketInput))]
[JsonSerializable(typeof(OutboundEmailInput))]
[JsonSerializable(typeof(NoteInput))]
[JsonSerializable(typeof(TicketStatusInput))]
[JsonSerializable(typeof(TicketTagsInput))]
[JsonSerializable(typeof(ContactAnswer))]
[JsonSerializable(typeof(List<ContactAnswer>))]
[JsonSerializable(typeof(CompanyAnswer))]
[JsonSerializable(typeof(List<CompanyAnswer>))]
[JsonSerializable(typeof(AutocompleteAnswer))]
[JsonSerializable(typeof(TicketAnswer))]
[JsonSerializable(typeof(List<TicketAnswer>))]
[JsonSerializable(typeof(NoteAnswer))]
[JsonSerializable(typeof(List<ConversationAnswer>))]
[JsonSerializable(typeof(SearchAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(List<EmailConfigAnswer>))]
[JsonSerializable(typeof(List<CompanyFieldAnswer>))]
[JsonSerializable(typeof(CompanyFieldAnswer))]
[JsonSerializable(typeof(CompanyFieldInput))]
internal sealed partial class FreshdeskClientJson : JsonSerializerContext;

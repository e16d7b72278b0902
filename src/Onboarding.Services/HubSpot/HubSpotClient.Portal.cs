using Onboarding.Core.Services.HubSpot;
using Onboarding.Services.Http;

namespace Onboarding.Services.HubSpot;

/// <summary><see cref="IHubSpotPortal"/>: the Community object's schema, properties and association types (object schemas v3, properties v3, association labels v4).</summary>
public sealed partial class HubSpotClient : IHubSpotPortal
{
    public async Task<PortalObjectSchema?> ReadCommunitySchemaAsync(CancellationToken cancellationToken = default)
    {
        var answer = await FindAsync("read the Community object's schema", $"crm-object-schemas/v3/schemas/{_community}", HubSpotClientJson.Default.SchemaAnswer, cancellationToken);
        return answer is null ? null : new PortalObjectSchema(answer.ObjectTypeId ?? "", answer.Name ?? "", answer.FullyQualifiedName ?? "");
    }

    public async Task<IReadOnlyList<PortalProperty>> ReadCommunityPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync("read the Community object's properties", HttpMethod.Get, $"crm/v3/properties/{_community}", null, idempotent: true,
            HubSpotClientJson.Default.PageAnswerPropertyAnswer, cancellationToken);
        return [.. (answer.Results ?? []).Select(Property)];
    }

    public async Task<IReadOnlyList<AssociationLabel>> ReadAssociationTypesAsync(HubSpotObjectKind from, HubSpotObjectKind to, CancellationToken cancellationToken = default)
    {
        // Read afresh, not from the cache apply keeps: setup may just have added one.
        var answer = await SendAsync($"read the association types between {KindName(from)} and {KindName(to)}", HttpMethod.Get, $"crm/associations/v4/{TypePath(from)}/{TypePath(to)}/labels", null, idempotent: true,
            HubSpotClientJson.Default.PageAnswerLabelAnswer, cancellationToken);
        return [.. (answer.Results ?? []).Select(Label)];
    }

    public async Task<PortalProperty> CreateCommunityPropertyAsync(PortalProperty property, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(property);
        var body = ServiceRequests.JsonBody(new PropertyCreate(property.Name, property.Label, property.Type, property.FieldType, property.GroupName, property.HasUniqueValue), HubSpotClientJson.Default.PropertyCreate);
        // Not repeated blindly: a property made by an attempt whose answer was lost is then a 409, which setup takes as done.
        var answer = await SendAsync($"create the Community property {property.Name}", HttpMethod.Post, $"crm/v3/properties/{_community}", body, idempotent: false,
            HubSpotClientJson.Default.PropertyAnswer, cancellationToken);
        return Property(answer);
    }

    public async Task CreateCommunityContactLabelAsync(string name, string label, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var body = ServiceRequests.JsonBody(new LabelCreate(name, label), HubSpotClientJson.Default.LabelCreate);
        await SendAsync($"create the association label \"{label}\"", HttpMethod.Post, $"crm/associations/v4/{_community}/contacts/labels", body, idempotent: false,
            HubSpotClientJson.Default.PageAnswerLabelAnswer, cancellationToken);
        _labels.Remove(_community + "|contacts");
    }

    private static PortalProperty Property(PropertyAnswer p) =>
        new(p.Name ?? "", p.Label ?? "", p.Type ?? "", p.FieldType ?? "", p.GroupName ?? "", p.HasUniqueValue);
}

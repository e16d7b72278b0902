namespace Onboarding.Core.Services.HubSpot;

/// <summary>
/// How the portal is set up for onboarding (the Community object, its properties and association types), for
/// <c>doctor</c> (reads) and <c>setup</c> (creates what is missing, never changes what exists).
/// </summary>
public interface IHubSpotPortal
{
    /// <summary>The configured Community object's schema, or null when the portal has no such object type (404).</summary>
    Task<PortalObjectSchema?> ReadCommunitySchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>Every property of the Community object (properties API).</summary>
    Task<IReadOnlyList<PortalProperty>> ReadCommunityPropertiesAsync(CancellationToken cancellationToken = default);

    /// <summary>The association types (labelled and unlabelled) from one object type to another, as the portal lists them.</summary>
    Task<IReadOnlyList<AssociationLabel>> ReadAssociationTypesAsync(HubSpotObjectKind from, HubSpotObjectKind to, CancellationToken cancellationToken = default);

    /// <summary>Creates a property on the Community object. A name that exists is a <see cref="ServiceException"/> (409).</summary>
    Task<PortalProperty> CreateCommunityPropertyAsync(PortalProperty property, CancellationToken cancellationToken = default);

    /// <summary>Creates a user-defined association label from the Community object to contacts.</summary>
    Task CreateCommunityContactLabelAsync(string name, string label, CancellationToken cancellationToken = default);
}

/// <summary>A custom object's schema as far as onboarding needs it.</summary>
public sealed record PortalObjectSchema(string ObjectTypeId, string Name, string FullyQualifiedName);

/// <summary>A property definition. <paramref name="Type"/>: string, number, date, datetime, enumeration, bool; <paramref name="FieldType"/>: text, textarea, number, date, ….</summary>
public sealed record PortalProperty(string Name, string Label, string Type, string FieldType, string GroupName, bool HasUniqueValue);

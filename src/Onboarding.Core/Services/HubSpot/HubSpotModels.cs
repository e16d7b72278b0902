namespace Onboarding.Core.Services.HubSpot;

/// <summary>One CRM record: its id and the string values of the properties that were asked for (null when unset).</summary>
public sealed record HubSpotRecord(string Id, IReadOnlyDictionary<string, string?> Properties)
{
    public string? this[string property] => Properties.TryGetValue(property, out var value) ? value : null;

    /// <summary>Each property's writes, newest first, for the properties whose history was asked for.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PropertyWrite>> History { get; init; } = new Dictionary<string, IReadOnlyList<PropertyWrite>>();
}

/// <summary>One write of a HubSpot property value, as its history tells it.</summary>
/// <param name="Source">HubSpot's <c>sourceType</c>: <c>INTEGRATION</c> or <c>API</c> for a write through the API (this
/// program's among them), <c>CRM_UI</c>, <c>IMPORT</c>, <c>MOBILE_IOS</c>… for a person's.</param>
public sealed record PropertyWrite(string? Value, DateTimeOffset At, string Source)
{
    /// <summary>Written through the API by an integration (this program writes so), not by a person in HubSpot.</summary>
    public bool ByIntegration => Source is "INTEGRATION" or "API";
}


/// <summary>
/// The outcome of upserting one record by a unique property: <paramref name="Key"/> is the unique value it was sent
/// under (the contact's email), <paramref name="Created"/> is false when it already existed.
/// </summary>
public sealed record HubSpotUpserted(string Key, string Id, bool Created, IReadOnlyDictionary<string, string?> Properties);

/// <summary>One input of a batch that HubSpot did not carry out (its part of a 207 answer), by the unique value it was sent under.</summary>
public sealed record HubSpotInputFailure(string Key, string Reason);

/// <summary>
/// What a batch upsert did, input by input: HubSpot answers in any order and may fail some inputs only (207), so each
/// result is matched to its input by the unique value, never by position.
/// </summary>
public sealed record HubSpotUpserts(IReadOnlyList<HubSpotUpserted> Upserted, IReadOnlyList<HubSpotInputFailure> Failed);

/// <summary>A contact to create or update, keyed by email. Properties are HubSpot contact property names (firstname, lastname, ...).</summary>
public sealed record HubSpotContactInput(string Email, IReadOnlyDictionary<string, string?> Properties);

/// <summary>A deal pipeline with its stages; a deal's <c>dealstage</c> holds a stage <see cref="DealStage.Id"/>, never its label.</summary>
public sealed record DealPipeline(string Id, string Label, IReadOnlyList<DealStage> Stages);

public sealed record DealStage(string Id, string Label, int DisplayOrder, bool IsClosed);

/// <summary>One association type between two object types: the unlabelled default has a null <paramref name="Label"/>.</summary>
/// <param name="Category">HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED.</param>
public sealed record AssociationLabel(int TypeId, string Category, string? Label);

/// <summary>A record associated with another one, with every association type (label) between the two.</summary>
public sealed record HubSpotAssociation(string ToObjectId, IReadOnlyList<AssociationLabel> Types)
{
    public bool HasLabel(string label) => Types.Any(t => string.Equals(t.Label, label, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The standard object types onboarding touches, plus the configured Community custom object.</summary>
public enum HubSpotObjectKind
{
    Community,
    Contact,
    Deal,
    Note,
}

/// <summary>A record a note is attached to.</summary>
public sealed record HubSpotNoteTarget(HubSpotObjectKind Kind, string Id);

/// <summary>The association labels onboarding uses between a Community and its Contacts.</summary>
public static class HubSpotLabels
{
    public const string CommunityRepresentative = "Community Representative";

    public const string TechnicalContact = "Technical Contact";
}

/// <summary>Community custom object property names.</summary>
public static class CommunityProperties
{
    public const string Name = "name";
    public const string LongName = "long_name";
    public const string Website = "website";
    public const string GitHubOrganization = "github_organization";
    public const string Logo = "logo";
    public const string CommunityContext = "community_context";
    public const string FirstValueDate = "first_value_date";
    public const string TimeToFirstValueDays = "time_to_first_value_days";
    public const string FirstValueHub = "first_value_hub";
    public const string ManifestPath = "manifest_path";
    public const string Hubs = "hubs";
}

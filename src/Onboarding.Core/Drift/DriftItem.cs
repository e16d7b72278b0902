namespace Onboarding.Core.Drift;

/// <summary>The kinds of difference drift reports, each with its own remedy.</summary>
public enum DriftKind
{
    /// <summary>A Community property edited in HubSpot by hand.</summary>
    PropertyEdited,

    /// <summary>The Community record the manifest describes is not in HubSpot.</summary>
    CommunityMissing,

    /// <summary>A person of the manifest is not a HubSpot contact.</summary>
    ContactMissing,

    /// <summary>A contact's name differs between HubSpot and the manifest.</summary>
    ContactEdited,

    /// <summary>A person lacks the association label the manifest gives them (removed or changed in HubSpot).</summary>
    LabelMissing,

    /// <summary>A contact carries a label the manifest does not give them.</summary>
    LabelExtra,

    /// <summary>A deal of the manifest is not associated with the community.</summary>
    DealMissing,

    /// <summary>A deal is associated with the community in HubSpot but not listed in the manifest.</summary>
    DealExtra,

    /// <summary>The community's Freshdesk company is missing.</summary>
    CompanyMissing,

    /// <summary>A Freshdesk company field edited by hand.</summary>
    CompanyFieldEdited,

    /// <summary>A person of the manifest is not a Freshdesk contact, or is not one of the company.</summary>
    HelpdeskContactMissing,

    /// <summary>A Freshdesk contact's name or company differs.</summary>
    HelpdeskContactEdited,

    /// <summary>A Community record in HubSpot that no manifest describes.</summary>
    NoManifest,
}

/// <summary>
/// One difference between a service and the manifests, with the place to change: the manifest file and line (for a
/// community without a manifest, the file to add and line 0).
/// </summary>
/// <param name="Service">HubSpot or Freshdesk.</param>
/// <param name="Field">The manifest field concerned, e.g. <c>long_name</c> or <c>representatives[0].email</c>.</param>
/// <param name="Difference">One plain sentence: what the service holds and what the manifest says.</param>
/// <param name="Fix">One plain sentence: what to change to make them agree.</param>
public sealed record DriftItem(
    string Community,
    DriftKind Kind,
    string Service,
    string File,
    int Line,
    string Field,
    string? InService,
    string? InManifest,
    string Difference,
    string Fix)
{
    /// <summary>"communities/tidepool.yaml:4", or the file alone when there is no line yet.</summary>
    public string Place => Line > 0 ? $"{File}:{Line}" : File;
}

/// <summary>Every difference found in one run, in a stable order (file, line, service, field).</summary>
public sealed record DriftReport(IReadOnlyList<DriftItem> Items, int CommunitiesChecked, IReadOnlyList<string> Notes)
{
    public bool HasDrift => Items.Count > 0;
}

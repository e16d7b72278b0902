namespace Onboarding.Core.Configuration;

/// <summary>
/// The service fields apply writes from the manifests, by the names <c>heal</c> and <c>externally_managed</c> in the
/// configuration give them: <c>hubspot.&lt;property key&gt;</c> for the Community record's properties and
/// <c>freshdesk.company.&lt;field key&gt;</c> for the company's custom fields, with the keys of
/// <c>hubspot.properties</c> and <c>freshdesk.company_fields</c> (never the portal's own names, which differ between
/// installations); <c>hubspot.contact.name</c> and <c>freshdesk.contact.name</c> for a person's name as a contact.
/// </summary>
public static class ServiceFields
{
    /// <summary>The Community properties apply writes, by their key (the record's <c>name</c> is its key, never rewritten).</summary>
    public static readonly IReadOnlyList<string> HubSpot = ["long_name", "website", "github_organization", "logo", "community_context", "manifest_path", "hubs"];

    /// <summary>The company fields apply writes, by their key.</summary>
    public static readonly IReadOnlyList<string> FreshdeskCompany = ["representatives", "hub_urls", "grafana_url"];

    /// <summary>A person's name (first and last) as a HubSpot contact.</summary>
    public const string HubSpotContactName = "hubspot.contact.name";

    /// <summary>A person's name as a Freshdesk contact.</summary>
    public const string FreshdeskContactName = "freshdesk.contact.name";

    /// <summary>Every name a list in the configuration may give, in the order the README lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. HubSpot.Select(f => $"hubspot.{f}"), HubSpotContactName, .. FreshdeskCompany.Select(f => $"freshdesk.company.{f}"), FreshdeskContactName];

    /// <summary>The configuration's name of a Community property as the portal names it, or null for one apply does not write.</summary>
    public static string? OfProperty(OnboardingSettings settings, string property)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var names = settings.HubSpot.Properties;
        var key = property == names.LongName ? "long_name"
            : property == names.Website ? "website"
            : property == names.GitHubOrganization ? "github_organization"
            : property == names.Logo ? "logo"
            : property == names.CommunityContext ? "community_context"
            : property == names.ManifestPath ? "manifest_path"
            : property == names.Hubs ? "hubs"
            : null;
        return key is null ? null : $"hubspot.{key}";
    }

    /// <summary>The configuration's name of a company field as the helpdesk names it, or null for one apply does not write.</summary>
    public static string? OfCompanyField(OnboardingSettings settings, string field)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var freshdesk = settings.Freshdesk;
        var key = field == freshdesk.RepresentativesField ? "representatives"
            : field == freshdesk.HubUrlsField ? "hub_urls"
            : field == freshdesk.GrafanaUrlField ? "grafana_url"
            : null;
        return key is null ? null : $"freshdesk.company.{key}";
    }
}

using Onboarding.Core.Configuration;

namespace Onboarding.Core.Installation;

/// <summary>
/// What an installation must hold for <c>apply</c> to work: the configuration, the turnup templates it names (paths in
/// the infrastructure repository) and the deployed hubs whose Prometheus First Value asks.
/// </summary>
public sealed record InstallationExpectations(OnboardingSettings Settings, IReadOnlyList<string> TemplatePaths, IReadOnlyList<DeployedHub> DeployedHubs)
{
    /// <summary>The Community properties onboarding writes, with the type each needs.</summary>
    public IReadOnlyList<ExpectedProperty> Properties => ExpectedProperty.For(Settings.HubSpot.Properties);

    /// <summary>The Freshdesk company fields onboarding writes, with the types that hold what it writes.</summary>
    public IReadOnlyList<ExpectedCompanyField> CompanyFields =>
    [
        new("representatives", Settings.Freshdesk.RepresentativesField, "custom_paragraph", ["custom_paragraph"]),
        new("hub_urls", Settings.Freshdesk.HubUrlsField, "custom_paragraph", ["custom_paragraph"]),
        new("grafana_url", Settings.Freshdesk.GrafanaUrlField, "custom_url", ["custom_url", "custom_text", "custom_paragraph"]),
    ];
}

/// <summary>A hub with status deployed, by community and hub name.</summary>
public sealed record DeployedHub(string Community, string Hub);

/// <param name="Field">The key under <c>hubspot.properties</c> in onboarding.yaml.</param>
/// <param name="Name">The property name configured for it.</param>
/// <param name="Type">HubSpot's type of the values onboarding writes (string, number, date).</param>
/// <param name="FieldTypes">Field types that hold them; the first is the one setup creates.</param>
public sealed record ExpectedProperty(string Field, string Name, string Label, string Type, IReadOnlyList<string> FieldTypes, bool Unique = false)
{
    public static IReadOnlyList<ExpectedProperty> For(CommunityPropertyNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        IReadOnlyList<string> line = ["text", "textarea"];
        IReadOnlyList<string> block = ["textarea", "text"];
        return
        [
            new("name", names.Name, "Name", "string", line, Unique: true),
            new("long_name", names.LongName, "Long Name", "string", line),
            new("website", names.Website, "Website", "string", line),
            new("github_organization", names.GitHubOrganization, "GitHub Organization", "string", line),
            new("logo", names.Logo, "Logo", "string", line),
            new("community_context", names.CommunityContext, "Community Context", "string", block),
            new("manifest_path", names.ManifestPath, "Manifest Path", "string", line),
            new("hubs", names.Hubs, "Hubs", "string", block),
            new("first_value_date", names.FirstValueDate, "First Value Date", "date", ["date"]),
            new("time_to_first_value_days", names.TimeToFirstValueDays, "Time to First Value (days)", "number", ["number"]),
            new("first_value_hub", names.FirstValueHub, "First Value Hub", "string", line),
        ];
    }
}

/// <param name="Field">The key under <c>freshdesk.company_fields</c> in onboarding.yaml.</param>
/// <param name="CreateType">The type setup creates; <paramref name="Types"/> are those that hold what onboarding writes.</param>
public sealed record ExpectedCompanyField(string Field, string Name, string CreateType, IReadOnlyList<string> Types);

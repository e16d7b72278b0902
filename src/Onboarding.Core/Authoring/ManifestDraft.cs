using System.Globalization;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Authoring;

/// <summary>
/// Everything a manifest holds, as text, before it is validated: what a form, a prompt or an import collected.
/// Dates and the hub status stay text so that a wrong answer is written as given and the validator names it.
/// <see cref="ManifestWriter"/> writes each schema field from the property named like it, as <see cref="Community"/>
/// has it: a new top-level field needs a property here, a new hub field one on <see cref="HubDraft"/>; people, cloud,
/// sign-in, GPU and bucket fields live in the records the draft shares with the model.
/// </summary>
public sealed record ManifestDraft
{
    /// <summary>A line or two said about the community, written as a comment under the schema line.</summary>
    public string? Summary { get; init; }

    public string Name { get; init; } = "";

    public string LongName { get; init; } = "";

    public Owners? Owners { get; init; }

    public string? Paused { get; init; }

    public string? Website { get; init; }

    public string? GitHubOrganization { get; init; }

    public string? Logo { get; init; }

    /// <summary>Markdown answering the community-context questions.</summary>
    public string? Context { get; init; }

    public IReadOnlyList<Person> Representatives { get; init; } = [];

    public IReadOnlyList<Person> TechnicalContacts { get; init; } = [];

    /// <summary>HubSpot deal ids.</summary>
    public IReadOnlyList<string> Deals { get; init; } = [];

    public string? Configurator { get; init; }

    public string? Notes { get; init; }

    public string? Transcript { get; init; }

    public bool? SyncChat { get; init; }

    public CloudSettings Cloud { get; init; } = new();

    public IReadOnlyList<HubDraft> Hubs { get; init; } = [];

    /// <summary>
    /// The draft of a manifest as its file says it, for tools that rewrite manifests: dates and the hub status as
    /// written, the fields read as <see cref="CommunityBinder"/> reads them into a <see cref="Community"/>.
    /// </summary>
    public static ManifestDraft Read(YamlMapping root) => CommunityBinder.Bind<ManifestDraft>(root);
}

/// <summary>One hub of a <see cref="ManifestDraft"/>.</summary>
public sealed record HubDraft
{
    public string Name { get; init; } = "";

    public string Domain { get; init; } = "";

    /// <summary>requested, deployed or decommissioned.</summary>
    public string Status { get; init; } = "requested";

    /// <summary>The shared cluster the hub runs on; null for the community's own.</summary>
    public string? Cluster { get; init; }

    /// <summary>The day the hub was requested, as <c>YYYY-MM-DD</c>.</summary>
    public string? Requested { get; init; }

    /// <summary>The day the hub went live, as <c>YYYY-MM-DD</c>.</summary>
    public string? Deployed { get; init; }

    public string? Url { get; init; }

    public HubAuth? Auth { get; init; }

    public string? Image { get; init; }

    public HubProfiles? Profiles { get; init; }

    public GpuAccess? Gpu { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];

    public bool? Dask { get; init; }

    public Buckets? Buckets { get; init; }

    public bool? ScopedCredentials { get; init; }

    public string? FundedBy { get; init; }

    /// <summary>
    /// The auth a new hub gets from the sign-in method chosen for it: GitHub sign-in lets the community's organisation
    /// in, CILogon its institutions; the admins stay whatever the method. Null when no method was chosen.
    /// </summary>
    public static HubAuth? AuthFor(string? method, string? organizationName, IReadOnlyList<string> institutions, IReadOnlyList<string> admins) =>
        method is null ? null : new HubAuth(
            method,
            method == "github" && organizationName is not null ? [organizationName] : [],
            [],
            method.StartsWith("cilogon", StringComparison.Ordinal) ? institutions : [],
            admins);

    /// <summary>A date as a manifest writes it.</summary>
    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

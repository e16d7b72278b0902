namespace Onboarding.Core.Manifests;

/// <summary>One community as its manifest describes it: the desired state that plan and apply work from.</summary>
public sealed record Community
{
    public required string Name { get; init; }
    public required string LongName { get; init; }

    /// <summary>Our BD and technical owners of the community, as GitHub logins; null when the manifest names none.</summary>
    public Owners? Owners { get; init; }

    /// <summary>While set, the reason the community is paused: plan, apply, drift and First Value skip it.</summary>
    public string? Paused { get; init; }
    public string? Website { get; init; }
    public string? GitHubOrganization { get; init; }
    public string? Logo { get; init; }
    public string? Context { get; init; }
    public IReadOnlyList<Person> Representatives { get; init; } = [];
    public IReadOnlyList<Person> TechnicalContacts { get; init; } = [];
    public IReadOnlyList<string> Deals { get; init; } = [];
    public string? Configurator { get; init; }
    public string? Notes { get; init; }
    public string? Transcript { get; init; }

    /// <summary>While true, each new request of hubs opens a sync chat (turnup phase 0).</summary>
    public bool? SyncChat { get; init; }
    public CloudSettings Cloud { get; init; } = new();
    public IReadOnlyList<Hub> Hubs { get; init; } = [];
}

/// <summary>Our owners of a community, as written (a login with or without the @).</summary>
public sealed record Owners(string? Bd = null, string? Technical = null)
{
    /// <summary>A login as GitHub knows it, without the @; null when none is named.</summary>
    public static string? LoginOf(string? handle) => string.IsNullOrWhiteSpace(handle) ? null : handle.Trim().TrimStart('@');
}

public sealed record Person(string Name, string Email, string? GitHub);

/// <summary>Each setting may be absent: the plan states the default it assumes.</summary>
public sealed record CloudSettings(
    string? Provider = null,
    string? Region = null,
    string? Account = null,
    string? AccountName = null,
    string? Billing = null);

public enum HubStatus
{
    Requested,
    Deployed,
    Decommissioned,
}

public sealed record Hub
{
    public required string Name { get; init; }
    public required string Domain { get; init; }
    public HubStatus Status { get; init; }

    /// <summary>The shared cluster the hub runs on; null for the community's own dedicated cluster.</summary>
    public string? Cluster { get; init; }
    public DateOnly? Requested { get; init; }
    public DateOnly? Deployed { get; init; }
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
}

public sealed record HubAuth(
    string Method,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Institutions,
    IReadOnlyList<string> Admins);

public sealed record GpuAccess(string? Type, string Team);

public sealed record Buckets(bool? Scratch, bool? Persistent, bool? RequesterPays = null);

/// <summary>What users choose from when they start a server; each may be absent (the plan states the default).</summary>
/// <param name="Images">Community-maintained images asked for: pangeo, rstudio, scipy.</param>
/// <param name="DefaultInterface">jupyterlab, classic or rstudio.</param>
public sealed record HubProfiles(
    IReadOnlyList<string> Images,
    bool? AnyImage = null,
    string? DefaultInterface = null,
    bool? NamedServers = null,
    bool? CustomImageDefault = null,
    bool? DynamicImageBuilding = null);

/// <summary>A manifest that passed validation: its model and where each field sits in its file.</summary>
public sealed record ManifestDocument(string Path, Community Community, IReadOnlyDictionary<string, FieldLocation> Locations)
{
    public SourceLocation LocationOf(string field) =>
        Locations.TryGetValue(field, out var location) ? location.Value : SourceLocation.Start;
}

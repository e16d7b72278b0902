namespace Onboarding.Core.Manifests;

/// <summary>One community as its manifest describes it: the desired state that plan and apply work from.</summary>
public sealed record Community
{
    public required string Name { get; init; }
    public required string LongName { get; init; }
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
    public CloudSettings Cloud { get; init; } = new();
    public IReadOnlyList<Hub> Hubs { get; init; } = [];
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
    public DateOnly? Requested { get; init; }
    public DateOnly? Deployed { get; init; }
    public string? Url { get; init; }
    public HubAuth? Auth { get; init; }
    public string? Image { get; init; }
    public GpuAccess? Gpu { get; init; }
    public IReadOnlyList<string> Resources { get; init; } = [];
    public bool? Dask { get; init; }
    public Buckets? Buckets { get; init; }
    public string? FundedBy { get; init; }
}

public sealed record HubAuth(
    string Method,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Institutions,
    IReadOnlyList<string> Admins);

public sealed record GpuAccess(string? Type, string Team);

public sealed record Buckets(bool? Scratch, bool? Persistent);

/// <summary>A manifest that passed validation: its model and where each field sits in its file.</summary>
public sealed record ManifestDocument(string Path, Community Community, IReadOnlyDictionary<string, FieldLocation> Locations)
{
    public SourceLocation LocationOf(string field) =>
        Locations.TryGetValue(field, out var location) ? location.Value : SourceLocation.Start;
}

using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Services.Prometheus;

namespace Onboarding.Core.Installation;

/// <summary>
/// What one read gave: a value, nothing (<see cref="Value"/> null and no <see cref="Failure"/>: the thing is not there),
/// or the service's refusal.
/// </summary>
public sealed record Read<T>(T? Value, ServiceException? Failure)
    where T : class
{
    public bool Refused(int status) => Failure?.Status == status;
}

/// <summary>Makes <see cref="Read{T}"/>s.</summary>
public static class Read
{
    public static Read<T> Of<T>(T? value)
        where T : class => new(value, null);

    public static Read<T> Failed<T>(ServiceException failure)
        where T : class => new(null, failure);
}

/// <summary>A read that answered (a file that exists, a Prometheus that answered a query).</summary>
public sealed record Present
{
    public static Present Yes { get; } = new();
}

/// <param name="Schema">The Community object's schema (null value: the portal has no such object type).</param>
/// <param name="ContactTypes">Association types from the Community object to contacts.</param>
/// <param name="DealTypes">Association types from the Community object to deals.</param>
/// <param name="NoteTypes">Association types from notes to the Community object.</param>
public sealed record ObservedHubSpot(
    Read<PortalObjectSchema> Schema,
    Read<IReadOnlyList<PortalProperty>> Properties,
    Read<IReadOnlyList<AssociationLabel>> ContactTypes,
    Read<IReadOnlyList<AssociationLabel>> DealTypes,
    Read<IReadOnlyList<AssociationLabel>> NoteTypes,
    Read<IReadOnlyList<DealPipeline>> Pipelines);

public sealed record ObservedFreshdesk(Read<IReadOnlyList<FreshdeskEmailConfig>> EmailConfigs, Read<FreshdeskCompanyFields> CompanyFields);

/// <param name="Templates">Each template path the configuration names, and whether it is there (null value: missing).</param>
/// <param name="Board">What the board check found wrong (empty: nothing); null when no board is configured.</param>
public sealed record ObservedGitHub(
    Read<RepositoryAccess> Access,
    Read<IReadOnlyList<string>> Labels,
    IReadOnlyDictionary<string, Read<Present>> Templates,
    IReadOnlyList<string>? Board);

/// <summary>One deployed hub's Prometheus, at the address the template gave, and whether it answered.</summary>
/// <param name="Answer">Null when it was not asked (<see cref="NotAsked"/>).</param>
public sealed record ObservedPrometheus(string Community, string Hub, string Address, Read<Present>? Answer)
{
    /// <summary>Why it was not asked: no login is meant for the community (as first-value skips it), or half of one.</summary>
    public PrometheusLoginGap? NotAsked { get; init; }
}

/// <summary>
/// Everything doctor read. A service whose secret is not set is not read (null), and <see cref="UnsetSecrets"/> names
/// the variable; <see cref="Prometheus"/> is null when no <c>prometheus_url</c> is configured.
/// </summary>
public sealed record ObservedInstallation(
    ObservedHubSpot? HubSpot,
    ObservedFreshdesk? Freshdesk,
    ObservedGitHub? GitHub,
    IReadOnlyList<ObservedPrometheus>? Prometheus,
    IReadOnlyList<UnsetSecret> UnsetSecrets);

/// <summary>A service secret that is not set: its variable, the service it is for and what it is for.</summary>
public sealed record UnsetSecret(string Service, string Variable, string Purpose);

using Onboarding.Core.Services;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Services.Prometheus;

namespace Onboarding.Core.Installation;

/// <summary>
/// Makes doctor's reads, read requests only, each refusal kept as what it read (<see cref="Read{T}"/>) so one missing
/// permission does not hide the other checks. A service whose reader is null (its secret is not set) is not read.
/// </summary>
public sealed class InstallationReader
{
    public IHubSpot? HubSpot { get; init; }

    public IHubSpotPortal? Portal { get; init; }

    public IFreshdeskAccount? Freshdesk { get; init; }

    public IGitHubRepository? Repository { get; init; }

    /// <summary>The board check (what the token cannot do on the configured project); null when no board is configured.</summary>
    public Func<CancellationToken, Task<IReadOnlyList<string>>>? Board { get; init; }

    public IPrometheus? Prometheus { get; init; }

    /// <summary>Fills a deployed hub's Prometheus address in (for the sentence); null when no <c>prometheus_url</c> is configured.</summary>
    public Func<DeployedHub, string>? PrometheusAddress { get; init; }

    public async Task<ObservedInstallation> ReadAsync(InstallationExpectations expected, IReadOnlyList<UnsetSecret> unset, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(unset);
        var hubSpot = HubSpot is { } crm && Portal is { } portal ? await ReadHubSpotAsync(crm, portal, cancellationToken) : null;
        var freshdesk = Freshdesk is { } account
            ? new ObservedFreshdesk(await TryAsync(account.ListEmailConfigsAsync, cancellationToken), await TryAsync(account.ListCompanyFieldsAsync, cancellationToken))
            : null;
        var gitHub = Repository is { } repository ? await ReadGitHubAsync(expected, repository, cancellationToken) : null;
        List<ObservedPrometheus>? prometheus = null;
        if (Prometheus is { } client && PrometheusAddress is { } address)
        {
            prometheus = [];
            foreach (var hub in expected.DeployedHubs)
            {
                // Only a login meant for the community goes to its Prometheus; without one, first-value does not ask it either.
                if (client.LoginGap(hub.Community) is { } gap)
                {
                    prometheus.Add(new ObservedPrometheus(hub.Community, hub.Hub, address(hub), null) { NotAsked = gap });
                    continue;
                }

                var answer = await TryAsync(async ct =>
                {
                    await client.ActiveUsersAsync(hub.Community, hub.Hub, now.AddHours(-1), now, ct);
                    return Present.Yes;
                }, cancellationToken);
                prometheus.Add(new ObservedPrometheus(hub.Community, hub.Hub, address(hub), answer));
            }
        }

        return new ObservedInstallation(hubSpot, freshdesk, gitHub, prometheus, unset);
    }

    private static async Task<ObservedHubSpot> ReadHubSpotAsync(IHubSpot crm, IHubSpotPortal portal, CancellationToken cancellationToken)
    {
        var schema = await TryFindAsync(portal.ReadCommunitySchemaAsync, cancellationToken);
        if (schema.Failure is not null || schema.Value is null)
        {
            // Without the object (or the token) the rest would only repeat the same refusal.
            Read<IReadOnlyList<PortalProperty>> none = Read.Of<IReadOnlyList<PortalProperty>>([]);
            Read<IReadOnlyList<AssociationLabel>> noTypes = Read.Of<IReadOnlyList<AssociationLabel>>([]);
            return new ObservedHubSpot(schema, none, noTypes, noTypes, noTypes, Read.Of<IReadOnlyList<DealPipeline>>([]));
        }

        return new ObservedHubSpot(
            schema,
            await TryAsync(portal.ReadCommunityPropertiesAsync, cancellationToken),
            await TryAsync(ct => portal.ReadAssociationTypesAsync(HubSpotObjectKind.Community, HubSpotObjectKind.Contact, ct), cancellationToken),
            await TryAsync(ct => portal.ReadAssociationTypesAsync(HubSpotObjectKind.Community, HubSpotObjectKind.Deal, ct), cancellationToken),
            await TryAsync(ct => portal.ReadAssociationTypesAsync(HubSpotObjectKind.Note, HubSpotObjectKind.Community, ct), cancellationToken),
            await TryAsync(crm.ReadDealPipelinesAsync, cancellationToken));
    }

    private async Task<ObservedGitHub> ReadGitHubAsync(InstallationExpectations expected, IGitHubRepository repository, CancellationToken cancellationToken)
    {
        var access = await TryAsync(repository.ReadAccessAsync, cancellationToken);
        if (access.Failure is not null)
            return new ObservedGitHub(access, Read.Of<IReadOnlyList<string>>([]), new Dictionary<string, Read<Present>>(), null);
        var labels = await TryAsync(repository.ListLabelNamesAsync, cancellationToken);
        var templates = new Dictionary<string, Read<Present>>(StringComparer.Ordinal);
        foreach (var path in expected.TemplatePaths)
            templates[path] = await TryFindAsync(async ct => await repository.FileExistsAsync(path, ct) ? Present.Yes : null, cancellationToken);
        IReadOnlyList<string>? board = null;
        if (Board is { } check)
            board = await check(cancellationToken);
        return new ObservedGitHub(access, labels, templates, board);
    }

    private static Task<Read<T>> TryAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class =>
        TryFindAsync<T>(async ct => await read(ct), cancellationToken);

    /// <summary>A read whose null answer means the thing is not there.</summary>
    private static async Task<Read<T>> TryFindAsync<T>(Func<CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return Read.Of(await read(cancellationToken));
        }
        catch (ServiceException e)
        {
            return Read.Failed<T>(e);
        }
    }
}

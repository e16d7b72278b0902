using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Core.Installation;
using Onboarding.Core.Manifests;

namespace Onboarding.Cli.Commands;

/// <summary>What <c>doctor</c> and <c>setup</c> share: the expectations from the configuration and manifests, and the read-only checks against a session.</summary>
internal static class InstallationCheck
{
    /// <summary>The turnup templates the configuration names (<c>turnup.templates</c>), as paths in the infrastructure repository.</summary>
    public static IReadOnlyList<string> TemplatePaths(OnboardingSettings settings) =>
        [.. settings.Turnup.Templates.ByKey.Select(t => $"{TurnupTemplateFiles.RepositoryFolder}/{t.FileName}")];

    public static InstallationExpectations Expectations(OnboardingSettings settings, IReadOnlyList<ManifestDocument> documents) =>
        new(settings, TemplatePaths(settings),
            [.. documents.SelectMany(d => d.Community.Hubs.Where(h => h.Status == HubStatus.Deployed).Select(h => new DeployedHub(d.Community.Name, h.Name)))]);

    /// <summary>Reads every service whose secret is set (read requests only) and judges what it read.</summary>
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(
        CliContext context, ServiceSession session, InstallationExpectations expected, CancellationToken cancellationToken)
    {
        var connections = session.Connections!;
        var settings = expected.Settings;
        var unset = session.UnsetSecrets.ToHashSet(StringComparer.Ordinal);
        bool Has(SecretVariable secret) => !unset.Contains(secret.Name);
        var reader = new InstallationReader
        {
            HubSpot = Has(Secrets.HubSpotToken) ? connections.HubSpot : null,
            Portal = Has(Secrets.HubSpotToken) ? connections.Portal : null,
            Freshdesk = Has(Secrets.FreshdeskApiKey) ? connections.FreshdeskAccount : null,
            Repository = Has(Secrets.InfrastructureGitHubToken) ? connections.InfrastructureRepository : null,
            Board = Has(Secrets.InfrastructureGitHubToken) && connections.Projects is { } projects ? projects.CheckAsync : null,
            Prometheus = connections.Prometheus,
            PrometheusAddress = connections.Prometheus is null
                ? null
                : hub => settings.PrometheusUrl is { } address && !session.IsSandbox ? address.For(hub.Community, hub.Hub).AbsoluteUri : $"The sandbox's Prometheus of {hub.Community}",
        };
        IReadOnlyList<UnsetSecret> missing =
        [
            .. new[] { ("HubSpot", Secrets.HubSpotToken), ("Freshdesk", Secrets.FreshdeskApiKey), ("GitHub", Secrets.InfrastructureGitHubToken) }
                .Where(s => !Has(s.Item2))
                .Select(s => new UnsetSecret(s.Item1, s.Item2.Name, s.Item2.Purpose)),
        ];
        var observed = await reader.ReadAsync(expected, missing, context.Clock.GetUtcNow(), cancellationToken);
        return Doctor.Check(expected, observed);
    }

    /// <summary>One line per check: ✓ and its title, or ✗, its title and what to do.</summary>
    public static void WriteLines(TextWriter output, IReadOnlyList<DoctorCheck> checks)
    {
        string? service = null;
        foreach (var check in checks)
        {
            if (check.Service != service)
            {
                service = check.Service;
                output.WriteLine(service);
            }

            output.WriteLine(check.Passed ? $"  ✓ {check.Title}" : $"  ✗ {check.Title}: {check.Problem}");
        }
    }
}

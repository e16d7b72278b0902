using System.Globalization;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Manifests;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Prometheus;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding sandbox usage</c>: adds user server pods of one hub to the kept sandbox's Prometheus, as if people had
/// used it, so the sandbox can be walked from a request to First Value without a real hub.
/// </summary>
internal static class SandboxUsageCommand
{
    /// <summary>Most users one call adds: sessions are an hour apart, and all of them stay inside the 14-day window.</summary>
    public const int MaxUsers = 200;

    /// <summary>How long each seeded server ran.</summary>
    private static readonly TimeSpan Session = TimeSpan.FromMinutes(30);

    /// <summary>The user names seeded: the same on every call, so seeding again adds sessions, not people.</summary>
    public static string UserName(int i) => $"user-{i.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="Community">The community, by its name in communities/.</param>
    /// <param name="Hub">The hub, by its name in the manifest.</param>
    /// <param name="Users">How many people (not staff) used it.</param>
    /// <param name="Staff">Staff user names that used it too.</param>
    public sealed record Options(string Community, string Hub, int Users, IReadOnlyList<string> Staff);

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        const string command = "sandbox usage";
        var (community, hub, users, staff) = options;
        if (context.SandboxState is not { } folder)
        {
            context.Error.WriteLine($"onboarding {command}: there is no sandbox state folder to add usage to.");
            return ExitCodes.Usage;
        }

        if (users is < 0 or > MaxUsers)
        {
            context.Error.WriteLine($"onboarding {command}: --users takes a number from 0 to {MaxUsers}, not {users}.");
            return ExitCodes.Usage;
        }

        if (staff.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            context.Error.WriteLine($"onboarding {command}: --staff takes a user name, not an empty one.");
            return ExitCodes.Usage;
        }

        var (prepared, exit) = Preamble.Run(context, command, null, "No usage was added while {0} is invalid.");
        if (prepared is null)
            return exit;

        var communities = prepared.Validation.Documents.Select(d => d.Community).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var found = communities.FirstOrDefault(c => c.Name == community);
        if (found is null)
        {
            context.Error.WriteLine(
                $"onboarding {command}: there is no community '{community}' in {ManifestSources.DefaultDirectory}/ (there are: {string.Join(", ", communities.Select(c => c.Name))}).");
            return ExitCodes.Usage;
        }

        var target = found.Hubs.FirstOrDefault(h => h.Name == hub);
        if (target is null)
        {
            context.Error.WriteLine(
                $"onboarding {command}: {community} has no hub '{hub}' in {ManifestSources.DefaultDirectory}/{community}.yaml (its hubs: {string.Join(", ", found.Hubs.Select(h => h.Name))}).");
            return ExitCodes.Usage;
        }

        // Sessions an hour apart, the last one ending now; staff in between, so the window holds both.
        var now = context.Clock.GetUtcNow();
        var series = new List<PrometheusSeries>();
        for (var i = 1; i <= users; i++)
            series.Add(PrometheusSeed.UserPod(community, hub, UserName(i), now - TimeSpan.FromHours(users - i) - Session, Session));
        foreach (var (name, i) in staff.Distinct(StringComparer.Ordinal).Select((n, i) => (n, i)))
            series.Add(PrometheusSeed.UserPod(community, hub, name, now - TimeSpan.FromMinutes(90 + i), Session));

        var file = await SandboxServer.AddPrometheusSeriesAsync(folder, series, cancellationToken);
        var who = users == 0 ? "no users" : users == 1 ? $"1 user ({UserName(1)})" : $"{users} users ({UserName(1)} to {UserName(users)})";
        var staffText = staff.Count == 0 ? "" : $" and {string.Join(", ", staff.Distinct(StringComparer.Ordinal))} as staff";
        context.Out.WriteLine($"Added server sessions of {who}{staffText} on {community} ({hub}) to the sandbox's Prometheus ({file}).");
        if (target.Status != HubStatus.Deployed)
            context.Out.WriteLine($"{community} ({hub}) is {target.Status.ToString().ToLowerInvariant()} in its manifest; first-value counts only deployed hubs.");
        context.Out.WriteLine("Run 'onboarding first-value --sandbox' to count them.");
        return ExitCodes.Success;
    }
}

using Onboarding.Core.Services.Prometheus;

namespace Onboarding.Core.FirstValue;

/// <summary>One deployed hub to check: its community, its name, and the day it was requested (null when the manifest does not say).</summary>
public sealed record FirstValueHub(string Community, string Hub, DateOnly? Requested);

/// <summary>
/// What usage says about one hub: how many distinct non-staff users it had in the window, and, from
/// <see cref="FirstValueCheck.Threshold"/> users on, the day First Value was reached and the days since the request.
/// </summary>
/// <param name="TimeToFirstValueDays">Null before First Value, and when the request date is unknown (<paramref name="Note"/> says so).</param>
public sealed record FirstValueResult(
    FirstValueHub Hub,
    int DistinctUsers,
    DateOnly? FirstValueDate,
    int? TimeToFirstValueDays,
    string? Note)
{
    public bool Reached => FirstValueDate is not null;
}

/// <summary>The First Value rule of PRODUCT.md, on usage already read: pure, no I/O.</summary>
public static class FirstValueCheck
{
    /// <summary>Distinct non-staff users a hub needs in the window.</summary>
    public const int Threshold = 5;

    /// <summary>The service account that logs in to check every hub; it is staff whatever the settings say.</summary>
    public const string ServiceCheckUser = "deployment-service-check";

    public static readonly TimeSpan Window = TimeSpan.FromDays(14);

    /// <summary>The staff names to exclude: the configured ones plus <see cref="ServiceCheckUser"/>.</summary>
    public static IReadOnlySet<string> Staff(IEnumerable<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        // JupyterHub normalises user names to lower case, while people type the settings by hand.
        var staff = new HashSet<string>(configured, StringComparer.OrdinalIgnoreCase) { ServiceCheckUser };
        return staff;
    }

    /// <param name="users">Users with the first time each was seen; may hold users outside the window and repeats.</param>
    /// <param name="now">The end of the window; it starts <see cref="Window"/> earlier.</param>
    public static FirstValueResult Evaluate(FirstValueHub hub, IEnumerable<UserActivity> users, IEnumerable<string> staff, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(users);
        var excluded = Staff(staff);
        var from = now - Window;
        var firstSeen = users
            .Where(u => u.FirstSeen >= from && u.FirstSeen <= now && !string.IsNullOrWhiteSpace(u.User) && !excluded.Contains(u.User))
            .GroupBy(u => u.User, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Min(u => u.FirstSeen))
            .Order()
            .ToList();

        if (firstSeen.Count < Threshold)
            return new FirstValueResult(hub, firstSeen.Count, null, null, null);

        var date = DateOnly.FromDateTime(firstSeen[Threshold - 1].UtcDateTime);
        if (hub.Requested is not { } requested)
        {
            return new FirstValueResult(hub, firstSeen.Count, date, null,
                $"hubs[{hub.Hub}].requested is not in the manifest, so Time to First Value is unknown.");
        }

        return new FirstValueResult(hub, firstSeen.Count, date, date.DayNumber - requested.DayNumber, null);
    }
}

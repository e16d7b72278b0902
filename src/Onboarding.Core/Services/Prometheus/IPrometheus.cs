namespace Onboarding.Core.Services.Prometheus;

/// <summary>A user of a hub and the first moment, within the window asked about, their server pod was seen.</summary>
public sealed record UserActivity(string User, DateTimeOffset FirstSeen);

/// <summary>
/// What the First Value check needs from a hub's Prometheus. Only reads; failures the caller cannot fix by retrying
/// surface as <see cref="ServiceException"/>.
/// </summary>
public interface IPrometheus
{
    /// <summary>
    /// Every user whose server pod existed in namespace <paramref name="hub"/> of <paramref name="community"/>'s
    /// Prometheus between <paramref name="from"/> and <paramref name="to"/>, with the first time it was seen; staff are
    /// not filtered here.
    /// </summary>
    Task<IReadOnlyList<UserActivity>> ActiveUsersAsync(string community, string hub, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

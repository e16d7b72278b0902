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
    /// Null when a login meant for <paramref name="community"/>'s Prometheus is at hand; otherwise why it is not asked
    /// (<see cref="PrometheusLogins"/>). Another community's login, or the shared one it was not listed for, is never sent.
    /// </summary>
    PrometheusLoginGap? LoginGap(string community);

    /// <summary>
    /// Every user whose server pod existed in namespace <paramref name="hub"/> of <paramref name="community"/>'s
    /// Prometheus between <paramref name="from"/> and <paramref name="to"/>, with the first time it was seen; staff are
    /// not filtered here. An answer that is not the matrix Prometheus gives for that query (a number out of place, a
    /// body too large) is refused with a <see cref="ServiceException"/> naming the community, the hub and what was wrong,
    /// as is a community without a login (<see cref="LoginGap"/>).
    /// </summary>
    Task<IReadOnlyList<UserActivity>> ActiveUsersAsync(string community, string hub, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

using Onboarding.Core.Configuration;

namespace Onboarding.Services.Freshdesk;

/// <summary>Where the helpdesk is and how hard we may use it. <see cref="ToString"/> never shows the key.</summary>
public sealed class FreshdeskClientOptions
{
    /// <summary>The helpdesk root, e.g. <c>https://example.freshdesk.com/</c>; requests go to <c>api/v2/...</c> under it.</summary>
    public required Uri BaseAddress { get; init; }

    public required string ApiKey { get; init; }

    /// <summary>
    /// The account's budget and per-endpoint caps, from its plan (<c>freshdesk.plan</c>). The client keeps to each cap
    /// endpoint by endpoint, and to the account's budget until Freshdesk's first answer announces it.
    /// </summary>
    public FreshdeskRateLimits Limits { get; init; } = FreshdeskRateLimits.For(FreshdeskPlan.Growth);

    /// <summary>
    /// The part of <see cref="Limits"/> (the account's budget and each endpoint's cap) this client may use
    /// (<c>freshdesk.share</c>): the account's other integrations need the rest. 1 uses it all.
    /// </summary>
    public double Share { get; init; } = 1;

    /// <summary>
    /// Pace to the account budget Freshdesk announces in <c>X-RateLimit-Total</c> when it is smaller than the plan's
    /// (a plan set wrongly): the pace then keeps to <see cref="Share"/> of the announced budget. It never rises above
    /// <see cref="Share"/> of <see cref="Limits"/>, whatever is announced.
    /// </summary>
    public bool FollowAnnouncedLimit { get; init; } = true;

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; init; } = 5;

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound on pages followed through a list (100 items a page).</summary>
    public int MaxListPages { get; init; } = 20;

    /// <summary>The last page of one ticket listing Freshdesk serves (300); a listing of every ticket goes on from there by time.</summary>
    public int TicketListMaxPages { get; init; } = 300;

    public override string ToString() => $"Freshdesk at {BaseAddress}";
}

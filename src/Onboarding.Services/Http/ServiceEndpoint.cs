namespace Onboarding.Services.Http;

/// <summary>Where a service lives and how hard we may use it.</summary>
/// <param name="Name">"hubspot", "freshdesk" or "github": used in error messages.</param>
/// <param name="RequestsPerWindow">Client-side pace: we stay under the service's limit instead of running into it.</param>
/// <param name="AttemptTimeout">One try; a slow or silent server is given up on after this.</param>
/// <param name="MaxRetries">Retries after the first try (429 always; 5xx, timeouts and resets only for idempotent requests).</param>
public sealed record ServiceEndpoint(
    string Name,
    Uri BaseAddress,
    int RequestsPerWindow,
    TimeSpan Window,
    TimeSpan AttemptTimeout,
    int MaxRetries = 5)
{
    /// <summary>The longest we wait on one Retry-After before giving up and reporting the service as unavailable.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The response header in which the service announces its limit per <see cref="Window"/> (HubSpot's
    /// <c>X-HubSpot-RateLimit-Max</c>, Freshdesk's <c>X-RateLimit-Total</c>); the pace adopts it from the first answer on,
    /// so <see cref="RequestsPerWindow"/> only paces the first request. Null keeps the configured pace.
    /// </summary>
    public string? LimitHeader { get; init; }

    /// <summary>The header giving the length in milliseconds of the window <see cref="LimitHeader"/> counts over; an
    /// announced limit over another window than <see cref="Window"/> is not adopted. Null: the window is known.</summary>
    public string? LimitIntervalHeader { get; init; }

    /// <summary>First backoff step for 5xx and timeouts (jittered, exponential).</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The part of an announced limit (<see cref="LimitHeader"/>) the pace adopts: a limit shared with other
    /// integrations (Freshdesk's account budget) is used only in part. 1 adopts it whole.
    /// </summary>
    public double AnnouncedShare { get; init; } = 1;

    /// <summary>
    /// The most the pace ever allows per <see cref="Window"/>, whatever the service announces (this program's share of
    /// the plan's limit); an announced limit only lowers the pace below it. Null: an announced limit is adopted whole.
    /// </summary>
    public int? Ceiling { get; init; }

    /// <summary>A budget per day that is not waited for but spent: once used up, requests fail with a sentence.</summary>
    public DailyAllowance? Daily { get; init; }

    /// <summary>Budgets of some requests on top of the service's own (Freshdesk's per-endpoint limits): each request
    /// holds a slot of every cap that applies to it, as well as of the service's pace.</summary>
    public IReadOnlyList<RequestCap> Caps { get; init; } = [];
}

/// <summary>At most <paramref name="Limit"/> of the requests <paramref name="AppliesTo"/> picks per <paramref name="Window"/>.</summary>
/// <param name="Name">What is capped, such as "Tickets List".</param>
public sealed record RequestCap(string Name, int Limit, TimeSpan Window, Func<HttpRequestMessage, bool> AppliesTo);

/// <summary>
/// At most <paramref name="Share"/> of <paramref name="Limit"/> requests a day (HubSpot's daily limit, which every
/// private app of the portal shares): a run stops asking once it has made its share, or once the service's
/// <paramref name="RemainingHeader"/> says only the others' part (the rest of the limit) is left.
/// </summary>
/// <param name="Name">The limit as a sentence names it ("HubSpot's daily limit").</param>
/// <param name="Setting">The setting that gives the share ("hubspot.share").</param>
public sealed record DailyAllowance(string Name, int Limit, double Share, string RemainingHeader, string Setting)
{
    public long Allowed => Math.Max(1, (long)Math.Floor(Limit * Share));

    /// <summary>What the others may use: once the service says no more than this is left, this program stops.</summary>
    public long Reserve => Limit - Allowed;
}

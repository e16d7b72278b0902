using Onboarding.Services.Http;

namespace Onboarding.Services.HubSpot;

/// <summary>Where HubSpot is and how to talk to it. The token never appears in <see cref="ToString"/>.</summary>
public sealed class HubSpotOptions
{
    public static Uri DefaultBaseAddress { get; } = new("https://api.hubapi.com/");

    public Uri BaseAddress { get; init; } = DefaultBaseAddress;

    /// <summary>Private app access token, sent as <c>Authorization: Bearer</c>.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The Community custom object: its type id (<c>2-…</c>) or fully qualified name (<c>p&lt;portal&gt;_community</c>).</summary>
    public required string CommunityObjectType { get; init; }

    /// <summary>The Community property with unique values that holds the community's name (looked up with <c>idProperty</c>).</summary>
    public string CommunityNameProperty { get; init; } = "name";

    /// <summary>Client-side pace until HubSpot's first answer says the app's real limit (a private app gets 100 to 190 per 10 s by subscription).</summary>
    public int RequestsPerWindow { get; init; } = 90;

    /// <summary>Pace to the limit HubSpot announces in <c>X-HubSpot-RateLimit-Max</c> (per <see cref="Window"/>) instead of <see cref="RequestsPerWindow"/>.</summary>
    public bool FollowAnnouncedLimit { get; init; } = true;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Search requests a second per token (HubSpot's separate, lower search limit).</summary>
    public int SearchPerSecond { get; init; } = 5;

    /// <summary>The portal's daily limit, which every private app of the portal shares (<c>hubspot.daily_limit</c>); null: none kept to.</summary>
    public int? DailyLimit { get; init; }

    /// <summary>The part of <see cref="DailyLimit"/> this client may use (<c>hubspot.share</c>).</summary>
    public double DailyShare { get; init; } = 1;

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; init; } = 5;

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    internal ServiceEndpoint ToEndpoint() =>
        new("hubspot", BaseAddress, RequestsPerWindow, Window, AttemptTimeout, MaxRetries)
        {
            BaseBackoff = BaseBackoff,
            MaxRetryAfter = MaxRetryAfter,
            LimitHeader = FollowAnnouncedLimit ? "X-HubSpot-RateLimit-Max" : null,
            LimitIntervalHeader = FollowAnnouncedLimit ? "X-HubSpot-RateLimit-Interval-Milliseconds" : null,
            Caps = [new RequestCap("Search", Math.Max(1, SearchPerSecond), TimeSpan.FromSeconds(1), IsSearch)],
            Daily = DailyLimit is { } daily
                ? new DailyAllowance("HubSpot's daily limit", daily, DailyShare is > 0 and <= 1 ? DailyShare : 1, "X-HubSpot-RateLimit-Daily-Remaining", "hubspot.share")
                : null,
        };

    private static bool IsSearch(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.TrimEnd('/').EndsWith("/search", StringComparison.Ordinal) == true;

    public override string ToString() => $"HubSpot at {BaseAddress} (community object {CommunityObjectType})";
}

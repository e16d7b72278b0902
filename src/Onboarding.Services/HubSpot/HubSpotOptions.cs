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
        };

    public override string ToString() => $"HubSpot at {BaseAddress} (community object {CommunityObjectType})";
}

using System.Text.RegularExpressions;
using Onboarding.Services.Http;

namespace Onboarding.Services.GitHub;

/// <summary>Where the infrastructure repository lives and how to reach it. The token is never printed.</summary>
public sealed class GitHubClientOptions
{
    public GitHubClientOptions(ServiceEndpoint endpoint, string owner, string repository, string? token)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        Endpoint = endpoint;
        Owner = owner;
        Repository = repository;
        Token = string.IsNullOrWhiteSpace(token) ? null : token;
    }

    /// <summary>
    /// The server's root address (https://github.com, or a GitHub Enterprise / sandbox host); the API is reached at
    /// api.github.com or under <c>/api/v3/</c> of that host, as Octokit does.
    /// </summary>
    public ServiceEndpoint Endpoint { get; }

    public string Owner { get; }

    public string Repository { get; }

    /// <summary>Null means anonymous: reads of a public repository only (a pull request from a fork has no secrets).</summary>
    public string? Token { get; }

    /// <summary>The pace of content-creating requests (issues and comments): under GitHub's secondary limits of 80 a minute and 500 an hour.</summary>
    public ContentCreationLimits ContentCreationLimits { get; init; } = ContentCreationLimits.GitHub;

    /// <summary>Every request paced at 80 a minute (content-creating ones also under <see cref="ContentCreationLimits"/>).</summary>
    public static ServiceEndpoint DefaultEndpoint(Uri baseAddress) =>
        new("github", baseAddress, RequestsPerWindow: 80, Window: TimeSpan.FromMinutes(1), AttemptTimeout: TimeSpan.FromSeconds(30));

    public override string ToString() =>
        $"{Owner}/{Repository} at {Endpoint.BaseAddress} ({(Token is null ? "anonymous" : "with a token")})";
}

/// <summary>At most <paramref name="PerMinute"/> content-creating requests in any minute and <paramref name="PerHour"/> in any hour.</summary>
public sealed partial record ContentCreationLimits(int PerMinute, int PerHour)
{
    /// <summary>GitHub's secondary limits on creating content, on top of the primary budget.</summary>
    public static ContentCreationLimits GitHub { get; } = new(80, 500);

    /// <summary>
    /// The limits as caps of the shared pace: the hour's first, so a request waiting for the hour holds none of the
    /// minute's slots.
    /// </summary>
    public IReadOnlyList<RequestCap> Caps() =>
    [
        new("content created per hour", PerHour, TimeSpan.FromHours(1), CreatesContent),
        new("content created per minute", PerMinute, TimeSpan.FromMinutes(1), CreatesContent),
    ];

    private static bool CreatesContent(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri is { } uri && ContentPath().IsMatch(uri.AbsolutePath);

    /// <summary>POST .../repos/{owner}/{repo}/issues, .../issues/{number}/comments and .../pulls.</summary>
    [GeneratedRegex(@"/repos/[^/]+/[^/]+/(issues|issues/\d+/comments|pulls)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentPath();
}

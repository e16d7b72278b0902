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

    /// <summary>Paced under GitHub's secondary limit on content-creating requests (80 a minute).</summary>
    public static ServiceEndpoint DefaultEndpoint(Uri baseAddress) =>
        new("github", baseAddress, RequestsPerWindow: 80, Window: TimeSpan.FromMinutes(1), AttemptTimeout: TimeSpan.FromSeconds(30));

    public override string ToString() =>
        $"{Owner}/{Repository} at {Endpoint.BaseAddress} ({(Token is null ? "anonymous" : "with a token")})";
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Octokit;
using Octokit.Internal;
using Onboarding.Services.Http;

namespace Onboarding.Services.GitHub;

/// <summary>
/// Lets the shared pipeline wait out GitHub's rate limits. GitHub answers an exhausted budget with 403 (or 429) and
/// <c>X-RateLimit-Remaining: 0</c> plus the reset time, and a secondary limit with 403/429 and <c>Retry-After</c>.
/// When the wait is short enough this turns the answer into a 429 with <c>Retry-After</c>, which the pipeline retries;
/// a longer wait passes through, so the caller reports it instead of hanging.
/// </summary>
internal sealed class GitHubRateLimitHandler(ServiceEndpoint endpoint, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
            return response;
        var wait = response.Headers.RetryAfter?.Delta;
        if (wait is null && Header(response, "X-RateLimit-Remaining") == "0"
            && long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow() + TimeSpan.FromSeconds(1);
            if (wait < TimeSpan.Zero)
                wait = TimeSpan.FromSeconds(1);
        }

        if (wait is null || wait > endpoint.MaxRetryAfter)
            return response;
        response.StatusCode = HttpStatusCode.TooManyRequests;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(wait.Value);
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>
/// Marks the requests of a call declared safe to repeat (<see cref="Declare"/>) for the shared pipeline: Octokit builds
/// the requests, so the call says it for them.
/// </summary>
internal sealed class CallIdempotencyHandler : DelegatingHandler
{
    private static readonly AsyncLocal<bool> Idempotent = new();

    /// <summary>Declares, for the rest of the calling async method and what it awaits, whether its requests are safe to repeat.</summary>
    public static void Declare(bool idempotent) => Idempotent.Value = idempotent;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Idempotent.Value)
            request.MarkIdempotent();
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Octokit gives every request 100 s of real time (its own timeout and its HttpClient's), counting the waits for the
/// pace and a Retry-After, which can be longer than that. The shared pipeline bounds a request instead: each attempt by
/// its timeout, on the client's clock, and the number of attempts.
/// </summary>
internal sealed class UntimedOctokitHttp : IHttpClient
{
    private readonly HttpClientAdapter _inner;

    public UntimedOctokitHttp(HttpClientAdapter inner)
    {
        _inner = inner;
        _inner.SetRequestTimeout(Timeout.InfiniteTimeSpan);
    }

    public Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
    {
        if (request is Request timed)
            timed.Timeout = TimeSpan.Zero;
        return _inner.Send(request, cancellationToken, preprocessResponseBody);
    }

    public void SetRequestTimeout(TimeSpan timeout)
    {
        // The pipeline's attempt timeout governs.
    }

    public void Dispose()
    {
        // The adapter belongs to the GitHubClient, which disposes it.
    }
}

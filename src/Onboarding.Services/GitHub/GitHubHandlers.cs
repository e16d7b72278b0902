using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
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
/// Marks the requests that are safe to repeat although their method is not: an issue or comment PATCH sets absolute
/// values, and adding labels an issue already has changes nothing. Creating an issue or a comment is never marked.
/// </summary>
internal sealed partial class GitHubIdempotencyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if ((request.Method == HttpMethod.Patch && (IssuePath().IsMatch(path) || CommentPath().IsMatch(path)))
            || (request.Method == HttpMethod.Post && LabelsPath().IsMatch(path)))
            request.MarkIdempotent();
        return base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/issues/\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuePath();

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/issues/comments/\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex CommentPath();

    [GeneratedRegex(@"/repos/[^/]+/[^/]+/issues/\d+/labels$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelsPath();
}

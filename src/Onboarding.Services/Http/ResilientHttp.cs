using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Onboarding.Services.Http;

/// <summary>
/// Builds the HttpClient every service client uses: paced under the service's rate limit, retrying what is safe to
/// retry, and giving up on silent servers.
/// </summary>
/// <remarks>
/// A POST that creates something is not retried after a 5xx, a timeout or a reset: the service may have committed it
/// ("committed, then failed"), and a blind retry would make a duplicate. Callers that know a request is safe to repeat
/// (search, batch read, upsert by unique key) mark it with <see cref="MarkIdempotent"/>. A 429 is always retried: the
/// service refused the request before doing anything.
/// </remarks>
public static class ResilientHttp
{
    private static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("onboarding.idempotent");

    public static HttpRequestMessage MarkIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(IdempotentKey, true);
        return request;
    }

    public static bool IsIdempotent(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get
        || request.Method == HttpMethod.Head
        || request.Method == HttpMethod.Put
        || request.Method == HttpMethod.Delete
        || (request.Options.TryGetValue(IdempotentKey, out var marked) && marked);

    /// <summary>The handler chain: retry (outside) → pace → attempt timeout → the network.</summary>
    public static HttpMessageHandler CreateHandler(ServiceEndpoint endpoint, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        time ??= TimeProvider.System;
        network ??= new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        // The attempt timeout sits inside the pace: a request waiting for its turn under the rate limit has not been
        // sent, so that wait must not count against it (a create timed out in the queue reads as "may have been made").
        var attempt = new ResilienceHandler(new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = endpoint.AttemptTimeout })
            .Build())
        {
            InnerHandler = network,
        };
        var pacer = new PacingHandler(
            new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = endpoint.RequestsPerWindow,
                Window = endpoint.Window,
                SegmentsPerWindow = 10,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }))
        {
            InnerHandler = attempt,
        };
        return new ResilienceHandler(BuildRetry(endpoint, time)) { InnerHandler = pacer };
    }

    public static HttpClient CreateClient(ServiceEndpoint endpoint, TimeProvider? time = null, HttpMessageHandler? network = null) =>
        new(CreateHandler(endpoint, time, network))
        {
            BaseAddress = endpoint.BaseAddress,
            // The pipeline enforces per-attempt timeouts and a bounded number of retries; this is the outer backstop.
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private static ResiliencePipeline<HttpResponseMessage> BuildRetry(ServiceEndpoint endpoint, TimeProvider time)
    {
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = endpoint.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = endpoint.BaseBackoff,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, endpoint)),
            DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome.Result, endpoint)),
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (endpoint.MaxRetries > 0)
            builder.AddRetry(retry);
        return builder.Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ServiceEndpoint endpoint)
    {
        // A service that asks for a longer pause than we are willing to wait gets a clear failure instead.
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited)
            return RequestedWait(limited) is not { } wait || wait <= endpoint.MaxRetryAfter;
        var request = context.GetRequestMessage();
        var idempotent = request is not null && IsIdempotent(request);
        if (!idempotent)
            return false;
        return outcome switch
        {
            { Result: { } response } => (int)response.StatusCode >= 500,
            { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
            _ => false,
        };
    }

    /// <summary>Retry-After (seconds or a date) wins; HubSpot's 429 without it waits out its rate window.</summary>
    internal static TimeSpan? ServerRequestedDelay(HttpResponseMessage? response, ServiceEndpoint endpoint)
    {
        var wanted = RequestedWait(response);
        if (wanted is null)
            return null;
        if (wanted < TimeSpan.Zero)
            return TimeSpan.Zero;
        return wanted > endpoint.MaxRetryAfter ? endpoint.MaxRetryAfter : wanted;
    }

    private static TimeSpan? RequestedWait(HttpResponseMessage? response)
    {
        if (response is null)
            return null;
        TimeSpan? wanted = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - (response.Headers.Date ?? DateTimeOffset.UtcNow),
            _ => null,
        };
        if (wanted is null && response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("X-HubSpot-RateLimit-Interval-Milliseconds", out var values)
            && int.TryParse(values.FirstOrDefault(), out var intervalMs))
        {
            // HubSpot says how long its window is, not how much of it is left; waiting one whole window is the only
            // wait that is sure to find budget again (the pace normally keeps us from getting here at all).
            wanted = TimeSpan.FromMilliseconds(intervalMs);
        }

        return wanted;
    }

    private sealed class PacingHandler(RateLimiter limiter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var lease = await limiter.AcquireAsync(1, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                limiter.Dispose();
            base.Dispose(disposing);
        }
    }
}

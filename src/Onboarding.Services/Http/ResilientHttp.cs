using System.Globalization;
using System.Net;
using Onboarding.Core.Services;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Onboarding.Services.Http;

/// <summary>
/// Builds the HttpClient every service client uses: paced under the service's rate limit, retrying what is safe to
/// retry (the rule is in <see cref="ServiceRequests"/>), and giving up on silent servers. Every wait (the pace, a
/// Retry-After, a backoff, an attempt's timeout) is on the one <see cref="TimeProvider"/> it is given.
/// </summary>
public static class ResilientHttp
{
    /// <summary>
    /// The handler chain: retry (outside) → pace → attempt timeout → the network. The wait for a slot of the pace is
    /// not part of an attempt: a request queued behind a full window is not given up on as if the service were silent.
    /// </summary>
    public static HttpMessageHandler CreateHandler(ServiceEndpoint endpoint, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        time ??= TimeProvider.System;
        network ??= new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        var attempt = new ResilienceHandler(BuildAttemptPipeline(endpoint, time)) { InnerHandler = network };
        var caps = endpoint.Caps.Select(cap => (cap, new WindowPacer(cap.Limit, cap.Window, time))).ToList();
        var pacer = new PacingHandler(new WindowPacer(endpoint.RequestsPerWindow, endpoint.Window, time, endpoint.Ceiling), caps, endpoint)
        {
            InnerHandler = attempt,
        };
        return new ResilienceHandler(BuildRetryPipeline(endpoint, time)) { InnerHandler = pacer };
    }

    public static HttpClient CreateClient(ServiceEndpoint endpoint, TimeProvider? time = null, HttpMessageHandler? network = null) =>
        new(CreateHandler(endpoint, time, network))
        {
            BaseAddress = endpoint.BaseAddress,
            // HttpClient's own timeout counts real time and would include the waits for the pace and for a Retry-After;
            // the attempt timeout (on the clock given) and the bounded retries bound a request instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private static ResiliencePipeline<HttpResponseMessage> BuildRetryPipeline(ServiceEndpoint endpoint, TimeProvider time)
    {
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = endpoint.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = endpoint.BaseBackoff,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, endpoint, time)),
            DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome.Result, endpoint, time)),
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (endpoint.MaxRetries > 0)
            builder.AddRetry(retry);
        return builder.Build();
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildAttemptPipeline(ServiceEndpoint endpoint, TimeProvider time) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = endpoint.AttemptTimeout })
            .Build();

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ServiceEndpoint endpoint, TimeProvider time)
    {
        // A service that asks for a longer pause than we are willing to wait gets a clear failure instead.
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited)
            return RequestedWait(limited, time) is not { } wait || wait <= endpoint.MaxRetryAfter;
        var request = context.GetRequestMessage();
        var idempotent = request is not null && ServiceRequests.IsIdempotent(request);
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
    private static TimeSpan? ServerRequestedDelay(HttpResponseMessage? response, ServiceEndpoint endpoint, TimeProvider time)
    {
        var wanted = RequestedWait(response, time);
        if (wanted is null)
            return null;
        if (wanted < TimeSpan.Zero)
            return TimeSpan.Zero;
        return wanted > endpoint.MaxRetryAfter ? endpoint.MaxRetryAfter : wanted;
    }

    private static TimeSpan? RequestedWait(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null)
            return null;
        TimeSpan? wanted = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - (response.Headers.Date ?? time.GetUtcNow()),
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

    /// <summary>
    /// Holds a slot of the pace (and of each cap that applies) for each attempt, and adopts the limit the service
    /// announces in its answers. Caps are taken before the pace, always in the same order, so a request waiting for a
    /// capped endpoint holds none of the service's budget that other requests could use.
    /// </summary>
    private sealed class PacingHandler(WindowPacer pacer, IReadOnlyList<(RequestCap Cap, WindowPacer Pacer)> caps, ServiceEndpoint endpoint) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (endpoint.Daily is { } daily)
                SpendDaily(daily);
            var capSlots = new List<IDisposable>();
            try
            {
                foreach (var (_, capPacer) in caps.Where(c => c.Cap.AppliesTo(request)))
                    capSlots.Add(await capPacer.AcquireAsync(cancellationToken));
                return await SendPacedAsync(request, cancellationToken);
            }
            finally
            {
                capSlots.ForEach(s => s.Dispose());
            }
        }

        private async Task<HttpResponseMessage> SendPacedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var slot = await pacer.AcquireAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (HeaderNumber(response, endpoint.LimitHeader) is { } announced
                && (endpoint.LimitIntervalHeader is null || HeaderNumber(response, endpoint.LimitIntervalHeader) == (long)endpoint.Window.TotalMilliseconds))
            {
                pacer.Observe((int)Math.Min(Math.Floor(announced * endpoint.AnnouncedShare), int.MaxValue));
            }

            if (endpoint.Daily is { } daily && HeaderNumber(response, daily.RemainingHeader) is { } remaining)
                Interlocked.Exchange(ref _dailyRemaining, remaining);
            return response;
        }

        private long _dailySent;
        private long _dailyRemaining = -1;

        /// <summary>Counts a request against the day's allowance, or refuses it with a sentence once that is spent.</summary>
        private void SpendDaily(DailyAllowance daily)
        {
            var remaining = Interlocked.Read(ref _dailyRemaining);
            string? why = remaining >= 0 && remaining <= daily.Reserve
                ? string.Create(CultureInfo.InvariantCulture, $"only {remaining:N0} are left today, which is the other integrations' part")
                : Interlocked.Increment(ref _dailySent) > daily.Allowed
                    ? string.Create(CultureInfo.InvariantCulture, $"this run has made its {daily.Allowed:N0}")
                    : null;
            if (why is not null)
            {
                throw new ServiceException(endpoint.Name, "send a request", null, string.Create(CultureInfo.InvariantCulture,
                    $"{daily.Name} is spent for this program: it may use {daily.Allowed:N0} of the {daily.Limit:N0} requests a day ({daily.Setting}), and {why}. Nothing more is asked of it today; run again tomorrow (what is done stays done)."));
            }
        }

        private static long? HeaderNumber(HttpResponseMessage response, string? header) =>
            header is not null
            && response.Headers.TryGetValues(header, out var values)
            && long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? number
                : null;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                pacer.Dispose();
                foreach (var (_, capPacer) in caps)
                    capPacer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

using System.Net;
using Onboarding.Services.Http;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.Http;

/// <summary>The shared pipeline against a scripted network, on a fake clock that stands in for the network's too.</summary>
public sealed class ResilientHttpTests
{
    private static readonly ServiceEndpoint Endpoint = new("test", new Uri("http://127.0.0.1:9/"), 1000, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300), MaxRetries: 3)
    {
        BaseBackoff = TimeSpan.FromMilliseconds(1),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Send_RateLimitedWithRetryAfter_RetriedEvenForPost()
    {
        // Given a service that refuses once with Retry-After: 2
        await using var clock = FakeClock.Start();
        var network = new ScriptedNetwork(clock, Limited(TimeSpan.FromSeconds(2)), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, clock.Time, network);

        // When a create is sent
        using var response = await client.PostAsync("things", new StringContent("{}"));

        // Then it was sent again, as late as the service asked, and succeeded
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(2);
        (network.SentAt[1] - network.SentAt[0]).ShouldBeInRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Send_ServerErrorOnCreate_NotRetried()
    {
        await using var clock = FakeClock.Start();
        var network = new ScriptedNetwork(clock, Status(HttpStatusCode.InternalServerError), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, clock.Time, network);

        using var response = await client.PostAsync("things", new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        network.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Send_ServerErrorOnPostMarkedIdempotent_Retried()
    {
        await using var clock = FakeClock.Start();
        var network = new ScriptedNetwork(clock, Status(HttpStatusCode.ServiceUnavailable), Status(HttpStatusCode.BadGateway), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, clock.Time, network);
        using var request = new HttpRequestMessage(HttpMethod.Post, "search") { Content = new StringContent("{}") };

        using var response = await client.SendAsync(request.MarkIdempotent());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task Send_SilentServerOnGet_GivenUpPerAttemptAndRetried()
    {
        await using var clock = FakeClock.Start();
        var network = new ScriptedNetwork(clock, Hang(), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, clock.Time, network);

        using var response = await client.GetAsync("things/1");

        // Then the silent try was given up on after the attempt timeout, long before the server's 10 s
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(2);
        (network.SentAt[1] - network.SentAt[0]).ShouldBeInRange(Endpoint.AttemptTimeout, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Send_RetryAfterLongerThanWeWait_FailsWithoutWaiting()
    {
        await using var clock = FakeClock.Start();
        var network = new ScriptedNetwork(clock, Limited(TimeSpan.FromHours(1)), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, clock.Time, network);

        using var response = await client.GetAsync("things/1");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        network.Calls.ShouldBe(1);
        clock.Elapsed.ShouldBeLessThan(Endpoint.MaxRetryAfter);
    }

    [Fact]
    public async Task Send_PersistentFailure_StopsAfterMaxRetries()
    {
        await using var clock = FakeClock.Start();
        var network = new ScriptedNetwork(clock, [.. Enumerable.Repeat(Status(HttpStatusCode.ServiceUnavailable), 10)]);
        using var client = ResilientHttp.CreateClient(Endpoint, clock.Time, network);

        using var response = await client.GetAsync("things/1");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        network.Calls.ShouldBe(1 + Endpoint.MaxRetries);
    }

    [Fact]
    public async Task Send_CreateWaitingLongerForItsTurnThanTheAttemptTimeout_SentAndAnswered()
    {
        // Given a pace of one request per 1.5 s and an attempt timeout of 0.3 s (found by the fault soak: a large apply
        // queued creates behind Freshdesk's pace until they "timed out" before they were ever sent)
        await using var clock = FakeClock.Start();
        var paced = Endpoint with { RequestsPerWindow = 1, Window = TimeSpan.FromSeconds(1.5) };
        var network = new ScriptedNetwork(clock, Ok());
        using var client = ResilientHttp.CreateClient(paced, clock.Time, network);
        using var first = await client.PostAsync("things", new StringContent("{}"));

        // When a second create has to wait for the pace
        using var second = await client.PostAsync("things", new StringContent("{}"));

        // Then it is sent once, a window (and the pacer's margin) after the first was answered, and answered
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(2);
        (network.SentAt[1] - network.SentAt[0]).ShouldBeGreaterThanOrEqualTo(paced.Window);
    }

    private static Answer Ok() => Status(HttpStatusCode.OK);

    private static Answer Status(HttpStatusCode status) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status));

    private static Answer Limited(TimeSpan retryAfter) => (_, _) =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return Task.FromResult(response);
    };

    /// <summary>A server that says nothing for 10 s of its clock.</summary>
    private static Answer Hang() => async (serverTime, token) =>
    {
        await Task.Delay(TimeSpan.FromSeconds(10), serverTime, token);
        return new HttpResponseMessage(HttpStatusCode.OK);
    };

    /// <summary>One scripted answer: the server's view of the clock, and the request's cancellation.</summary>
    private delegate Task<HttpResponseMessage> Answer(TimeProvider serverTime, CancellationToken cancellationToken);

    /// <summary>Answers each call with the next scripted answer, standing in for the network and the server behind it.</summary>
    private sealed class ScriptedNetwork(FakeClock clock, params Answer[] answers) : HttpMessageHandler
    {
        private readonly List<DateTimeOffset> _sentAt = [];

        public int Calls
        {
            get
            {
                lock (_sentAt)
                    return _sentAt.Count;
            }
        }

        /// <summary>When each call reached the network, on the clock.</summary>
        public IReadOnlyList<DateTimeOffset> SentAt
        {
            get
            {
                lock (_sentAt)
                    return [.. _sentAt];
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int call;
            lock (_sentAt)
            {
                call = _sentAt.Count;
                _sentAt.Add(clock.Now);
            }

            return answers[Math.Min(call, answers.Length - 1)](clock.EmulatorTime, cancellationToken);
        }
    }
}

using System.Net;
using Onboarding.Services.Http;

namespace Onboarding.Sandbox.Tests.Http;

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
        // Given a service that refuses once with Retry-After: 0
        var network = new ScriptedNetwork(Limited(TimeSpan.Zero), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, network: network);

        // When a create is sent
        using var response = await client.PostAsync("things", new StringContent("{}"));

        // Then it was sent again and succeeded
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task Send_ServerErrorOnCreate_NotRetried()
    {
        var network = new ScriptedNetwork(Status(HttpStatusCode.InternalServerError), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, network: network);

        using var response = await client.PostAsync("things", new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        network.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Send_ServerErrorOnPostMarkedIdempotent_Retried()
    {
        var network = new ScriptedNetwork(Status(HttpStatusCode.ServiceUnavailable), Status(HttpStatusCode.BadGateway), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, network: network);
        using var request = new HttpRequestMessage(HttpMethod.Post, "search") { Content = new StringContent("{}") };

        using var response = await client.SendAsync(request.MarkIdempotent());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task Send_SilentServerOnGet_GivenUpPerAttemptAndRetried()
    {
        var network = new ScriptedNetwork(Hang(), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, network: network);

        using var response = await client.GetAsync("things/1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task Send_RetryAfterLongerThanWeWait_FailsWithoutWaiting()
    {
        var network = new ScriptedNetwork(Limited(TimeSpan.FromHours(1)), Ok());
        using var client = ResilientHttp.CreateClient(Endpoint, network: network);

        using var response = await client.GetAsync("things/1");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        network.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Send_PersistentFailure_StopsAfterMaxRetries()
    {
        var network = new ScriptedNetwork(Enumerable.Repeat(Status(HttpStatusCode.ServiceUnavailable), 10).ToArray());
        using var client = ResilientHttp.CreateClient(Endpoint, network: network);

        using var response = await client.GetAsync("things/1");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        network.Calls.ShouldBe(1 + Endpoint.MaxRetries);
    }

    [Fact]
    public async Task Send_CreateWaitingLongerForItsTurnThanTheAttemptTimeout_SentAndAnswered()
    {
        // Given a pace of one request per 1.5 s and an attempt timeout of 0.3 s (found by the fault soak: a large apply
        // queued creates behind Freshdesk's pace until they "timed out" before they were ever sent)
        var paced = Endpoint with { RequestsPerWindow = 1, Window = TimeSpan.FromSeconds(1.5) };
        var network = new ScriptedNetwork(Ok());
        using var client = ResilientHttp.CreateClient(paced, network: network);
        using var first = await client.PostAsync("things", new StringContent("{}"));

        // When a second create has to wait for the pace
        using var second = await client.PostAsync("things", new StringContent("{}"));

        // Then it is sent once and answered, not given up on in the queue
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        network.Calls.ShouldBe(2);
    }

    private static Func<CancellationToken, Task<HttpResponseMessage>> Ok() => Status(HttpStatusCode.OK);

    private static Func<CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status) =>
        _ => Task.FromResult(new HttpResponseMessage(status));

    private static Func<CancellationToken, Task<HttpResponseMessage>> Limited(TimeSpan retryAfter) => _ =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return Task.FromResult(response);
    };

    private static Func<CancellationToken, Task<HttpResponseMessage>> Hang() => async token =>
    {
        await Task.Delay(TimeSpan.FromSeconds(10), token);
        return new HttpResponseMessage(HttpStatusCode.OK);
    };

    /// <summary>Answers each call with the next scripted answer, standing in for the network.</summary>
    private sealed class ScriptedNetwork(params Func<CancellationToken, Task<HttpResponseMessage>>[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls) - 1;
            return answers[Math.Min(call, answers.Length - 1)](cancellationToken);
        }
    }
}

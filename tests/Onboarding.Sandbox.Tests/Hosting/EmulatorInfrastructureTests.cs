using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Tests.Hosting;

public sealed class EmulatorInfrastructureTests
{
    [Fact]
    public async Task Journal_RecordsEveryRequest_AndTellsWritesFromReads()
    {
        // Given a counter service
        await using var host = await Start();
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };

        // When it is read, written and read again
        (await http.GetStringAsync("count")).ShouldBe("0");
        (await http.PostAsync("count", new StringContent("{\"by\":2}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetStringAsync("count")).ShouldBe("2");

        // Then the journal has the three, in order, with the body, and only the POST changed state
        host.Journal.Entries.Select(e => $"{e.Method} {e.Path} {e.Status} {e.ChangedState}").ShouldBe(["GET /count 200 False", "POST /count 200 True", "GET /count 200 False"]);
        host.Journal.Entries[1].Body.ShouldBe("{\"by\":2}");
        host.Journal.StateChanges.Count.ShouldBe(1);
        host.Host.BaseAddress.Host.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task Faults_ScriptedRule_SkipsThenFailsTimesThenPasses()
    {
        await using var host = await Start();
        host.Host.Faults.Add(new FaultRule(FaultKind.ServiceUnavailable, Method: "GET", PathPattern: "^/count$", Times: 2, Skip: 1));
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await http.GetAsync("count")).StatusCode);

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK]);
        host.Host.Faults.Injected.ShouldBe(2);
        host.Journal.Entries.Select(e => e.Fault).ShouldBe([null, "ServiceUnavailable", "ServiceUnavailable", null]);
    }

    [Fact]
    public async Task Faults_RateLimited_UsesTheServicesOwnShape()
    {
        await using var host = await Start();
        host.Host.Faults.Add(new FaultRule(FaultKind.RateLimited, RetryAfterSeconds: 7));
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };

        using var response = await http.GetAsync("count");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        (await response.Content.ReadAsStringAsync()).ShouldBe("{\"error\":\"slow down\"}");
    }

    [Fact]
    public async Task Faults_FailAfterCommit_KeepsTheChangeButAnswers500()
    {
        await using var host = await Start();
        host.Host.Faults.Add(new FaultRule(FaultKind.FailAfterCommit, Method: "POST"));
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };

        (await http.PostAsync("count", new StringContent("{\"by\":5}"))).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        (await http.GetStringAsync("count")).ShouldBe("5");
        host.Journal.Entries[0].ChangedState.ShouldBeTrue();
    }

    [Fact]
    public async Task Faults_ConnectionReset_ClientSeesATransportError()
    {
        await using var host = await Start();
        host.Host.Faults.Add(new FaultRule(FaultKind.ConnectionReset));
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };

        await Should.ThrowAsync<HttpRequestException>(() => http.GetAsync("count"));
        (await http.GetStringAsync("count")).ShouldBe("0");
    }

    [Fact]
    public async Task Faults_SlowAndTimeout_AreBoundedDelays()
    {
        await using var host = await Start();
        host.Host.Faults
            .Add(new FaultRule(FaultKind.Slow, Delay: TimeSpan.FromMilliseconds(300)))
            .Add(new FaultRule(FaultKind.Timeout, Delay: TimeSpan.FromMilliseconds(300)));
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        (await http.GetAsync("count")).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));

        using var shortClient = new HttpClient { BaseAddress = host.Host.BaseAddress, Timeout = TimeSpan.FromMilliseconds(100) };
        await Should.ThrowAsync<TaskCanceledException>(() => shortClient.GetAsync("count"));
    }

    [Fact]
    public void Faults_RandomFromSeed_SameSeedSameFaultsAndBounded()
    {
        static List<string> Draw(int seed)
        {
            var plan = new FaultPlan().Randomly(seed, probability: 0.5, maxFaults: 5);
            return [.. Enumerable.Range(0, 100).Select(_ => plan.Next("GET", "/x")?.Kind.ToString() ?? "-")];
        }

        var first = Draw(42);

        Draw(42).ShouldBe(first);
        first.Count(k => k != "-").ShouldBe(5);
        Draw(43).ShouldNotBe(first);
    }

    private static async Task<Started> Start()
    {
        var journal = new RequestJournal();
        return new Started(await EmulatorHost.StartAsync(new CounterEmulator(), journal), journal);
    }

    private sealed record Started(EmulatorHost Host, RequestJournal Journal) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>The smallest service: a counter that can be read and increased.</summary>
    private sealed class CounterEmulator : IServiceEmulator
    {
        private int _count;

        public string Name => "counter";

        public TimeProvider Time => TimeProvider.System;

        public void Configure(WebApplication app)
        {
            app.MapGet("/count", () => Volatile.Read(ref _count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            app.MapPost("/count", async (HttpContext context) =>
            {
                var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
                Interlocked.Add(ref _count, body.RootElement.GetProperty("by").GetInt32());
                context.MarkStateChanged();
                return Results.Ok();
            });
        }

        public async Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("{\"error\":\"slow down\"}");
        }

        public async Task WriteServerErrorAsync(HttpContext context, int status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("{\"error\":\"server\"}");
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Tests.Hosting;

/// <summary>The endpoint filter every emulator's routes go through, on the smallest service built the same way.</summary>
public sealed class EmulatorRoutesTests
{
    [Theory]
    [InlineData("{\"by\":", 400, "{\"error\":\"not json\"}")]
    [InlineData("{\"by\":-1}", 422, "{\"error\":\"only up\"}")]
    public async Task Map_BodyRefusedOrStoreProblem_AnswersInTheServicesShapeAndIsNoWrite(string body, int status, string answer)
    {
        // Given a tally at 2
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };
        (await http.PostAsync("tally", Json("{\"by\":2}"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // When a body the service refuses, or one its store refuses, is posted
        using var response = await http.PostAsync("tally", Json(body));

        // Then the answer is the service's own error, the tally is unchanged, and the journal saw no write
        ((int)response.StatusCode).ShouldBe(status);
        (await response.Content.ReadAsStringAsync()).ShouldBe(answer);
        (await http.GetStringAsync("tally")).ShouldBe("{\"tally\":2}");
        host.Journal.Entries.Select(e => e.ChangedState).ShouldBe([true, false, false]);
    }

    [Fact]
    public async Task Map_WriteThatChangesNothing_IsJournaledAsARead()
    {
        // Given a tally
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress };

        // When it is increased by nothing, then by one
        (await http.PostAsync("tally", Json("{\"by\":0}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsync("tally", Json("{\"by\":1}"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Then only the second counts as a write, as the store's answer said
        host.Journal.Entries.Select(e => $"{e.Method} {e.ChangedState}").ShouldBe(["POST False", "POST True"]);
        host.Emulator.Store.Read(s => s.Tally).ShouldBe(1);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<Started> StartAsync()
    {
        var journal = new RequestJournal();
        var emulator = new TallyEmulator();
        return new Started(emulator, await EmulatorHost.StartAsync(emulator, journal), journal);
    }

    private sealed record Started(TallyEmulator Emulator, EmulatorHost Host, RequestJournal Journal) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private sealed class TallyState
    {
        public int Tally { get; set; }
    }

    private sealed class TallyStore() : ServiceStore<TallyState>(new TallyState(), TimeProvider.System, JsonSerializerOptions.Default)
    {
        public EmulatorResponse Get() => new(200, new JsonObject { ["tally"] = State.Tally });

        public EmulatorResponse Add(JsonNode? body)
        {
            var by = (int)body!["by"]!;
            if (by < 0)
                throw new TallyProblem(422, "only up");
            State.Tally += by;
            return new EmulatorResponse(200, new JsonObject { ["tally"] = State.Tally }) { Changed = by != 0 };
        }
    }

    private sealed class TallyProblem(int status, string message) : EmulatorProblem(status, message)
    {
        public override EmulatorResponse ToResponse(HttpContext context) => new(Status, new JsonObject { ["error"] = Message });
    }

    private sealed class TallyEmulator : IServiceEmulator, IServiceProtocol
    {
        public string Name => "tally";

        public TimeProvider Time => Store.Time;

        public TallyStore Store { get; } = new();

        public void Configure(WebApplication app)
        {
            var routes = new EmulatorRoutes(app, this, Store.Gate);
            routes.Map("GET", "/tally", _ => Store.Get());
            routes.Map("POST", "/tally", (_, body) => Store.Add(body));
        }

        public async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
        {
            try
            {
                return await JsonNode.ParseAsync(request.Body);
            }
            catch (JsonException)
            {
                throw new TallyProblem(400, "not json");
            }
        }

        public Task WriteAsync(HttpContext context, EmulatorResponse response) => response.WriteAsync(context, "application/json");

        public Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds) => WriteAsync(context, new EmulatorResponse(429));

        public Task WriteServerErrorAsync(HttpContext context, int status) => WriteAsync(context, new EmulatorResponse(status));
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Tests.HubSpot;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public ManualTime()
        : this(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}

/// <summary>The HubSpot emulator on 127.0.0.1 with a raw HttpClient that carries the seed's token.</summary>
internal sealed class HubSpotHarness : IAsyncDisposable
{
    private HubSpotHarness(HubSpotEmulator emulator, EmulatorHost host, RequestJournal journal, HttpClient http)
    {
        Emulator = emulator;
        Host = host;
        Journal = journal;
        Http = http;
    }

    public HubSpotEmulator Emulator { get; }

    public EmulatorHost Host { get; }

    public RequestJournal Journal { get; }

    public HttpClient Http { get; }

    public HubSpotStore Store => Emulator.Store;

    public HubSpotSeed Seed => Emulator.Seed;

    public string Community => Seed.CommunityObjectTypeId;

    public static async Task<HubSpotHarness> StartAsync(HubSpotSeed? seed = null, TimeProvider? time = null, FaultPlan? faults = null)
    {
        var emulator = new HubSpotEmulator(seed ?? new HubSpotSeed(), time);
        var journal = new RequestJournal();
        var host = await EmulatorHost.StartAsync(emulator, journal, faults, time: time);
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Seed.Tokens[0]);
        return new HubSpotHarness(emulator, host, journal, http);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode body) => SendAsync(method, path, body.ToJsonString());

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Creates a record through the API and returns its id.</summary>
    public async Task<string> CreateAsync(string objectType, JsonObject properties)
    {
        using var response = await SendAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}", new JsonObject { ["properties"] = properties });
        var body = await BodyAsync(response);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, body.ToJsonString());
        return (string)body["id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Tests.Hosting;

namespace Onboarding.Sandbox.Tests.HubSpot;

/// <summary>The HubSpot emulator on 127.0.0.1 with a raw HttpClient that carries the seed's token.</summary>
internal sealed class HubSpotHarness : EmulatorHarness<HubSpotEmulator>
{
    /// <summary>When a test's fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    private HubSpotHarness(HubSpotEmulator emulator, EmulatorHost host, RequestJournal journal)
        : base(emulator, host, journal)
    {
        Http = Own(new HttpClient { BaseAddress = host.BaseAddress });
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Seed.Tokens[0]);
    }

    public HttpClient Http { get; }

    public HubSpotStore Store => Emulator.Store;

    public HubSpotSeed Seed => Emulator.Seed;

    public string Community => Seed.CommunityObjectTypeId;

    public static async Task<HubSpotHarness> StartAsync(HubSpotSeed? seed = null, TimeProvider? time = null, FaultPlan? faults = null)
    {
        var emulator = new HubSpotEmulator(seed, time);
        var (host, journal) = await StartHostAsync(emulator, faults);
        return new HubSpotHarness(emulator, host, journal);
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
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Core.Configuration;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Tests.Hosting;
using Onboarding.Services.Freshdesk;

namespace Onboarding.Sandbox.Tests.Freshdesk;

/// <summary>A Freshdesk emulator on 127.0.0.1 with a raw HTTP client (as a user with curl would see it) and our client.</summary>
internal sealed class FreshdeskHarness : EmulatorHarness<FreshdeskEmulator>
{
    private FreshdeskHarness(FreshdeskEmulator emulator, EmulatorHost host, RequestJournal journal)
        : base(emulator, host, journal)
    {
        Http = NewHttp(emulator.Seed.ApiKey);
    }

    /// <summary>Authenticated plain HttpClient, no retries.</summary>
    public HttpClient Http { get; }

    public static async Task<FreshdeskHarness> StartAsync(FreshdeskSeed? seed = null, TimeProvider? time = null)
    {
        var emulator = new FreshdeskEmulator(seed, time);
        var (host, journal) = await StartHostAsync(emulator, new FaultPlan());
        return new FreshdeskHarness(emulator, host, journal);
    }

    public HttpClient NewHttp(string? apiKey)
    {
        var http = Own(new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) });
        if (apiKey is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":X")));
        return http;
    }

    /// <param name="limits">The pace; by default far more than the emulator allows, which tests that look at pacing override.</param>
    public FreshdeskClient NewClient(string? apiKey = null, TimeSpan? attemptTimeout = null, int maxRetries = 3, TimeProvider? time = null, FreshdeskRateLimits? limits = null, int ticketListMaxPages = 300) =>
        Own(new FreshdeskClient(new FreshdeskClientOptions
        {
            BaseAddress = Host.BaseAddress,
            ApiKey = apiKey ?? Emulator.Seed.ApiKey,
            Limits = limits ?? FreshdeskRateLimits.PerMinute(6000),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
            MaxRetries = maxRetries,
            BaseBackoff = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
            TicketListMaxPages = ticketListMaxPages,
        }, time));

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Http.PostAsync(path, Json(body));

    public Task<HttpResponseMessage> PutAsync(string path, object body) => Http.PutAsync(path, Json(body));

    public static StringContent Json(object body) =>
        new(body is string text ? text : System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>Creates through the API and returns the new id.</summary>
    public async Task<long> CreateAsync(string path, object body)
    {
        using var response = await PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    public int Count(string method, string path) =>
        Journal.Entries.Count(e => e.Method == method && e.Path == path);
}

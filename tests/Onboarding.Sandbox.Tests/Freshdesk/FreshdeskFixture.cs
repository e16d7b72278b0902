using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Services.Freshdesk;

namespace Onboarding.Sandbox.Tests.Freshdesk;

/// <summary>A Freshdesk emulator on 127.0.0.1 with a raw HTTP client (as a user with curl would see it) and our client.</summary>
internal sealed class FreshdeskFixture : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];

    private FreshdeskFixture(EmulatorHost host, FreshdeskEmulator emulator, RequestJournal journal)
    {
        Host = host;
        Emulator = emulator;
        Journal = journal;
        Http = NewHttp(emulator.Seed.ApiKey);
    }

    public EmulatorHost Host { get; }

    public FreshdeskEmulator Emulator { get; }

    public RequestJournal Journal { get; }

    public FaultPlan Faults => Host.Faults;

    /// <summary>Authenticated plain HttpClient, no retries.</summary>
    public HttpClient Http { get; }

    public static async Task<FreshdeskFixture> StartAsync(FreshdeskSeed? seed = null, TimeProvider? time = null)
    {
        var journal = new RequestJournal();
        var emulator = new FreshdeskEmulator(seed ?? new FreshdeskSeed());
        var host = await EmulatorHost.StartAsync(emulator, journal, new FaultPlan(), time: time);
        return new FreshdeskFixture(host, emulator, journal);
    }

    public HttpClient NewHttp(string? apiKey)
    {
        var http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":X")));
        _owned.Add(http);
        return http;
    }

    public FreshdeskClient NewClient(string? apiKey = null, TimeSpan? attemptTimeout = null, int maxRetries = 3, TimeProvider? time = null)
    {
        var client = new FreshdeskClient(new FreshdeskClientOptions
        {
            BaseAddress = Host.BaseAddress,
            ApiKey = apiKey ?? Emulator.Seed.ApiKey,
            RequestsPerMinute = 6000,
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
            MaxRetries = maxRetries,
            BaseBackoff = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
        }, time);
        _owned.Add(client);
        return client;
    }

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

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
            owned.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>A clock the test moves by hand (only "now"; timers stay real).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

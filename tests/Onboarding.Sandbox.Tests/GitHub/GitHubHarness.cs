using Onboarding.Core.Configuration;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Onboarding.Core.Planning;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Tests.Hosting;
using Onboarding.Services.GitHub;
using Onboarding.Services.Http;
using Onboarding.Testing.Contracts;
using OctokitClient = Octokit.GitHubClient;

namespace Onboarding.Sandbox.Tests.GitHub;

/// <summary>One GitHub emulator on 127.0.0.1 for one test, with clients whose every response is recorded for the contract check.</summary>
internal sealed class GitHubHarness : EmulatorHarness<GitHubEmulator>
{
    /// <summary>When a test's fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private GitHubHarness(GitHubEmulator emulator, EmulatorHost host, RequestJournal journal)
        : base(emulator, host, journal)
    {
    }

    public GitHubStore Store => Emulator.Store;

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    public Uri ApiBase => new(Host.BaseAddress, "api/v3/");

    public static async Task<GitHubHarness> StartAsync(GitHubSeed? seed = null, TimeProvider? time = null, FaultPlan? faults = null)
    {
        var emulator = new GitHubEmulator(seed, time);
        var (host, journal) = await StartHostAsync(emulator, faults);
        return new GitHubHarness(emulator, host, journal);
    }

    /// <summary>A plain HttpClient on the API base, sending <c>Authorization: token ...</c> unless <paramref name="token"/> is null.</summary>
    public HttpClient Raw(string? token = GitHubSeed.DefaultToken, string scheme = "token")
    {
        var client = Own(new HttpClient(Recorder()) { BaseAddress = ApiBase, Timeout = TimeSpan.FromSeconds(20) });
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("onboarding-tests", "1"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, token);
        return client;
    }

    /// <summary>Octokit itself, on this emulator's address (it adds /api/v3/ for a non-github.com host).</summary>
    public OctokitClient Octokit(string? token = GitHubSeed.DefaultToken)
    {
        var adapter = Own(new global::Octokit.Internal.HttpClientAdapter(Recorder));
        var credentials = token is null ? global::Octokit.Credentials.Anonymous : new global::Octokit.Credentials(token);
        var connection = new global::Octokit.Connection(
            new global::Octokit.ProductHeaderValue("onboarding-tests"),
            GitHubClient.ApiAddress(Host.BaseAddress),
            new global::Octokit.Internal.InMemoryCredentialStore(credentials),
            adapter,
            new global::Octokit.Internal.SimpleJsonSerializer());
        return new OctokitClient(connection);
    }

    /// <summary>The project's client, with quick retries so fault tests stay fast.</summary>
    public GitHubClient Client(
        string? token = GitHubSeed.DefaultToken, string owner = "example-org", string repository = "infrastructure", TimeSpan? maxRetryAfter = null, TimeProvider? time = null,
        ContentCreationLimits? contentLimits = null)
    {
        var endpoint = new ServiceEndpoint("github", Host.BaseAddress, RequestsPerWindow: 1000, Window: TimeSpan.FromSeconds(1), AttemptTimeout: TimeSpan.FromSeconds(10), MaxRetries: 3)
        {
            BaseBackoff = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromSeconds(5),
        };
        var options = new GitHubClientOptions(endpoint, owner, repository, token) { ContentCreationLimits = contentLimits ?? ContentCreationLimits.GitHub };
        return Own(new GitHubClient(options, time, Recorder()));
    }

    /// <summary>The project's client of GitHub's projects (GraphQL), on <paramref name="board"/>, with quick retries.</summary>
    public GitHubProjects Projects(BoardSettings board, string? token = GitHubSeed.DefaultToken)
    {
        var endpoint = new ServiceEndpoint("github", Host.BaseAddress, RequestsPerWindow: 1000, Window: TimeSpan.FromSeconds(1), AttemptTimeout: TimeSpan.FromSeconds(10), MaxRetries: 3)
        {
            BaseBackoff = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
        };
        return Own(new GitHubProjects(new GitHubClientOptions(endpoint, "example-org", "infrastructure", token), board));
    }

    /// <summary>A GraphQL request as sent, its answer's status and JSON body.</summary>
    public async Task<(int Status, JsonObject Body)> GraphQLAsync(string query, JsonObject? variables = null, string? token = GitHubSeed.DefaultToken)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("onboarding-tests", "1"));
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        var body = new JsonObject { ["query"] = query };
        if (variables is not null)
            body["variables"] = variables.DeepClone();
        using var response = await http.PostAsync("api/graphql", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text.Length == 0 ? $"{{\"status\":{(int)response.StatusCode}}}" : text)!.AsObject());
    }

    /// <summary>Every recorded REST response must conform to the OpenAPI description (GraphQL answers, such as the client's
    /// question of who its token is, are held to the schema by the contract check instead).</summary>
    public void ShouldAllMatchTheContract()
    {
        Exchanges.ShouldNotBeEmpty();
        var problems = Exchanges.Where(e => e.ApiPath != GitHubEmulator.GraphQLPath).SelectMany(e => OpenApiContract.Instance.Check(e.Method, e.ApiPath, e.Status, e.Body)).ToList();
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems.Take(20)));
    }

    private RecordingHandler Recorder() => new(Exchanges) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } };

    public sealed record Exchange(string Method, string ApiPath, int Status, string Body, HttpResponseMessage Response);

    private sealed class RecordingHandler(ConcurrentQueue<Exchange> exchanges) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            if (path.StartsWith(GitHubEmulator.ApiPrefix, StringComparison.Ordinal))
                path = path[GitHubEmulator.ApiPrefix.Length..];
            exchanges.Enqueue(new Exchange(request.Method.Method, Uri.UnescapeDataString(path), (int)response.StatusCode, body, response));
            return response;
        }
    }
}

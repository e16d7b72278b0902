using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.Tests.Persistence;

/// <summary>Plain HTTP against a running sandbox with the credentials it prints: what the program (or curl) would send.</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly SandboxServer _server;

    public SandboxClient(SandboxServer server)
    {
        _server = server;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("onboarding-tests");
    }

    public string Community => _server.Options.HubSpot.CommunityObjectTypeId;

    public async Task<string> CreateCommunityAsync(string name)
    {
        var body = await SendAsync("hubspot", HttpMethod.Post, $"crm/v3/objects/{Community}", new JsonObject { ["properties"] = new JsonObject { ["name"] = name } }, HttpStatusCode.Created);
        return (string)body!["id"]!;
    }

    public async Task<string?> CommunityNameAsync(string id)
    {
        var (status, body) = await TrySendAsync("hubspot", HttpMethod.Get, $"crm/v3/objects/{Community}/{id}?properties=name", null);
        return status == HttpStatusCode.OK ? (string?)body!["properties"]!["name"] : null;
    }

    public async Task<long> CreateContactAsync(string name, string email)
    {
        var body = await SendAsync("freshdesk", HttpMethod.Post, "contacts", new JsonObject { ["name"] = name, ["email"] = email }, HttpStatusCode.Created);
        return (long)body!["id"]!;
    }

    public async Task<HttpStatusCode> ContactStatusAsync(long id) => (await TrySendAsync("freshdesk", HttpMethod.Get, $"contacts/{id}", null)).Status;

    public async Task<(long Id, int Number)> CreateIssueAsync(string title)
    {
        var body = await SendAsync("github", HttpMethod.Post, "repos/example-org/infrastructure/issues", new JsonObject { ["title"] = title }, HttpStatusCode.Created);
        return ((long)body!["id"]!, (int)body["number"]!);
    }

    public async Task<string?> IssueTitleAsync(int number)
    {
        var (status, body) = await TrySendAsync("github", HttpMethod.Get, $"repos/example-org/infrastructure/issues/{number}", null);
        return status == HttpStatusCode.OK ? (string?)body!["title"] : null;
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> SendAsync(string service, HttpMethod method, string path, JsonObject? body, HttpStatusCode expected)
    {
        var (status, answer) = await TrySendAsync(service, method, path, body);
        status.ShouldBe(expected, answer?.ToJsonString());
        return answer;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> TrySendAsync(string service, HttpMethod method, string path, JsonObject? body)
    {
        var endpoint = _server.Endpoints.Single(e => e.Service == service);
        using var request = new HttpRequestMessage(method, new Uri(endpoint.BaseAddress, path));
        request.Headers.Authorization = service switch
        {
            "hubspot" => new AuthenticationHeaderValue("Bearer", endpoint.Secret),
            "freshdesk" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(endpoint.Secret + ":X"))),
            _ => new AuthenticationHeaderValue("token", endpoint.Secret),
        };
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }
}

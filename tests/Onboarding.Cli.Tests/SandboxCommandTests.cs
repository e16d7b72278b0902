using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed partial class SandboxCommandTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "onboarding-cli-sandbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_state))
            Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task Sandbox_Started_ServesAllThreeWithThePrintedCredentialsUntilStopped()
    {
        // Given the sandbox command running in the background
        await using var sandbox = await RunningSandbox.StartAsync("sandbox", "--state", _state);
        var lines = sandbox.Endpoints;

        // Then each service answers on 127.0.0.1 with the printed credential, and refuses without it
        lines.Keys.Order().ShouldBe(["freshdesk", "github", "hubspot"]);
        lines.Values.ShouldAllBe(l => l.Url.Host == "127.0.0.1");
        using var http = new HttpClient();
        (await Send(http, HttpMethod.Get, new Uri(lines["hubspot"].Url, "crm/v3/pipelines/deals"), new AuthenticationHeaderValue("Bearer", lines["hubspot"].Secret))).ShouldBe(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, new Uri(lines["hubspot"].Url, "crm/v3/pipelines/deals"), null)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Send(http, HttpMethod.Get, new Uri(lines["freshdesk"].Url, "contacts"), Basic(lines["freshdesk"].Secret))).ShouldBe(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, new Uri(lines["github"].Url, "repos/example-org/infrastructure/issues"), new AuthenticationHeaderValue("token", lines["github"].Secret))).ShouldBe(HttpStatusCode.OK);
        var line = Regex.Match(sandbox.Out, @"^\s+prometheus\s+(http://\S+)\{community\}/\s+PROMETHEUS_USERNAME=(\S+) PROMETHEUS_PASSWORD=(\S+)$", RegexOptions.Multiline);
        var prometheus = new Uri(line.Groups[1].Value);
        prometheus.Host.ShouldBe("127.0.0.1");
        var login = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{line.Groups[2].Value}:{line.Groups[3].Value}")));
        var query = new Uri(prometheus, "tidepool/api/v1/query_range?query=kube_pod_annotations&start=0&end=60&step=15");
        (await Send(http, HttpMethod.Get, query, login)).ShouldBe(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, query, null)).ShouldBe(HttpStatusCode.Unauthorized);

        // And it stops cleanly
        (await sandbox.StopAsync()).ShouldBe(0);
        sandbox.Out.ShouldContain("Sandbox stopped.");
    }

    [Fact]
    public async Task Sandbox_StoppedWithState_SavesWhatWasCreatedAndTheNextRunServesIt()
    {
        // Given a sandbox keeping its state in a folder, in which a contact is created
        Uri contact;
        using var http = new HttpClient();
        await using (var first = await RunningSandbox.StartAsync("sandbox", "--state", _state))
        {
            var freshdesk = first.Endpoints["freshdesk"];
            using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(freshdesk.Url, "contacts"))
            {
                Content = new StringContent("""{"name":"Ada Lovelace","email":"ada@example.org"}""", Encoding.UTF8, "application/json"),
            };
            create.Headers.Authorization = Basic(freshdesk.Secret);
            using var created = await http.SendAsync(create);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            var id = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            contact = new Uri($"contacts/{id}", UriKind.Relative);
            first.Out.ShouldContain($"State: fresh; kept in {_state} when the sandbox stops.");

            // When it is stopped
            (await first.StopAsync()).ShouldBe(0);
            first.Out.ShouldContain($"Sandbox stopped. Its state is saved in {_state}.");
        }

        // Then the folder holds the state, and the next run serves the contact under the same id
        (await File.ReadAllTextAsync(Path.Combine(_state, "freshdesk.json"))).ShouldContain("ada@example.org");
        await using var second = await RunningSandbox.StartAsync("sandbox", "--state", _state);
        second.Out.ShouldContain($"State: continued from {_state} (run with --reset to start afresh).");
        (await Send(http, HttpMethod.Get, new Uri(second.Endpoints["freshdesk"].Url, contact), Basic(second.Endpoints["freshdesk"].Secret))).ShouldBe(HttpStatusCode.OK);
        (await second.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Sandbox_Reset_StartsFromTheSeedsAgain()
    {
        // Given a state folder from an earlier run
        await using (var first = await RunningSandbox.StartAsync("sandbox", "--state", _state))
            (await first.StopAsync()).ShouldBe(0);

        // When the sandbox starts with --reset
        await using var second = await RunningSandbox.StartAsync("sandbox", "--state", _state, "--reset");

        // Then it starts fresh
        second.Out.ShouldContain($"State: fresh; kept in {_state} when the sandbox stops.");
        (await second.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public void Sandbox_DamagedState_ExplainsWhichFileAndExitsWithoutStarting()
    {
        // Given a damaged state file
        Directory.CreateDirectory(_state);
        var file = Path.Combine(_state, "hubspot.json");
        File.WriteAllText(file, "{ truncated");
        var run = new CliRun();

        // When the sandbox starts from it
        var exit = run.Invoke("sandbox", "--state", _state);

        // Then it names the file and the way out, and nothing runs
        exit.ShouldBe(1);
        run.Error.ShouldBe($"onboarding sandbox: The sandbox state file {file} cannot be used: it is not valid JSON at line 1. Run with --reset to start the sandbox afresh.\n");
        run.Out.ShouldNotContain("Sandbox running");
    }

    private static AuthenticationHeaderValue Basic(string apiKey) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":X")));

    private static async Task<HttpStatusCode> Send(HttpClient http, HttpMethod method, Uri url, AuthenticationHeaderValue? auth)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = auth;
        request.Headers.UserAgent.ParseAdd("onboarding-tests");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"^\s+(?<service>\w+)\s+(?<url>http://\S+)\s+\w+=(?<secret>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EndpointLine();

    /// <summary><c>onboarding sandbox</c> running in the background until <see cref="StopAsync"/>, as Ctrl-C stops it.</summary>
    private sealed class RunningSandbox : IAsyncDisposable
    {
        private const string Ready = "Press Ctrl-C";

        private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
        private readonly StringBuilder _output = new();
        private readonly WatchedWriter _watched;
        private readonly TextWriter _writer;
        private readonly FakeClock _clock = FakeClock.Start();
        private Task<int> _run = Task.FromResult(0);

        private RunningSandbox()
        {
            _watched = new WatchedWriter(_output, Ready);
            _writer = TextWriter.Synchronized(_watched);
        }

        public Dictionary<string, (Uri Url, string Secret)> Endpoints { get; private set; } = [];

        // TextWriter.Synchronized locks on the writer itself, so reading under that lock never sees a half-written line.
        public string Out
        {
            get
            {
                lock (_writer)
                    return _output.ToString();
            }
        }

        public static async Task<RunningSandbox> StartAsync(params string[] args)
        {
            var sandbox = new RunningSandbox();
            var context = new CliContext(sandbox._writer, TextWriter.Null, new InMemoryFileSystem(), new FakeEnvironment(), sandbox._clock.Time);
            sandbox._run = Task.Run(() => App.RunAsync(args, context, sandbox._stop.Token));
            // Until it says it is ready, or it ended without saying so (bounded).
            await Task.WhenAny(sandbox._watched.Seen, sandbox._run).WaitAsync(TimeSpan.FromSeconds(10));
            sandbox.Endpoints = EndpointLine().Matches(sandbox.Out).ToDictionary(m => m.Groups["service"].Value, m => (new Uri(m.Groups["url"].Value), m.Groups["secret"].Value));
            return sandbox;
        }

        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _run;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
            await _writer.DisposeAsync();
            await _clock.DisposeAsync();
        }
    }

    /// <summary>Output that says when <paramref name="marker"/> has been written.</summary>
    private sealed class WatchedWriter(StringBuilder output, string marker) : StringWriter(output, System.Globalization.CultureInfo.InvariantCulture)
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            base.Write(buffer);
            Check();
        }

        private void Check()
        {
            if (GetStringBuilder().ToString().Contains(marker, StringComparison.Ordinal))
                _seen.TrySetResult();
        }
    }
}

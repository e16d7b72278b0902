using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

public sealed partial class SandboxCommandTests
{
    [Fact]
    public async Task Sandbox_Started_ServesAllThreeWithThePrintedCredentialsUntilStopped()
    {
        // Given the sandbox command running in the background
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringBuilder();
        await using var writer = TextWriter.Synchronized(new StringWriter(output));
        var context = new CliContext(writer, TextWriter.Null, new InMemoryFileSystem(), new FakeEnvironment(), FixedClock.Today) { Stop = stop.Token };
        var run = Task.Run(() => App.Run(["sandbox"], context));

        // When it has printed its addresses
        string printed;
        var waited = 0;
        while (!(printed = Snapshot(writer, output)).Contains("Press Ctrl-C", StringComparison.Ordinal) && waited++ < 200 && !run.IsCompleted)
            await Task.Delay(50);
        var lines = EndpointLine().Matches(printed).ToDictionary(m => m.Groups["service"].Value, m => (Url: new Uri(m.Groups["url"].Value), Secret: m.Groups["secret"].Value));

        // Then each service answers on 127.0.0.1 with the printed credential, and refuses without it
        lines.Keys.Order().ShouldBe(["freshdesk", "github", "hubspot"]);
        lines.Values.ShouldAllBe(l => l.Url.Host == "127.0.0.1");
        using var http = new HttpClient();
        (await Get(http, new Uri(lines["hubspot"].Url, "crm/v3/pipelines/deals"), new AuthenticationHeaderValue("Bearer", lines["hubspot"].Secret))).ShouldBe(HttpStatusCode.OK);
        (await Get(http, new Uri(lines["hubspot"].Url, "crm/v3/pipelines/deals"), null)).ShouldBe(HttpStatusCode.Unauthorized);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(lines["freshdesk"].Secret + ":X"));
        (await Get(http, new Uri(lines["freshdesk"].Url, "contacts"), new AuthenticationHeaderValue("Basic", basic))).ShouldBe(HttpStatusCode.OK);
        (await Get(http, new Uri(lines["github"].Url, "repos/example-org/infrastructure/issues"), new AuthenticationHeaderValue("token", lines["github"].Secret))).ShouldBe(HttpStatusCode.OK);

        // And it stops cleanly
        await stop.CancelAsync();
        (await run).ShouldBe(0);
        Snapshot(writer, output).ShouldContain("Sandbox stopped.");
    }

    // TextWriter.Synchronized locks on the writer itself, so reading under that lock never sees a half-written line.
    private static string Snapshot(TextWriter writer, StringBuilder output)
    {
        lock (writer)
            return output.ToString();
    }

    private static async Task<HttpStatusCode> Get(HttpClient http, Uri url, AuthenticationHeaderValue? auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = auth;
        request.Headers.UserAgent.ParseAdd("onboarding-tests");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"^\s+(?<service>\w+)\s+(?<url>http://\S+)\s+\w+=(?<secret>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EndpointLine();
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Core.Configuration;
using Onboarding.Core.Services;
using Onboarding.Core.Services.Prometheus;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Prometheus;
using Onboarding.Services.Prometheus;
using Onboarding.Testing;

namespace Onboarding.Sandbox.Tests.Prometheus;

public sealed class PrometheusEmulatorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static readonly string UsageQuery = PrometheusClient.UsageQuery("prod");

    private static PrometheusSeed Usage() => new()
    {
        Series =
        [
            PrometheusSeed.UserPod("tidepool", "prod", "ana", Monday, TimeSpan.FromMinutes(30)),
            PrometheusSeed.UserPod("tidepool", "prod", "ana", Monday.AddDays(2), TimeSpan.FromMinutes(10)),
            PrometheusSeed.UserPod("tidepool", "prod", "kofi", Monday.AddDays(1), TimeSpan.FromMinutes(3)),
            PrometheusSeed.UserPod("tidepool", "staging", "lena", Monday, TimeSpan.FromHours(1)),
            PrometheusSeed.UserPod("heliolab", "prod", "zoe", Monday, TimeSpan.FromMinutes(30)),
            new PrometheusSeries("tidepool", PrometheusSeed.PodAnnotations, new Dictionary<string, string> { ["namespace"] = "prod", ["pod"] = "hub-5d9f" }, [Monday]),
        ],
    };

    [Fact]
    public async Task QueryRange_MaxByUser_ReturnsOneMatrixSeriesPerUserOfTheNamespace()
    {
        // Given
        await using var host = await StartAsync(Usage());

        // When
        var (status, body) = await GetAsync(host, UsageQuery, Monday, Monday.AddDays(3), "300");

        // Then: Prometheus' envelope, only the users' pods of prod, labelled by user alone
        status.ShouldBe(HttpStatusCode.OK);
        ((string?)body["status"]).ShouldBe("success");
        ((string?)body["data"]!["resultType"]).ShouldBe("matrix");
        var result = body["data"]!["result"]!.AsArray();
        result.Select(r => r!["metric"]!.ToJsonString()).ShouldBe(["""{"annotation_hub_jupyter_org_username":"ana"}""", """{"annotation_hub_jupyter_org_username":"kofi"}"""]);
        var first = result[0]!["values"]!.AsArray()[0]!.AsArray();
        first[0]!.GetValue<double>().ShouldBe(Monday.ToUnixTimeSeconds());
        first[1]!.GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public async Task QueryRange_PlainSelector_KeepsEveryLabelAndTheMetricName()
    {
        // Given
        await using var host = await StartAsync(Usage());

        // When
        var (_, body) = await GetAsync(host, """kube_pod_annotations{namespace="staging"}""", Monday, Monday.AddHours(1), "1m");

        // Then
        var metric = body["data"]!["result"]!.AsArray().Single()!["metric"]!;
        ((string?)metric["__name__"]).ShouldBe("kube_pod_annotations");
        ((string?)metric["pod"]).ShouldBe("jupyter-lena");
        body["data"]!["result"]![0]!["values"]!.AsArray().Count.ShouldBe(61);
    }

    [Fact]
    public async Task QueryRange_RangeAfterTheUsage_ReturnsAnEmptyMatrix()
    {
        // Given
        await using var host = await StartAsync(Usage());

        // When the range starts after the last pod stopped (beyond the 5-minute lookback)
        var (status, body) = await GetAsync(host, UsageQuery, Monday.AddDays(2).AddMinutes(16), Monday.AddDays(5), "300");

        // Then
        status.ShouldBe(HttpStatusCode.OK);
        body["data"]!["result"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task QueryRange_PostedForm_AnswersLikeGet()
    {
        // Given
        await using var host = await StartAsync(Usage());
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseAddress, "tidepool/") };
        http.DefaultRequestHeaders.Authorization = Login();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["query"] = UsageQuery,
            ["start"] = Monday.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            ["end"] = Monday.AddDays(3).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["step"] = "5m",
        });

        // When
        using var response = await http.PostAsync(new Uri("api/v1/query_range", UriKind.Relative), form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body["data"]!["result"]!.AsArray().Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("sum(kube_pod_annotations)", "300", "invalid parameter \"query\"")]
    [InlineData("kube_pod_annotations{pod!=\"x\"}", "300", "only the matchers = and =~")]
    [InlineData("kube_pod_annotations{pod=\"x\"", "300", "parse error")]
    [InlineData("", "300", "no expression found in input")]
    [InlineData("kube_pod_annotations", "0", "zero or negative query resolution step widths are not accepted")]
    [InlineData("kube_pod_annotations", "10", "exceeded maximum resolution of 11,000 points per timeseries")]
    [InlineData("kube_pod_annotations", "soon", "invalid parameter \"step\"")]
    public async Task QueryRange_BadRequest_AnswersBadDataWith400(string query, string step, string error)
    {
        // Given
        await using var host = await StartAsync(Usage());

        // When
        var (status, body) = await GetAsync(host, query, Monday, Monday.AddDays(14), step);

        // Then
        status.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)body["status"]).ShouldBe("error");
        ((string?)body["errorType"]).ShouldBe("bad_data");
        ((string?)body["error"] ?? "").ShouldContain(error);
    }

    [Fact]
    public async Task QueryRange_EndBeforeStart_AnswersBadData()
    {
        // Given
        await using var host = await StartAsync(Usage());

        // When
        var (status, body) = await GetAsync(host, UsageQuery, Monday, Monday.AddDays(-1), "300");

        // Then
        status.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)body["error"]).ShouldBe("end timestamp must not be before start time");
    }

    [Fact]
    public async Task ActiveUsers_OverTheEmulator_GivesEachUserWithTheFirstTimeSeen()
    {
        // Given
        await using var host = await StartAsync(Usage());
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = Seed.ClientLogins() });

        // When
        var users = await client.ActiveUsersAsync("tidepool", "prod", Monday.AddHours(-1), Monday.AddDays(14));

        // Then
        users.Select(u => (u.User, u.FirstSeen)).OrderBy(u => u.User, StringComparer.Ordinal).ShouldBe([("ana", Monday), ("kofi", Monday.AddDays(1))]);
    }

    [Fact]
    public async Task ActiveUsers_TwoCommunitiesPrometheus_ArePacedApart()
    {
        // Given a client that asks each Prometheus at most twice a minute
        await using var clock = FakeClock.Start();
        await using var host = await StartAsync(Usage());
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = Seed.ClientLogins(), RequestsPerMinute = 2 }, clock.Time);

        // When tidepool's Prometheus is asked twice, then heliolab's, then tidepool's a third time
        var start = clock.Now;
        await client.ActiveUsersAsync("tidepool", "prod", Monday, Monday.AddDays(14));
        await client.ActiveUsersAsync("tidepool", "staging", Monday, Monday.AddDays(14));
        await client.ActiveUsersAsync("heliolab", "prod", Monday, Monday.AddDays(14));
        var heliolabAnswered = clock.Now;
        await client.ActiveUsersAsync("tidepool", "prod", Monday, Monday.AddDays(14));

        // Then heliolab's did not wait for tidepool's pace, and tidepool's third waited for its own minute
        (heliolabAnswered - start).ShouldBeLessThan(TimeSpan.FromSeconds(30));
        (clock.Now - start).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task ActiveUsers_ServiceUnavailableOnce_RetriesAndAnswers()
    {
        // Given a Prometheus that fails the first query
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.ServiceUnavailable, Times: 1));
        await using var host = await StartAsync(Usage(), faults);
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = Seed.ClientLogins(), BaseBackoff = TimeSpan.FromMilliseconds(1) });

        // When
        var users = await client.ActiveUsersAsync("tidepool", "prod", Monday, Monday.AddDays(14));

        // Then
        users.Count.ShouldBe(2);
        faults.Injected.ShouldBe(1);
    }

    [Fact]
    public async Task ActiveUsers_ServerKeepsFailing_ThrowsASentenceNamingPrometheus()
    {
        // Given
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.InternalServerError, Times: 10));
        await using var host = await StartAsync(Usage(), faults);
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = Seed.ClientLogins(), MaxRetries = 1, BaseBackoff = TimeSpan.FromMilliseconds(1) });

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ActiveUsersAsync("tidepool", "prod", Monday, Monday.AddDays(14)));

        // Then
        error.Service.ShouldBe("prometheus");
        error.Status.ShouldBe(500);
        error.Message.ShouldBe("Prometheus refused to read the usage of hub prod of tidepool (500): the sandbox was told to fail this request.");
    }

    [Fact]
    public async Task ExportJson_ImportedAgain_KeepsTheSeries()
    {
        // Given
        var store = new PrometheusStore(Usage());

        // When
        var again = new PrometheusStore(state: PrometheusStore.ImportJson(store.ExportJson()));

        // Then
        again.Series.Count.ShouldBe(6);
        again.Series[0].Labels["pod"].ShouldBe("jupyter-ana");
        again.Series[0].Samples[0].ShouldBe(Monday);
    }

    [Fact]
    public async Task QueryRange_TwoCommunitiesWithAProdHub_EachPrefixAnswersOnlyItsOwnSeries()
    {
        // Given tidepool's and heliolab's Prometheus, each with a prod namespace
        await using var host = await StartAsync(Usage());

        // When both are asked the same query
        var (_, tidepool) = await GetAsync(host, UsageQuery, Monday, Monday.AddDays(3), "300");
        var (_, heliolab) = await GetAsync(host, UsageQuery, Monday, Monday.AddDays(3), "300", "heliolab");

        // Then each answers with its own users
        Users(tidepool).ShouldBe(["ana", "kofi"]);
        Users(heliolab).ShouldBe(["zoe"]);
    }

    [Fact]
    public async Task QueryRange_WithoutACommunityPrefix_IsNotFound()
    {
        // Given
        await using var host = await StartAsync(Usage());
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = Login();

        // When
        using var response = await http.GetAsync(new Uri("api/v1/query_range?query=kube_pod_annotations&start=0&end=60&step=15", UriKind.Relative));

        // Then
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sandbox-prometheus:wrong")]
    [InlineData("not base64 at all")]
    public async Task QueryRange_WithoutTheLogin_AnswersTheProxys401(string? login)
    {
        // Given
        await using var host = await StartAsync(Usage());
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, "tidepool/api/v1/query_range?query=kube_pod_annotations&start=0&end=60&step=15"));
        if (login is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", login.Contains(':', StringComparison.Ordinal) ? Convert.ToBase64String(Encoding.UTF8.GetBytes(login)) : login);

        // When
        using var response = await http.SendAsync(request);

        // Then: the challenge and the HTML page of an nginx proxy, not Prometheus' JSON
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Basic realm=\"Authentication Required\"");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<title>401 Authorization Required</title>");
    }

    [Fact]
    public async Task ActiveUsers_WrongPassword_ThrowsASentenceNamingTheVariablesNotThePassword()
    {
        // Given
        await using var host = await StartAsync(Usage());
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = Shared(new PrometheusLogin(Seed.Username, "hunter2-wrong")) });

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ActiveUsersAsync("tidepool", "prod", Monday, Monday.AddDays(14)));

        // Then
        error.Status.ShouldBe(401);
        error.Message.ShouldBe($"The Prometheus at {host.BaseAddress.GetLeftPart(UriPartial.Authority)} refused to read the usage of hub prod of tidepool (401): the login was refused. Set PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD to the login of the proxy in front of it.");
        error.Message.ShouldNotContain("hunter2");
    }

    [Theory]
    [InlineData(PrometheusBadAnswer.NotJson, "its body is not a JSON object")]
    [InlineData(PrometheusBadAnswer.StatusNotAString, "status is 1, not success")]
    [InlineData(PrometheusBadAnswer.StatusNotSuccess, "status is \"pending\", not success")]
    [InlineData(PrometheusBadAnswer.WrongResultType, "data.resultType is \"vector\", not matrix")]
    [InlineData(PrometheusBadAnswer.ResultNotAList, "data.result is not a list")]
    [InlineData(PrometheusBadAnswer.PointNotAPair, "data.result[0].values[0] is not a [time, \"value\"] pair")]
    [InlineData(PrometheusBadAnswer.TimeAString, "data.result[0].values[0] has the time \"")]
    [InlineData(PrometheusBadAnswer.TimeHuge, "data.result[0].values[0] has the time 1e300, outside the range asked about")]
    [InlineData(PrometheusBadAnswer.TimeOutsideRange, ", outside the range asked about")]
    [InlineData(PrometheusBadAnswer.TimeRepeated, "data.result[0].values[1] is not later than the point before it")]
    [InlineData(PrometheusBadAnswer.ValueNaN, "data.result[0].values[0] has the value \"NaN\", where kube_pod_annotations is 1 while a pod exists")]
    [InlineData(PrometheusBadAnswer.ValueInfinite, "has the value \"+Inf\", not a number")]
    [InlineData(PrometheusBadAnswer.ValueNegative, "has the value \"-1\", where kube_pod_annotations is 1")]
    [InlineData(PrometheusBadAnswer.ValueHuge, "has the value \"1e308\", where kube_pod_annotations is 1")]
    [InlineData(PrometheusBadAnswer.ValueNotANumber, "has the value \"lots\", not a number")]
    [InlineData(PrometheusBadAnswer.ValueNotAString, "has the value 1, not a number in a string")]
    [InlineData(PrometheusBadAnswer.UserNotAString, "data.result[0].metric.annotation_hub_jupyter_org_username is 42, not a user name")]
    [InlineData(PrometheusBadAnswer.UserRepeated, "data.result[1] repeats the user of an earlier series")]
    [InlineData(PrometheusBadAnswer.TooManySeries, "data.result has 50001 series, more than the 50000 users a hub could have had")]
    [InlineData(PrometheusBadAnswer.TooManyPoints, "data.result[0].values has 4100 points, more than the 4033 steps of the range asked about")]
    [InlineData(PrometheusBadAnswer.HugeBody, "its body is larger than 16 MiB")]
    public async Task ActiveUsers_BadAnswer_ThrowsASentenceNamingTheCommunityTheHubAndWhatIsWrong(PrometheusBadAnswer kind, string what)
    {
        // Given tidepool's Prometheus answering with a bad body
        var emulator = new PrometheusEmulator(Usage());
        emulator.AnswerBadly("tidepool", kind);
        await using var host = await EmulatorHost.StartAsync(emulator, new RequestJournal());
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = Seed.ClientLogins(), MaxRetries = 0 });

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ActiveUsersAsync("tidepool", "prod", Monday, Monday.AddDays(14)));

        // Then nothing of it is counted, and the sentence says whose answer and what was wrong with it
        error.Service.ShouldBe("prometheus");
        error.Message.ShouldStartWith("The answer of tidepool's Prometheus about hub prod was refused, so nothing of it was counted: ");
        error.Message.ShouldContain(what);
        error.Message.ShouldNotContain(Seed.Password);
    }

    [Fact]
    public async Task ActiveUsers_OneCommunityAnswersBadly_TheOthersAnswerAsBefore()
    {
        // Given tidepool's Prometheus answering badly
        var emulator = new PrometheusEmulator(Usage());
        emulator.AnswerBadly("tidepool", PrometheusBadAnswer.ValueNaN);
        await using var host = await EmulatorHost.StartAsync(emulator, new RequestJournal());
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = Seed.ClientLogins() });

        // When heliolab's is asked
        var users = await client.ActiveUsersAsync("heliolab", "prod", Monday.AddHours(-1), Monday.AddDays(14));

        // Then
        users.Select(u => u.User).ShouldBe(["zoe"]);
    }

    [Fact]
    public async Task QueryRange_CommunityWithItsOwnLogin_AcceptsThatLoginAndNoOther()
    {
        // Given heliolab's Prometheus with a login of its own; tidepool's takes the shared one
        var seed = Usage() with { CommunityLogins = new Dictionary<string, PrometheusLogin>(StringComparer.Ordinal) { ["heliolab"] = new("helio", "helio-secret") } };
        await using var host = await StartAsync(seed);

        // When each is asked with each login
        var sharedAtHeliolab = await StatusAsync(host, "heliolab", Seed.Username, Seed.Password);
        var ownAtHeliolab = await StatusAsync(host, "heliolab", "helio", "helio-secret");
        var heliolabsAtTidepool = await StatusAsync(host, "tidepool", "helio", "helio-secret");
        var sharedAtTidepool = await StatusAsync(host, "tidepool", Seed.Username, Seed.Password);

        // Then a Prometheus answers only the login meant for it
        sharedAtHeliolab.ShouldBe(HttpStatusCode.Unauthorized);
        ownAtHeliolab.ShouldBe(HttpStatusCode.OK);
        heliolabsAtTidepool.ShouldBe(HttpStatusCode.Unauthorized);
        sharedAtTidepool.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ActiveUsers_NoLoginMeantForTheCommunity_SendsNoRequestAndNamesTheVariables()
    {
        // Given only the shared login, and a configuration that lists nobody for it
        var journal = new RequestJournal();
        await using var host = await EmulatorHost.StartAsync(new PrometheusEmulator(Usage()), journal);
        var variables = new Dictionary<string, string> { ["PROMETHEUS_USERNAME"] = Seed.Username, ["PROMETHEUS_PASSWORD"] = Seed.Password };
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = Address(host), Logins = PrometheusLogins.FromVariables(variables.GetValueOrDefault, []) });

        // When
        var gap = client.LoginGap("tidepool");
        var error = await Should.ThrowAsync<ServiceException>(() => client.ActiveUsersAsync("tidepool", "prod", Monday, Monday.AddDays(14)));

        // Then
        gap.ShouldNotBeNull().IsMistake.ShouldBeFalse();
        error.Message.ShouldStartWith("tidepool's Prometheus was not asked: no login is meant for it. Set PROMETHEUS_TIDEPOOL_USERNAME and PROMETHEUS_TIDEPOOL_PASSWORD");
        journal.Entries.ShouldBeEmpty();
    }

    private static async Task<HttpStatusCode> StatusAsync(EmulatorHost host, string community, string user, string password)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, $"{community}/api/v1/query_range?query=kube_pod_annotations&start=0&end=60&step=15"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static readonly PrometheusSeed Seed = new();

    /// <summary>One login for every community, as the shared login is sent to the communities listed for it.</summary>
    private static PrometheusLogins Shared(PrometheusLogin login) =>
        new(_ => PrometheusLoginChoice.Use(login, "PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD"));

    private static PrometheusAddress Address(EmulatorHost host) => new(host.BaseAddress.AbsoluteUri + "{community}/");

    private static AuthenticationHeaderValue Login() => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Seed.Username}:{Seed.Password}")));

    private static List<string> Users(JsonNode body) =>
        [.. body["data"]!["result"]!.AsArray().Select(r => (string)r!["metric"]![PrometheusSeed.UserLabel]!)];

    private static Task<EmulatorHost> StartAsync(PrometheusSeed seed, FaultPlan? faults = null) =>
        EmulatorHost.StartAsync(new PrometheusEmulator(seed), new RequestJournal(), faults);

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(EmulatorHost host, string query, DateTimeOffset start, DateTimeOffset end, string step, string community = "tidepool")
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseAddress, community + "/") };
        http.DefaultRequestHeaders.Authorization = Login();
        var path = $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step={step}";
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

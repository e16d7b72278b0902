using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Onboarding.Core.Services;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Prometheus;
using Onboarding.Services.Prometheus;

namespace Onboarding.Sandbox.Tests.Prometheus;

public sealed class PrometheusEmulatorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static readonly string UsageQuery = PrometheusClient.UsageQuery("prod");

    private static PrometheusSeed Usage() => new()
    {
        Series =
        [
            PrometheusSeed.UserPod("prod", "ana", Monday, TimeSpan.FromMinutes(30)),
            PrometheusSeed.UserPod("prod", "ana", Monday.AddDays(2), TimeSpan.FromMinutes(10)),
            PrometheusSeed.UserPod("prod", "kofi", Monday.AddDays(1), TimeSpan.FromMinutes(3)),
            PrometheusSeed.UserPod("staging", "lena", Monday, TimeSpan.FromHours(1)),
            new PrometheusSeries(PrometheusSeed.PodAnnotations, new Dictionary<string, string> { ["namespace"] = "prod", ["pod"] = "hub-5d9f" }, [Monday]),
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
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
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
        using var client = new PrometheusClient(new PrometheusClientOptions { BaseAddress = host.BaseAddress });

        // When
        var users = await client.ActiveUsersAsync("prod", Monday.AddHours(-1), Monday.AddDays(14));

        // Then
        users.Select(u => (u.User, u.FirstSeen)).OrderBy(u => u.User, StringComparer.Ordinal).ShouldBe([("ana", Monday), ("kofi", Monday.AddDays(1))]);
    }

    [Fact]
    public async Task ActiveUsers_ServiceUnavailableOnce_RetriesAndAnswers()
    {
        // Given a Prometheus that fails the first query
        var faults = new FaultPlan().Add(new FaultRule(FaultKind.ServiceUnavailable, Times: 1));
        await using var host = await StartAsync(Usage(), faults);
        using var client = new PrometheusClient(new PrometheusClientOptions { BaseAddress = host.BaseAddress, BaseBackoff = TimeSpan.FromMilliseconds(1) });

        // When
        var users = await client.ActiveUsersAsync("prod", Monday, Monday.AddDays(14));

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
        using var client = new PrometheusClient(new PrometheusClientOptions { BaseAddress = host.BaseAddress, MaxRetries = 1, BaseBackoff = TimeSpan.FromMilliseconds(1) });

        // When
        var error = await Should.ThrowAsync<ServiceException>(() => client.ActiveUsersAsync("prod", Monday, Monday.AddDays(14)));

        // Then
        error.Service.ShouldBe("prometheus");
        error.Status.ShouldBe(500);
        error.Message.ShouldBe("Prometheus refused to read the usage of hub prod (500): the sandbox was told to fail this request.");
    }

    [Fact]
    public async Task ExportJson_ImportedAgain_KeepsTheSeries()
    {
        // Given
        var store = new PrometheusStore(Usage());

        // When
        var again = new PrometheusStore(state: PrometheusStore.ImportJson(store.ExportJson()));

        // Then
        again.Series.Count.ShouldBe(5);
        again.Series[0].Labels["pod"].ShouldBe("jupyter-ana");
        again.Series[0].Samples[0].ShouldBe(Monday);
    }

    private static Task<EmulatorHost> StartAsync(PrometheusSeed seed, FaultPlan? faults = null) =>
        EmulatorHost.StartAsync(new PrometheusEmulator(seed), new RequestJournal(), faults);

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(EmulatorHost host, string query, DateTimeOffset start, DateTimeOffset end, string step)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var path = $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step={step}";
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

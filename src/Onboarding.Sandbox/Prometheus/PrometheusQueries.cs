using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Prometheus;

/// <summary>An error in Prometheus' envelope: <c>{"status":"error","errorType":…,"error":…}</c>.</summary>
internal sealed class PrometheusProblem : EmulatorProblem
{
    public PrometheusProblem(int status, string errorType, string error)
        : base(status, error)
    {
        ErrorType = errorType;
    }

    public string ErrorType { get; }

    public override EmulatorResponse ToResponse(HttpContext context) =>
        new(Status, new JsonObject { ["status"] = "error", ["errorType"] = ErrorType, ["error"] = Message });
}

/// <summary>
/// <c>/api/v1/query_range</c>, evaluated over the stored series: at each step a series has the value of its latest
/// sample no older than the 5-minute lookback, as Prometheus evaluates instant vectors.
/// </summary>
internal sealed class PrometheusQueries(PrometheusStore store)
{
    /// <summary>Prometheus refuses range queries with more points than this per series.</summary>
    public const int MaxPointsPerSeries = 11_000;

    /// <summary>How far back an instant evaluation looks for a sample (Prometheus' default <c>--query.lookback-delta</c>).</summary>
    public static readonly TimeSpan LookbackDelta = TimeSpan.FromMinutes(5);

    /// <param name="parameters">The URL's parameters and, for a form POST, the form's: Prometheus reads both.</param>
    public EmulatorResponse QueryRange(string community, IReadOnlyDictionary<string, string> parameters)
    {
        var text = parameters.GetValueOrDefault("query", "");
        if (!TryTime(parameters, "start", out var start, out var problem)
            || !TryTime(parameters, "end", out var end, out problem)
            || !TryStep(parameters, out var step, out problem))
        {
            throw BadData(problem!);
        }

        if (end < start)
            throw BadData("end timestamp must not be before start time");
        if ((end - start) / step >= MaxPointsPerSeries)
            throw BadData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");

        PromQuery query;
        try
        {
            query = PromQuery.Parse(text);
        }
        catch (FormatException e)
        {
            throw BadData($"invalid parameter \"query\": {e.Message}");
        }

        return new EmulatorResponse(StatusCodes.Status200OK, new JsonObject
        {
            ["status"] = "success",
            ["data"] = new JsonObject { ["resultType"] = "matrix", ["result"] = Evaluate(community, query, start, end, step) },
        });
    }

    private static PrometheusProblem BadData(string error) => new(StatusCodes.Status400BadRequest, "bad_data", error);

    /// <summary>Each selected series (or each group of <c>max by</c>) with its value at every step where it has one.</summary>
    private JsonArray Evaluate(string community, PromQuery query, decimal start, decimal end, decimal step)
    {
        var selected = store.SeriesOf(community).Where(query.Selects).ToList();
        var groups = query.MaxBy is { } by
            ? selected.GroupBy(s => s.Labels.GetValueOrDefault(by, ""), StringComparer.Ordinal)
                .Select(g => (Labels: g.Key.Length == 0 ? new SortedDictionary<string, string>(StringComparer.Ordinal) : new SortedDictionary<string, string>(StringComparer.Ordinal) { [by] = g.Key }, Series: g.ToList()))
            : selected.Select(s => (Labels: new SortedDictionary<string, string>(s.Labels.ToDictionary(), StringComparer.Ordinal) { ["__name__"] = s.Metric }, Series: new List<PrometheusSeries> { s }));

        var lookback = (decimal)LookbackDelta.TotalSeconds;
        var result = new List<(string Key, JsonObject Item)>();
        foreach (var (labels, series) in groups)
        {
            var samples = series.SelectMany(s => s.Samples).Select(Seconds).Order().ToArray();
            var values = new JsonArray();
            for (var t = start; t <= end; t += step)
            {
                // Every sample has value 1, so the max over the group is 1 wherever any member has a sample in the lookback.
                var index = Array.BinarySearch(samples, t);
                var latest = index >= 0 ? index : ~index - 1;
                if (latest >= 0 && samples[latest] > t - lookback)
                    // Prometheus writes the timestamp as a JSON number of seconds and the value as a string.
                    values.Add(new JsonArray(JsonValue.Create((double)t), "1"));
            }

            if (values.Count == 0)
                continue;
            var metric = new JsonObject();
            foreach (var (name, value) in labels)
                metric[name] = value;
            result.Add((string.Join(',', labels.Select(l => $"{l.Key}={l.Value}")), new JsonObject { ["metric"] = metric, ["values"] = values }));
        }

        return [.. result.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (JsonNode)r.Item)];
    }

    private static decimal Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000m;

    /// <summary>A Unix timestamp in seconds (fractions allowed) or RFC 3339, as Prometheus accepts.</summary>
    private static bool TryTime(IReadOnlyDictionary<string, string> parameters, string name, out decimal seconds, out string? problem)
    {
        var text = parameters.GetValueOrDefault(name, "");
        problem = null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds))
            return true;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            seconds = Seconds(at);
            return true;
        }

        problem = $"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid timestamp";
        return false;
    }

    /// <summary>Seconds (fractions allowed) or a duration such as 5m, 1h, 30s.</summary>
    private static bool TryStep(IReadOnlyDictionary<string, string> parameters, out decimal seconds, out string? problem)
    {
        var text = parameters.GetValueOrDefault("step", "");
        problem = null;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
        {
            var unit = text.Length > 1 ? text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => 0 } : 0;
            if (unit == 0 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                problem = $"invalid parameter \"step\": cannot parse \"{text}\" to a valid duration";
                return false;
            }

            seconds = (decimal)count * unit;
        }

        if (seconds <= 0)
        {
            problem = "zero or negative query resolution step widths are not accepted. Try a positive integer";
            return false;
        }

        return true;
    }
}

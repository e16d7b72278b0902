using System.Text.Json;

namespace Onboarding.Sandbox.Prometheus;

/// <summary>The series the emulator holds; kept between sandbox runs like the other services' records.</summary>
public sealed record PrometheusState(IReadOnlyList<PrometheusSeries> Series);

/// <summary>The series of the emulated Prometheus. Thread-safe; tests add usage while the emulator runs.</summary>
public sealed class PrometheusStore
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private readonly List<PrometheusSeries> _series;

    public PrometheusStore(PrometheusSeed? seed = null, PrometheusState? state = null)
    {
        Seed = seed ?? new PrometheusSeed();
        _series = [.. state?.Series ?? Seed.Series];
    }

    public PrometheusSeed Seed { get; }

    /// <summary>The series of one community's Prometheus.</summary>
    public IReadOnlyList<PrometheusSeries> SeriesOf(string community)
    {
        lock (_gate)
        {
            return [.. _series.Where(s => string.Equals(s.Community, community, StringComparison.Ordinal))];
        }
    }

    public IReadOnlyList<PrometheusSeries> Series
    {
        get
        {
            lock (_gate)
            {
                return [.. _series];
            }
        }
    }

    /// <summary>Adds scraped samples, as if the pods had run (not an API of Prometheus: usage only arrives by scraping).</summary>
    public void Add(params IEnumerable<PrometheusSeries> series)
    {
        lock (_gate)
        {
            _series.AddRange(series);
        }
    }

    public string ExportJson()
    {
        lock (_gate)
        {
            return JsonSerializer.Serialize(new PrometheusState([.. _series]), StateJson);
        }
    }

    /// <exception cref="JsonException">The text is not a saved Prometheus.</exception>
    public static PrometheusState ImportJson(string json)
    {
        var state = JsonSerializer.Deserialize<PrometheusState>(json, StateJson) ?? throw new JsonException("The Prometheus state is empty.");
        if (state.Series is null || state.Series.Any(s => s is null || s.Community is null || s.Metric is null || s.Labels is null || s.Samples is null))
            throw new JsonException("A Prometheus series lacks its community, metric, labels or samples.");
        return state;
    }
}

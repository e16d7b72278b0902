using System.Text.Json;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Prometheus;

/// <summary>The series the emulator holds; kept between sandbox runs like the other services' records.</summary>
public sealed record PrometheusState(List<PrometheusSeries> Series);

/// <summary>The series of every community's emulated Prometheus, behind one lock; tests add usage while the emulator runs.</summary>
public sealed class PrometheusStore : ServiceStore<PrometheusState>
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);

    /// <param name="state">What <see cref="ImportJson"/> read; null starts from the seed's series.</param>
    public PrometheusStore(PrometheusSeed? seed = null, TimeProvider? time = null, PrometheusState? state = null)
        : this(time ?? TimeProvider.System, seed ?? new PrometheusSeed(), state)
    {
    }

    private PrometheusStore(TimeProvider time, PrometheusSeed seed, PrometheusState? state)
        : base(new PrometheusState([.. state?.Series ?? seed.Series]), time, StateJson)
    {
        Seed = seed;
    }

    public PrometheusSeed Seed { get; }

    public IReadOnlyList<PrometheusSeries> Series => Read<IReadOnlyList<PrometheusSeries>>(state => [.. state.Series]);

    /// <summary>Adds scraped samples, as if the pods had run (not an API of Prometheus: usage only arrives by scraping).</summary>
    public void Add(params IEnumerable<PrometheusSeries> series) => Change(state => state.Series.AddRange(series));

    /// <exception cref="JsonException">The text is not a saved Prometheus.</exception>
    public static PrometheusState ImportJson(string json)
    {
        var state = JsonSerializer.Deserialize<PrometheusState>(json, StateJson) ?? throw new JsonException("The Prometheus state is empty.");
        if (state.Series is null || state.Series.Any(s => s is null || s.Community is null || s.Metric is null || s.Labels is null || s.Samples is null))
            throw new JsonException("A Prometheus series lacks its community, metric, labels or samples.");
        return state;
    }

    /// <summary>The series of one community's Prometheus (under the lock).</summary>
    internal IEnumerable<PrometheusSeries> SeriesOf(string community) =>
        State.Series.Where(s => string.Equals(s.Community, community, StringComparison.Ordinal));
}

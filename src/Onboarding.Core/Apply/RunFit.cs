using System.Globalization;
using Onboarding.Core.Configuration;

namespace Onboarding.Core.Apply;

/// <summary>The runs over many communities whose requests the budget is checked for before they start.</summary>
public enum RunKind
{
    /// <summary><c>apply --all</c> (and apply on a push).</summary>
    Apply,

    /// <summary><c>drift</c>.</summary>
    Drift,

    /// <summary><c>first-value</c>.</summary>
    FirstValue,
}

/// <summary>
/// The requests a run makes, per bucket: <see cref="PerCommunity"/> for each community it reads, plus
/// <see cref="PerRun"/> once (listings, pipelines, labels).
/// </summary>
public sealed record RunCost(IReadOnlyDictionary<RequestBucket, double> PerCommunity, IReadOnlyDictionary<RequestBucket, double> PerRun)
{
    public double Of(IEnumerable<RequestBucket> buckets, int communities) =>
        buckets.Sum(b => PerCommunity.GetValueOrDefault(b) * communities + PerRun.GetValueOrDefault(b));
}

/// <summary>
/// The known costs of today's reader, measured with <c>bench -- nightly</c> on generated communities in the sandbox
/// (docs/benchmarks.md, "Nightly"): the requests of a run that changes nothing, per community, averaged. A run that
/// makes changes costs more (a few requests per change), so a budget that fits only with nothing to spare may still
/// come short; the pace then keeps to the limits and the run just takes longer. Measure again when the reader changes.
/// </summary>
public static class RunCosts
{
    /// <summary>The cost of a run of <paramref name="kind"/>, read in <paramref name="bulk"/> or one community at a time.</summary>
    public static RunCost Of(RunKind kind, bool bulk) => bulk && kind is not RunKind.FirstValue ? InBulk(kind) : Of(kind);

    /// <summary>
    /// Reading in bulk, a community costs its share of the pages it is listed on (about 100 records a page or batch),
    /// and a run a few listings: measured with <c>bench -- nightly</c> at 100 and 1,000 communities (docs/benchmarks.md),
    /// rounded up. Freshdesk's ticket listing grows with every ticket of the help desk, not only ours, so its share is
    /// set for a help desk with ten times as many tickets as onboarding made.
    /// </summary>
    private static RunCost InBulk(RunKind kind) => new(
        new Dictionary<RequestBucket, double>
        {
            [RequestBucket.HubSpotOther] = 0.08,
            [RequestBucket.FreshdeskTicketsList] = 0.3,
            [RequestBucket.FreshdeskContactsList] = 0.03,
            [RequestBucket.FreshdeskOther] = 0.02,
        },
        new Dictionary<RequestBucket, double>
        {
            [RequestBucket.HubSpotOther] = kind == RunKind.Drift ? 8 : 6,
            [RequestBucket.FreshdeskTicketsList] = 1,
            [RequestBucket.FreshdeskContactsList] = 1,
            [RequestBucket.FreshdeskOther] = 1,
        });

    /// <summary>The cost of a run of <paramref name="kind"/> that reads one community at a time, by its keys.</summary>
    public static RunCost Of(RunKind kind) => kind switch
    {
        // Each community: its Community record, deal, contacts and their labels from HubSpot; its company and the
        // contacts (a list each), its tickets (a list) from Freshdesk. Once a run: the association labels.
        RunKind.Apply => new(ReadOneCommunity, new Dictionary<RequestBucket, double> { [RequestBucket.HubSpotOther] = 1 }),
        // The same reads, and once a run the list of Community records (for records without a manifest).
        RunKind.Drift => new(ReadOneCommunity, new Dictionary<RequestBucket, double> { [RequestBucket.HubSpotOther] = 2 }),
        // Prometheus for each deployed hub (its client keeps to 30 a minute); HubSpot and GitHub only for a hub that
        // reached First Value, a handful a night.
        RunKind.FirstValue => new(new Dictionary<RequestBucket, double>(), new Dictionary<RequestBucket, double>()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a run."),
    };

    private static readonly Dictionary<RequestBucket, double> ReadOneCommunity = new()
    {
        [RequestBucket.HubSpotOther] = 5,
        [RequestBucket.FreshdeskTicketsList] = 1,
        [RequestBucket.FreshdeskContactsList] = 2,
        [RequestBucket.FreshdeskOther] = 2,
    };
}

/// <summary>
/// Whether a run over <see cref="Total"/> communities fits its budget (each limit's allowance over the run's time,
/// <see cref="BudgetLimit.AllowedIn"/>), and if not how many do (<see cref="Fits"/>) and which limit decides.
/// </summary>
public sealed record RunFit(int Total, int Fits, BudgetLimit? Deciding, TimeSpan Run)
{
    public bool All => Fits >= Total;

    public static RunFit Of(int communities, RunCost cost, IReadOnlyList<BudgetLimit> limits, TimeSpan run)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(limits);
        var fits = communities;
        BudgetLimit? deciding = null;
        foreach (var limit in limits)
        {
            var allowed = limit.AllowedIn(run);
            if (cost.Of(limit.Counts, communities) <= allowed)
                continue;
            var perCommunity = cost.Of(limit.Counts, 1) - cost.Of(limit.Counts, 0);
            var room = allowed - cost.Of(limit.Counts, 0);
            var n = perCommunity <= 0 ? communities : (int)Math.Max(0, Math.Floor(room / perCommunity));
            if (n < fits)
            {
                fits = n;
                deciding = limit;
            }
        }

        // A run always does at least one community, so a budget too small for one still moves on, one a run.
        return new RunFit(communities, Math.Max(Math.Min(1, communities), fits), deciding, run);
    }

    /// <summary>
    /// The communities this run does, from <paramref name="inNameOrder"/>: all when they fit; otherwise <see cref="Fits"/>
    /// of them in a row, starting where the day's turn puts it (day × <see cref="Fits"/>, around the end), so each day's
    /// run goes on after the previous day's and every community comes round within ⌈Total / Fits⌉ days.
    /// </summary>
    public IReadOnlyList<T> Choose<T>(IReadOnlyList<T> inNameOrder, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(inNameOrder);
        if (All || inNameOrder.Count == 0)
            return inNameOrder;
        var start = Start(today);
        return [.. Enumerable.Range(0, Fits).Select(i => inNameOrder[(start + i) % inNameOrder.Count])];
    }

    public int Start(DateOnly today) => All ? 0 : (int)((long)today.DayNumber * Fits % Total);

    /// <summary>The one sentence a run that does not fit says before it starts; null when it fits.</summary>
    public string? Sentence(string what, string first, string last)
    {
        if (All)
            return null;
        var minutes = Run.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"This {what} does not fit its budget: {Deciding?.Name} allows {Deciding?.Words()}, enough in {minutes} minute{(Run.TotalMinutes == 1 ? "" : "s")} (run_minutes) for {Fits:N0} of the {Total:N0} communities, " +
            $"so it does those from {first} to {last} in name order and leaves {Total - Fits:N0} for the next run, which goes on after {last} (tomorrow's turn).");
    }
}

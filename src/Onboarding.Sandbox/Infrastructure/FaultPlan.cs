using System.Text.RegularExpressions;

namespace Onboarding.Sandbox.Infrastructure;

public enum FaultKind
{
    /// <summary>429 in the service's own shape (Retry-After, rate-limit body).</summary>
    RateLimited,
    InternalServerError,
    BadGateway,
    ServiceUnavailable,
    /// <summary>The response is delayed by <see cref="FaultRule.Delay"/>, then served normally.</summary>
    Slow,
    /// <summary>No answer until the client gives up (bounded by <see cref="FaultRule.Delay"/>, then 504).</summary>
    Timeout,
    /// <summary>The TCP connection is aborted before any response is written.</summary>
    ConnectionReset,
    /// <summary>The request is handled and its change kept, but the client sees a 500: "committed, then failed".</summary>
    FailAfterCommit,
}

/// <summary>Which requests a fault hits. <paramref name="Skip"/> matching requests pass first, then the next <paramref name="Times"/> fail.</summary>
public sealed record FaultRule(
    FaultKind Kind,
    string? Method = null,
    string PathPattern = ".*",
    int Times = 1,
    int Skip = 0,
    TimeSpan? Delay = null,
    int RetryAfterSeconds = 1)
{
    internal Regex Path { get; } = new(PathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}

/// <summary>
/// A number of requests shared by several emulators, after which every request is cut off: a process that died at
/// that point, whichever service it was talking to.
/// </summary>
public sealed class RequestBudget(int requests)
{
    private int _left = requests;

    public bool TryTake() => Interlocked.Decrement(ref _left) >= 0;
}

/// <summary>
/// The faults one emulator injects: a script of rules, and optionally random faults drawn from a seed.
/// Deterministic for a given seed and request order; bounded by <see cref="MaxRandomFaults"/>.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int Seen, int Fired)> _rules = [];
    private Random? _random;
    private double _probability;
    private FaultKind[] _randomKinds = [];
    private int _randomFired;
    private RequestBudget? _budget;

    public int MaxRandomFaults { get; private set; }

    public int Injected { get; private set; }

    public static TimeSpan DefaultDelay { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Once <paramref name="budget"/> is spent, every request is reset.</summary>
    public FaultPlan CutOffAfter(RequestBudget budget)
    {
        lock (_gate)
        {
            _budget = budget;
        }

        return this;
    }

    public FaultPlan Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add((rule, 0, 0));
        }

        return this;
    }

    /// <summary>Each request fails with <paramref name="probability"/>, with a kind drawn from <paramref name="kinds"/>, at most <paramref name="maxFaults"/> times.</summary>
    public FaultPlan Randomly(int seed, double probability, int maxFaults, params FaultKind[] kinds)
    {
        lock (_gate)
        {
            _random = new Random(seed);
            _probability = probability;
            _randomKinds = kinds.Length == 0 ? Enum.GetValues<FaultKind>() : kinds;
            MaxRandomFaults = maxFaults;
            _randomFired = 0;
        }

        return this;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _random = null;
            _budget = null;
        }
    }

    /// <summary>The fault for this request, if any; counts it as injected.</summary>
    public FaultRule? Next(string method, string path)
    {
        lock (_gate)
        {
            if (_budget is not null && !_budget.TryTake())
            {
                Injected++;
                return new FaultRule(FaultKind.ConnectionReset);
            }

            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, seen, fired) = _rules[i];
                if (fired >= rule.Times)
                    continue;
                if (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (!rule.Path.IsMatch(path))
                    continue;
                seen++;
                if (seen <= rule.Skip)
                {
                    _rules[i] = (rule, seen, fired);
                    continue;
                }

                _rules[i] = (rule, seen, fired + 1);
                Injected++;
                return rule;
            }

            if (_random is not null && _randomFired < MaxRandomFaults && _random.NextDouble() < _probability)
            {
                _randomFired++;
                Injected++;
                var kind = _randomKinds[_random.Next(_randomKinds.Length)];
                return new FaultRule(kind, Delay: TimeSpan.FromMilliseconds(200), RetryAfterSeconds: 1);
            }

            return null;
        }
    }
}
